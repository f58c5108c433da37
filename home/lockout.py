"""Too many wrong passwords: who is refused, what they read, what the log says (django-axes).

django-axes counts failed sign-ins (the admin's and Wagtail's front-end login
form) per username and address. Once AXES_FAILURE_LIMIT of them fall within
AXES_COOLOFF_TIME, that pair is refused, even with the right password, until
the cool-off time has passed.

The password form of a page (Wagtail's PageViewRestriction) is counted by the
same machinery: each wrong password is a failed sign-in whose username names
the restriction (`page_password_name`), so the same limit and records cover
both.
"""

import logging
import math
import re

from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail import views as wagtail_views

from axes.conf import settings
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_credentials,
    get_lockout_response,
)
from axes.signals import user_locked_out

# Lockouts, one warning line each, for the log shipper.
logger = logging.getLogger("security.lockout")

# Django's username validator refuses a colon: this never names an account.
PAGE_PASSWORD_NAME = re.compile(r"page-password:(\d+)", re.ASCII)


def page_password_name(restriction_id):
    """The name under which wrong passwords for a page's restriction are counted."""
    return f"page-password:{restriction_id}"


def restriction_id_of(name):
    """The restriction a counted name stands for; None for the username of a sign-in."""
    match = PAGE_PASSWORD_NAME.fullmatch(name or "")
    return int(match[1]) if match else None


def cool_off_minutes(request):
    return math.ceil(get_cool_off(request).total_seconds() / 60)


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out visitor gets (AXES_LOCKOUT_CALLABLE): status 429 and a page
    saying what is locked and for how long, in their language.

    The admin's sign-in answers in the admin's layout, everything else in the
    site's. Nothing on it depends on whether the username has an account.
    """
    minutes = cool_off_minutes(request)
    if restriction_id_of(get_client_username(request, credentials)) is not None:
        title = _("Too many wrong passwords")
        message = ngettext(
            "This page’s password has been entered wrongly too many times from "
            "your address, so it is refused for now. Try again in %(minutes)s "
            "minute.",
            "This page’s password has been entered wrongly too many times from "
            "your address, so it is refused for now. Try again in %(minutes)s "
            "minutes.",
            minutes,
        ) % {"minutes": minutes}
    else:
        title = _("Too many failed sign-in attempts")
        message = ngettext(
            "Signing in with this username from your address is refused for now, "
            "after too many wrong passwords. Try again in %(minutes)s minute, or "
            "ask an administrator to unlock it.",
            "Signing in with this username from your address is refused for now, "
            "after too many wrong passwords. Try again in %(minutes)s minutes, or "
            "ask an administrator to unlock it.",
            minutes,
        ) % {"minutes": minutes}
    in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
    return render(
        request,
        "home/admin/lockout.html" if in_admin else "home/lockout.html",
        {"title": title, "message": message},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, with the sign-in limit.

    After AXES_FAILURE_LIMIT wrong passwords for one restriction from one
    address, that address gets the lockout page instead, even with the right
    password, until the cool-off time has passed.
    """
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(
            request, page_view_restriction_id, page_id
        )
    credentials = get_credentials(page_password_name(page_view_restriction_id))
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    response = wagtail_views.authenticate_with_password(
        request, page_view_restriction_id, page_id
    )
    # Wagtail sends the visitor on to the page after the right password, and
    # shows the form again after a wrong one.
    if response.status_code == 302:
        if settings.AXES_RESET_ON_SUCCESS:
            AxesProxyHandler.reset_attempts(
                username=page_password_name(page_view_restriction_id),
                ip_address=request.axes_ip_address,
            )
    else:
        # Counted by axes like any failed sign-in; when it reaches the limit,
        # axes' middleware answers with lockout_response instead.
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
    return response


def log_lockout(sender, request, username, ip_address, **kwargs):
    # axes also signals each attempt refused while the lock lasts; those count
    # nothing (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off) and the
    # lock was logged when it began.
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        return
    restriction_id = restriction_id_of(username)
    what = (
        f"the password of page restriction {restriction_id}"
        if restriction_id is not None
        else f"username {username!r}"
    )
    logger.warning(
        "Locked out %s from %s for %s minutes after %s failed attempts (%s)",
        what,
        ip_address,
        cool_off_minutes(request),
        failures,
        request.path_info,
    )


def connect():
    user_locked_out.connect(log_lockout, dispatch_uid="home.lockout.log_lockout")
