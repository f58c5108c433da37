"""A second factor for every admin account: who must pass it, and what it is.

After the password (Wagtail's login form, django-axes' lockouts), a session
may open no admin page until it has passed a second factor (django-otp's
`is_verified`): a code from an authenticator app (TOTP), a passkey or
security key (django-otp-webauthn), or a single-use recovery code (django-otp's
static tokens). An account without a factor is walked through choosing one
first (access/two_factor_views.py). ADMIN_REQUIRE_SECOND_FACTOR turns this on.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http.request import split_domain_port
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component
from wagtail.log_actions import log

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from languages.dates import long_date

# Resets of an account's factors, for the log shipper (site/log_format.py).
logger = logging.getLogger("security.two_factor")

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"
RESET_ACTION = "home.reset_second_factor"

# What a session that passed the password but not the second factor may open
# under /admin/: signing in and out, the second factor's own pages, and what
# those pages load.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "home_two_factor_verify",
    "home_two_factor_setup",
    "home_two_factor_authenticator",
}


def factor_required():
    return settings.ADMIN_REQUIRE_SECOND_FACTOR


def has_factor(user):
    """Whether the account has an authenticator app or a passkey (recovery codes
    alone are no factor: they are spares)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def needs_second_factor(user):
    """Whether this signed-in user must still pass the second factor."""
    return (
        factor_required()
        and user.is_authenticated
        and not (hasattr(user, "is_verified") and user.is_verified())
    )


def second_factor_url(user, next_url=""):
    """Where a user who must pass the factor goes: choosing one, or giving it."""
    name = "home_two_factor_verify" if has_factor(user) else "home_two_factor_setup"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SecondFactorMiddleware:
    """Refuses every admin address to a session that has not passed the second
    factor, sending it to the factor's page instead (the admin's API included)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path_info.startswith(self.admin_prefix)
            and needs_second_factor(user)
            and not self.open_before_second_factor(request.path_info)
        ):
            next_url = request.get_full_path() if request.method == "GET" else ""
            return redirect(second_factor_url(user, next_url))
        return self.get_response(request)

    @staticmethod
    def open_before_second_factor(path):
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return (
            match.url_name in OPEN_BEFORE_SECOND_FACTOR
            or "otp_webauthn" in match.namespaces
        )


def added_today(kind):
    """A new device's name: what it is and the day it was added, in the
    language of the person adding it."""
    return _("%(kind)s added on %(date)s") % {
        "kind": kind,
        "date": long_date(timezone.localdate()),
    }


class PasskeyHelper(WebAuthnHelper):
    """django-otp-webauthn's, naming each passkey for the list of one's devices."""

    def create_credential(self, user, *args, **kwargs):
        device = super().create_credential(user, *args, **kwargs)
        device.name = added_today(_("Passkey"))
        return device


def relying_party_id(request):
    """The host name the admin is reached at (Django has checked it against
    ALLOWED_HOSTS), to which passkeys belong (OTP_WEBAUTHN_RP_ID_CALLABLE)."""
    return split_domain_port(request.get_host())[0]


# Recovery codes -------------------------------------------------------------


def new_recovery_codes(user):
    """Replaces the account's recovery codes with fresh ones, and returns them:
    each works once (django-otp deletes a static token when it is used)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


# Resetting an account's factors ---------------------------------------------


def remove_all_factors(user):
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        WebAuthnCredential.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def end_other_sessions(user, keep=None):
    """Sign `user` out everywhere but in the session `keep`: their factors changed.

    A factor added, removed or reset, or new recovery codes, end every other
    session of the account, as a password change does (the sessions are in
    the database: django.contrib.sessions' default engine).
    """
    ended = 0
    sessions = Session.objects.filter(expire_date__gt=timezone.now())
    for session in sessions.exclude(session_key=keep or "").iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def reset_factors(user, by, keep=None):
    """An administrator removes every factor of `user`, who chooses one again at
    their next sign-in and is signed out everywhere; recorded in Wagtail's audit
    log and the JSON log."""
    remove_all_factors(user)
    end_other_sessions(user, keep=keep)
    log(instance=user, action=RESET_ACTION, user=by)
    logger.warning(
        "%s reset the second factor of %r", by.get_username(), user.get_username()
    )


class SecondFactorOffPanel(Component):
    """The dashboard says so when the admin signs in with a password alone
    (make run's demo accounts): never on a site that asks for the factor."""

    name = "second_factor_off"
    order = 10
    template_name = "access/two_factor/off_panel.html"
