"""Settings shared by every environment.

The project package lives in the folder ``site/`` but is imported as ``config``:
``site`` is a module of Python's standard library (see pyproject.toml).
Templates, catalogues and static files are read from the package folder, so
that an installed wheel, which carries them, runs like a checkout.
"""

import ipaddress
import os
from pathlib import Path

from django.utils.translation import gettext_lazy

import dj_database_url
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

# The package folder (site/ in a checkout) and the folder above it (the checkout).
PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "caching",
    "access",
    "translating",
    "languages",
    "api",
    "policy",
    "search",
    "audit",
    "consent",
    "wagtail_localize",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "rest_framework",
    "corsheaders",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "wagtail_localize.locales",
    "wagtail.users",
    # Settings → Sites; the page explorer's root links to it for administrators.
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a remembered public response skips everything below.
    "caching.middleware.PublicCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # django-csp's CSPMiddleware, with the admin's own policy.
    "access.admin_csp.AdminContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "languages.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session passed the second factor (django-otp), and the admin
    # refused to a session that has not (access/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "access.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out of the admin after ADMIN_SESSION_IDLE_MINUTES without a request to it.
    "access.admin_session.AdminIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it refuses sign-ins from a locked-out account and address.
    "axes.middleware.AxesMiddleware",
]

# An admin session ends after this many minutes without a request to the admin
# (access/admin_session.py); the sign-in page then says so.
ADMIN_SESSION_IDLE_MINUTES = int(os.environ.get("ADMIN_SESSION_IDLE_MINUTES", 60))

# Repeated failed sign-ins lock the username-and-address pair (django-axes):
# the admin's and the front-end login form, and each page's password form
# (access/lockout.py). An administrator can unlock a pair (Settings → Lockouts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# And a username is refused from every address once it has this many failures,
# from all addresses together, within the cool-off time: someone trying a few
# passwords from each of many addresses (access/lockout.py, LockoutHandler).
SIGN_IN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ACCOUNT_FAILURE_LIMIT", 20))
AXES_HANDLER = "access.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
# A lock lasts the cool-off time from the failure that set it: attempts refused
# meanwhile are not counted, so someone who keeps trying (a person who forgot
# their password) is not kept out longer. They are refused before any password
# is checked, so they teach an attacker nothing either.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The lockout page, in the admin's or the site's layout and the visitor's language.
AXES_LOCKOUT_CALLABLE = "access.lockout.lockout_response"
# The visitor's address, not the proxy's (access/client_address.py): REMOTE_ADDR,
# and X-Forwarded-For read from the right only through the proxies listed in
# TRUSTED_PROXIES (addresses or networks, comma-separated in the environment
# variable of that name). None are trusted by default, so the address is
# REMOTE_ADDR and X-Forwarded-For is ignored: a client that reaches the app
# directly cannot choose the address it is counted under. Production trusts
# the edge on the same machine (config.settings.production); when Cloudflare
# is in front, add its ranges (https://www.cloudflare.com/ips/), or every
# visitor would be counted under a few Cloudflare addresses. A fixed number
# of proxies (django-ipware's proxy count) would not do: reached without
# Cloudflare, the origin would read an address the client wrote.
AXES_CLIENT_IP_CALLABLE = "access.client_address.client_ip"


# A second factor for every admin account (access/two_factor.py): an authenticator
# app (django-otp's TOTP), passkeys and security keys (django-otp-webauthn),
# and single-use recovery codes (django-otp's static tokens). On unless the
# environment variable ADMIN_REQUIRE_SECOND_FACTOR says off; the dev settings
# turn it off for make run's demo accounts, the tests' settings for the tests
# that sign in without it (tests/test_two_factor.py turns it on).
ADMIN_REQUIRE_SECOND_FACTOR = os.environ.get(
    "ADMIN_REQUIRE_SECOND_FACTOR", "on"
).strip().lower() not in {"0", "false", "off", "no"}
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "DMJ Computer Services"
# Passkeys are a second factor here, never a way in without the password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "DMJ Computer Services"
# A passkey belongs to the host name the admin is reached at (one of
# ALLOWED_HOSTS), and is accepted from these origins only: make run's here
# (browsers make passkeys for localhost, not 127.0.0.1); production's are
# its public address (config.settings.production).
OTP_WEBAUTHN_RP_ID_CALLABLE = "access.two_factor.relying_party_id"
# Names each new passkey ("Passkey added on …") for the list of one's devices.
OTP_WEBAUTHN_HELPER_CLASS = "access.two_factor.PasskeyHelper"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"http://localhost:{os.environ.get('PORT', '8000')}"]


def trusted_proxies(default=""):
    """The networks of TRUSTED_PROXIES in the environment; a mistyped one stops the start."""
    return [
        str(ipaddress.ip_network(proxy.strip(), strict=False))
        for proxy in os.environ.get("TRUSTED_PROXIES", default).split(",")
        if proxy.strip()
    ]


TRUSTED_PROXIES = trusted_proxies()

