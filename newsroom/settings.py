"""Settings for the newsroom archive.

Everything that differs between a laptop and a production deployment is read from the
environment here, at the top, so one code base runs on SQLite + on-disk Whoosh by default and on
PostgreSQL + a Haystack server engine by configuration alone. Every variable is listed, with
its default, in `.env.example` and the README.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only
# Without a key the site refuses to serve (newsroom/wsgi.py, which runserver loads too), and
# `check --deploy` reports it; commands that serve nothing (migrate, import_articles,
# makemigrations) still run, since none of them signs anything.
SECRET_KEY_IS_SET = bool(SECRET_KEY)
MISSING_SECRET_KEY_MESSAGE = (
    "DJANGO_SECRET_KEY is not set. Set it to a long random string "
    "(or set DJANGO_DEBUG=1 for local development)."
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# HTTPS: on by default outside debug mode. DJANGO_HTTPS=0 only for a site reached over plain
# HTTP on a private network; DJANGO_BEHIND_PROXY=1 when a TLS-terminating proxy in front sets
# X-Forwarded-Proto (then the proxy, not Django, talks TLS to readers).
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# No inline script anywhere: pages use our own static files only. JSON-LD data blocks are
# not scripts to the browser and are unaffected.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW = 15 * 60

# Local state (the SQLite file, the Whoosh index, collected static files) lives under var/.
VAR_DIR = Path(env.str("NEWSROOM_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes share the file: the site's workers, an import and its search
    # indexer. Write-ahead logging lets them read while one writes; transactions that take
    # the write lock when they begin wait for it (up to `timeout` seconds) instead of
    # failing when a read would have to turn into a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

# The cache counts admin log-in failures; a file cache is shared by every worker on one
# machine. Several machines: CACHE_URL=redis://host:6379/1 (django-environ form).
CACHES = {"default": env.cache_url("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}

# The search engine: an on-disk Whoosh index by default, a Haystack server engine
# (elasticsearch7://host:9200/index, solr://host:8983/solr/core) by setting SEARCH_URL.
SEARCH_URL = env.str("SEARCH_URL", default=f"whoosh://{VAR_DIR / 'whoosh_index'}")
WHOOSH_ENGINE = "articles.search_backends.NewsroomWhooshEngine"


def haystack_connection(search_url):
    """Turn SEARCH_URL into a Haystack connection, using our Whoosh backend for whoosh://."""
    connection = environ.Env.search_url_config(search_url)
    if connection["ENGINE"] == "haystack.backends.whoosh_backend.WhooshEngine":
        connection["ENGINE"] = WHOOSH_ENGINE
    # "Did you mean": our Whoosh backend computes it only when asked and hits are few.
    connection["INCLUDE_SPELLING"] = True
    return connection


HAYSTACK_CONNECTIONS = {"default": haystack_connection(SEARCH_URL)}
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# Saves queue their index work in the same transaction (articles.search_queue); the queue is
# applied after the commit through the index's single writer, so no index write is lost.
HAYSTACK_SIGNAL_PROCESSOR = "articles.signals.QueuedSignalProcessor"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Before haystack, so our update_index (progress bar, queue drain) wins.
    "articles",
    "haystack",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# Hashed, compressed static files served by WhiteNoise (run `collectstatic` when deploying).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
