"""Local development: SQLite unless DATABASE_URL says otherwise, debug on."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The address `make run` serves (PORT): the admin's links and the approval
# workflow's e-mails point there.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or (
    f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
)
# make run's demo accounts sign in with a password alone (create_demo_accounts
# says so); ADMIN_REQUIRE_SECOND_FACTOR=on in the environment asks for a second factor.
ADMIN_REQUIRE_SECOND_FACTOR = os.environ.get(
    "ADMIN_REQUIRE_SECOND_FACTOR", "off"
).strip().lower() in {"1", "true", "on", "yes"}
# make run's demo company site (consent/demo.py) is served at one of these
# origins and embeds the banner from the other: its records are accepted.
CONSENT_ALLOWED_ORIGINS = [
    *CONSENT_ALLOWED_ORIGINS,
    *(
        f"http://{host}:{os.environ.get('PORT') or '8000'}"
        for host in ("localhost", "127.0.0.1")
    ),
]