# Content-Security-Policy (django-csp). Public pages load nothing but the
# site's own stylesheet (and, for signed-in editors, Wagtail's user bar):
# no inline script or style, no other host, never framed.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin runs its own script files only (no eval, no inline script
# but two of wagtail-localize's, by hash), still needs inline styles, and frames
# its own previews (access/admin_csp.py uses this under /admin/ and for
# previews; tests/browser/test_admin_csp.py walks the admin under it).
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [
        SELF,
        # wagtail-localize's inline scripts, by their hashes (docs/operators.md,
        # Security):
        # the translation editor's chooser addresses ...
        "'sha256-lLVZz8vyF0vCZL3ZQcc+U/kumGW1SlEfDpwWrXLLSRw='",
        # ... and the "select all languages" box of the form that asks for a
        # translation.
        "'sha256-Zi6020hVNJQUtMOgLuIImaOaART6TyIrghPC9PESpjg='",
    ],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "form-action": [SELF],
    "base-uri": [SELF],
    "frame-ancestors": [SELF],
}

# Powerful browser features the site never uses, refused to it and to any frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
}

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# DATABASE_URL chooses the database (PostgreSQL in CI and production);
# without it, a SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the source language; French is translated from it.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
]
WAGTAIL_I18N_ENABLED = True
# The admin names the languages of pages in the user's own language (French
# admin: “Anglais”); the language switcher names each in itself (LANGUAGES).
WAGTAIL_CONTENT_LANGUAGES = [
    ("en", gettext_lazy("English")),
    ("fr", gettext_lazy("French")),
]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# How many days before a major change of the policy takes effect readers are
# told of it: the editor is warned before publishing one with less notice.
POLICY_NOTICE_PERIOD_DAYS = 30

STATIC_URL = "/static/"
# Where collectstatic writes and uploads go: the checkout by default.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# The shared cache: Redis when REDIS_URL is set (production, the tests of the
# production stack), this process's memory otherwise. It holds the public
# responses and the content generation that keeps them fresh (caching/generation.py).
# Without Redis the site serves from the database (slower): the backend gives
# up on Redis within a second (redis-py's timeouts; one retry on a new
# connection when one is refused or closed, none after a timeout), then skips
# it for `breaker_seconds` before trying again (caching/redis_cache.py).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "caching.redis_cache.ReusingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "dmj"),
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 1.0,
                "retry": Retry(
                    NoBackoff(), 1, supported_errors=(RedisConnectionError,)
                ),
                "breaker_seconds": 5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public responses are remembered in the shared cache (caching/generation.py);
# PUBLIC_RESPONSE_CACHE=off turns that off (headers stay), for measuring.
PUBLIC_RESPONSE_CACHE = os.environ.get("PUBLIC_RESPONSE_CACHE", "on") != "off"

# Edge caches purged when public content changes (caching/edge.py):
# the one in front of the app (deploy/varnish), at EDGE_PURGE_URL, and
# Cloudflare when its zone and an API token are given.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("EDGE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["edge"] = {
        "BACKEND": "caching.edge.EdgeBackend",
        "LOCATION": os.environ["EDGE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
# Each language has its own addresses: purge them as they are.
WAGTAILFRONTENDCACHE_LANGUAGES = []

WAGTAIL_SITE_NAME = "DMJ Computer Services"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The admin must not call out to wagtail.org: this site publishes a privacy notice.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# The admin speaks each user's own language (Account → Preferences).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No Gravatar images in the admin: they would tell gravatar.com who logs in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The JSON API (policy/api/): one shape for every error.
REST_FRAMEWORK = {"EXCEPTION_HANDLER": "api.errors.json_exception_handler"}

# Browser origins that may read the API (django-cors-headers), from the
# environment variable API_CORS_ALLOWED_ORIGINS, comma-separated; none by default.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOWED_ORIGINS = [
    origin.strip().rstrip("/").lower()
    for origin in os.environ.get("API_CORS_ALLOWED_ORIGINS", "").split(",")
    if origin.strip()
]
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag"]
CORS_PREFLIGHT_MAX_AGE = 600

# The consent banner other sites embed (consent/): the sites whose pages may
# send consent records (CONSENT_ALLOWED_ORIGINS, comma-separated; those that
# may read the API by default), how long a choice and its record are kept,
# and how many records one visitor may send one site in a window of seconds.
CONSENT_ALLOWED_ORIGINS = [
    origin.strip().rstrip("/").lower()
    for origin in os.environ.get("CONSENT_ALLOWED_ORIGINS", "").split(",")
    if origin.strip()
] or CORS_ALLOWED_ORIGINS
CONSENT_RETENTION_DAYS = int(os.environ.get("CONSENT_RETENTION_DAYS", "183"))
CONSENT_RATE_LIMIT = (20, 60)
CONSENT_COOKIE_NAME = "dmj_consent"

# The Chromium `manage.py audit_cookies` drives (Debian's package by default).
COOKIE_AUDIT_CHROMIUM = os.environ.get("COOKIE_AUDIT_CHROMIUM", "/usr/bin/chromium")
