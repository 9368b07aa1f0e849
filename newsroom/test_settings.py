"""Test settings: only what tests need differs from production settings.

The index path is replaced per test by a fixture in tests/conftest.py; the database comes from
DATABASE_URL as usual, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
# The live test server speaks plain HTTP.
os.environ.setdefault("DJANGO_HTTPS", "0")

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic step before tests: serve static files from the app directories.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test process counts log-in failures on its own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# ... and let WhiteNoise find them there too, checked per request.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
