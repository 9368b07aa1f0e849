"""WSGI entry point for production servers (gunicorn newsroom.wsgi) and runserver.

The site refuses to start without a secret key: sessions, CSRF tokens and password-reset
links are all signed with it.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

if not settings.SECRET_KEY_IS_SET:
    raise ImproperlyConfigured(settings.MISSING_SECRET_KEY_MESSAGE)

application = get_wsgi_application()
