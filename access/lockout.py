"""Too many wrong passwords: who is refused, what they read, what the log says (django-axes).

django-axes counts failed sign-ins (the admin's and Wagtail's front-end login
form) per username and address. Once AXES_FAILURE_LIMIT of them fall within
AXES_COOLOFF_TIME, that pair is refused, even with the right password, until
the cool-off time has passed or an administrator unlocks it
(access/lockout_admin.py).

A username tried from many addresses, a few wrong passwords from each, is
locked from every address once SIGN_IN_ACCOUNT_FAILURE_LIMIT failures in all
fall within the cool-off time (LockoutHandler), with the same way out.

The password form of a page (Wagtail's PageViewRestriction) is counted by the
same machinery: each wrong password is a failed sign-in whose username names
the restriction (`page_password_name`), so the same limit, records and admin
view cover both.
"""

import logging
import math
import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail import views as wagtail_views
from wagtail.models import PageViewRestriction

from axes.conf import settings
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_credentials,
    get_failure_limit,
    get_lockout_response,
)
from axes.models import AccessAttempt
from axes.signals import user_locked_out

from compat.axes import DatabaseHandler, client_ip_address, failures_counted_now

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


def account_attempts(request, username):
    """axes' records of failures for this username, from any address, that are
    not yet older than the cool-off time; none for a page's password."""
    if not username or restriction_id_of(username) is not None:
        return AccessAttempt.objects.none()
    return AccessAttempt.objects.filter(
        username=username, attempt_time__gte=timezone.now() - get_cool_off(request)
    )


def account_failures(request, username):
    return sum(
        account_attempts(request, username).values_list(
            "failures_since_start", flat=True
        )
    )


class LockoutHandler(DatabaseHandler):
    """axes' database handler, with a second, account-wide limit.

    axes compares one count with one limit; here the count of a
    username-and-address pair (AXES_LOCKOUT_PARAMETERS) is taken as having
    reached the limit when the username's failures from all addresses reach
    SIGN_IN_ACCOUNT_FAILURE_LIMIT. Everything else (what is recorded, the reset
    on success, the lockout page) stays axes' own.
    """

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        request.axes_account_locked = (
            account_failures(request, username)
            >= settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT
        )
        if request.axes_account_locked:
            return max(failures, get_failure_limit(request, credentials))
        return failures


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
    elif getattr(request, "axes_account_locked", False):
        title = _("Too many failed sign-in attempts")
        message = ngettext(
            "Signing in with this username is refused for now, from every "
            "address, after too many wrong passwords from several addresses. "
            "Try again in %(minutes)s minute, or ask an administrator to unlock "
            "it.",
            "Signing in with this username is refused for now, from every "
            "address, after too many wrong passwords from several addresses. "
            "Try again in %(minutes)s minutes, or ask an administrator to unlock "
            "it.",
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
        "access/admin/lockout.html" if in_admin else "access/lockout.html",
        {"title": title, "message": message},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, with the sign-in limit.

    After AXES_FAILURE_LIMIT wrong passwords for one restriction from one
    address, that address gets the lockout page instead, even with the right
    password, until the cool-off time has passed or an administrator unlocks it.
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
                ip_address=client_ip_address(request),
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
    failures = failures_counted_now(request)
    if failures is None:
        return
    if getattr(request, "axes_account_locked", False):
        attempts = account_attempts(request, username)
        logger.warning(
            "Locked out username %r from every address for %s minutes after %s "
            "failed attempts from %s addresses (account-wide; last from %s, %s)",
            username,
            cool_off_minutes(request),
            sum(attempt.failures_since_start for attempt in attempts),
            len({attempt.ip_address for attempt in attempts}),
            ip_address,
            request.path_info,
        )
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
    user_locked_out.connect(log_lockout, dispatch_uid="access.lockout.log_lockout")


# What the admin sees and unlocks -------------------------------------------


@dataclass
class Lock:
    """A username (or a page's password) refused from one address, or a username
    refused from every address (account_wide)."""

    username: str
    ip_address: str | None
    failures: int
    until: datetime
    restriction_id: int | None = None
    restriction: PageViewRestriction | None = None
    account_wide: bool = False

    @property
    def page(self):
        return self.restriction.page if self.restriction else None

    @property
    def page_title(self):
        """The title of the page whose password is locked."""
        if self.page is None:
            return _("deleted page")
        return self.page.get_admin_display_title()


def lock_end(records, limit, cool_off):
    """When the oldest records, leaving the cool-off time one after the other,
    leave fewer failures than the limit; None if there are not that many now."""
    failures = sum(record.failures_since_start for record in records)
    if failures < limit:
        return None
    remaining = failures
    for record in records:
        remaining -= record.failures_since_start
        if remaining < limit:
            return record.attempt_time + cool_off


def current_locks(request):
    """Every username-and-address pair locked now (AXES_LOCKOUT_PARAMETERS) and
    every username locked from all addresses (LockoutHandler), the most recent
    first, from axes' records."""
    cool_off = get_cool_off(request)
    # One record per username, address and browser: a pair's failures are the
    # sum of its records that are not yet older than the cool-off time.
    records = {}
    for record in AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - cool_off
    ).order_by("attempt_time"):
        records.setdefault((record.username, record.ip_address), []).append(record)
    locks = []
    by_username = {}
    for (username, ip_address), pair_records in records.items():
        by_username.setdefault(username, []).extend(pair_records)
        limit = get_failure_limit(request, get_credentials(username))
        until = lock_end(pair_records, limit, cool_off)
        if until is None:
            continue
        locks.append(
            Lock(
                username=username,
                ip_address=ip_address,
                failures=sum(record.failures_since_start for record in pair_records),
                until=until,
                restriction_id=restriction_id_of(username),
            )
        )
    for username, account_records in by_username.items():
        if restriction_id_of(username) is not None:
            continue
        account_records.sort(key=lambda record: record.attempt_time)
        until = lock_end(
            account_records, settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT, cool_off
        )
        if until is None:
            continue
        locks.append(
            Lock(
                username=username,
                ip_address=None,
                failures=sum(record.failures_since_start for record in account_records),
                until=until,
                account_wide=True,
            )
        )
    locks.sort(key=lambda lock: lock.until, reverse=True)
    restrictions = PageViewRestriction.objects.select_related("page").in_bulk(
        {lock.restriction_id for lock in locks if lock.restriction_id is not None}
    )
    for lock in locks:
        lock.restriction = restrictions.get(lock.restriction_id)
    return locks


def unlock(lock):
    """Let the pair try again at once, as if it had never failed; for a lock of
    the whole account, every address that tried that username."""
    if lock.account_wide:
        AccessAttempt.objects.filter(username=lock.username).delete()
        return
    # What axes' reset_attempts does, except that a pair without an address
    # stays a pair instead of becoming every address of that username.
    AccessAttempt.objects.filter(
        username=lock.username, ip_address=lock.ip_address
    ).delete()
