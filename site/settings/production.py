"""Production: every secret and host name comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError:
    raise ImproperlyConfigured(
        "Set the SECRET_KEY environment variable: production refuses to start without one."
    ) from None
if not SECRET_KEY.strip():
    raise ImproperlyConfigured(
        "SECRET_KEY is empty: production refuses to start without one."
    )

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "").split(",")
    if host.strip()
]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The edge runs on this machine: what it appends to X-Forwarded-For is true
# (see AXES_CLIENT_IP_CALLABLE in base.py). The environment variable
# TRUSTED_PROXIES replaces this list: keep these two in it.
TRUSTED_PROXIES = trusted_proxies(default="127.0.0.1,::1")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
