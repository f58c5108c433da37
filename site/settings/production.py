"""Production: every secret, host name and service comes from the environment.

It refuses to start, naming the variable, when SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL or REDIS_URL is missing: a site that starts on an empty
database, answers 400 to everyone, or keeps a cache in each process (where
one process's publication would not reach the others' remembered pages) is
worse than one that does not start.
"""

import os

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

from .base import *  # noqa: F403


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable: production refuses to start "
            "without it."
        )
    return value


def flag(name, default):
    """An on/off environment variable: 1/true/on/yes or 0/false/off/no."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "on", "yes"}:
        return True
    if value in {"0", "false", "off", "no"}:
        return False
    raise ImproperlyConfigured(f"{name} must be on or off, not {value!r}.")


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = [
    host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()
]
DATABASES = {
    "default": dj_database_url.parse(
        required("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
    )
}
# The shared cache (site/settings/base.py builds it from REDIS_URL).
required("REDIS_URL")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")

# HTTPS. The app redirects plain HTTP to HTTPS itself, unless the operator
# says TLS ends before the app (TLS_TERMINATED_BY_PROXY=on: a load balancer,
# Cloudflare or the edge does the redirect and says "X-Forwarded-Proto: https").
TLS_TERMINATED_BY_PROXY = flag("TLS_TERMINATED_BY_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not TLS_TERMINATED_BY_PROXY
# The health check answers over plain HTTP to the edge and load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
if TLS_TERMINATED_BY_PROXY:
    # The proxy redirects: Django's check would otherwise warn that it does not.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]

# HSTS: a year, subdomains included, and ready for the browsers' preload list
# (hstspreload.org: submitting is a separate, deliberate step). A domain with
# subdomains that are not all HTTPS sets HSTS_INCLUDE_SUBDOMAINS=off and
# HSTS_PRELOAD=off.
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = flag("HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = flag("HSTS_PRELOAD", default=True)

# The edge runs on this machine: what it appends to X-Forwarded-For is true
# (see AXES_CLIENT_IP_CALLABLE in base.py). The environment variable
# TRUSTED_PROXIES replaces this list: keep these two in it.
TRUSTED_PROXIES = trusted_proxies(default="127.0.0.1,::1")
# Every admin account signs in with a second factor (on unless the environment
# says ADMIN_REQUIRE_SECOND_FACTOR=off, which production should never).
ADMIN_REQUIRE_SECOND_FACTOR = flag("ADMIN_REQUIRE_SECOND_FACTOR", default=True)
# Passkeys are accepted from the public address, else from each host name over HTTPS.
OTP_WEBAUTHN_ALLOWED_ORIGINS = (
    [WAGTAILADMIN_BASE_URL.rstrip("/")]
    if WAGTAILADMIN_BASE_URL
    else [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# Static files: collectstatic writes them with a hash in their names (and
# compressed copies); WhiteNoise serves them from STATIC_ROOT, hashed names with
# far-future caching ("max-age=315360000, public, immutable"), the edge keeps them.
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Outgoing mail (the approval workflow's notifications): an SMTP server from
# the environment; without EMAIL_HOST, messages go to standard output.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = flag("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = flag("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "DMJ Computer Services <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Errors and security events, one JSON object per line on stderr, where the
# process manager (systemd, the container runtime) collects them for a log
# shipper. LOG_LEVEL=DEBUG or INFO for more.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.log_format.JSONFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # 5xx with their traceback; 4xx at warning (a 404 is not news).
        "django.request": {"level": "ERROR"},
        # DisallowedHost, CSRF failures, suspicious operations.
        "django.security": {"level": "WARNING"},
        # Sign-in lockouts.
        "axes": {"level": "WARNING"},
        # Refused admin actions, purges that failed, failed health checks.
        "security": {"level": "WARNING"},
        "home": {"level": "WARNING"},
        "policy": {"level": "WARNING"},
    },
}
