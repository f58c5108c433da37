"""What compat/axes.py relies on, checked against the installed django-axes.

Each test runs axes itself (its middleware, backend, handler and signals,
through the admin's sign-in) on real records; when an upgrade changes the
behaviour, the test fails naming the seam and what breaks.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.test import Client, RequestFactory

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from axes.models import AccessAttempt
from axes.signals import user_locked_out

from compat.axes import client_ip_address, failures_counted_now

pytestmark = pytest.mark.django_db

USERNAME = "kestrel"


def sign_in_request(address):
    return RequestFactory().post(
        "/admin/login/", {"username": USERNAME}, REMOTE_ADDR=address
    )


def test_axes_decides_lockout_by_the_handlers_get_failures():
    """Failures from other addresses, none from this one, and yet refused: only
    the handler's get_failures (access.lockout.LockoutHandler, a DatabaseHandler,
    counting the whole account) says so."""
    per_address = settings.AXES_FAILURE_LIMIT - 1
    addresses = -(-settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT // per_address)
    for number in range(addresses):
        AccessAttempt.objects.create(
            username=USERNAME,
            ip_address=f"198.51.100.{number + 1}",
            user_agent="",
            failures_since_start=per_address,
        )

    allowed = AxesProxyHandler.is_allowed(
        sign_in_request("203.0.113.9"), get_credentials(USERNAME)
    )

    assert not allowed, (
        "axes no longer decides a lockout by comparing the handler's "
        "get_failures with the failure limit: a username sprayed from many "
        "addresses is no longer locked from every address; see compat/axes.py "
        "DatabaseHandler"
    )


def test_axes_ip_address_is_the_address_attempts_are_recorded_under():
    request = sign_in_request("203.0.113.7")
    credentials = get_credentials(USERNAME)
    # What authenticate_with_password does for a page's password: ask axes,
    # then report the failure.
    AxesProxyHandler.is_allowed(request, credentials)
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)

    recorded = AccessAttempt.objects.get(username=USERNAME).ip_address
    assert client_ip_address(request) == recorded == "203.0.113.7", (
        "axes no longer puts the address it records attempts under in "
        "request.axes_ip_address: a right page password would no longer clear "
        "that address's failures; see compat/axes.py client_ip_address"
    )


def test_axes_failures_since_start_tells_a_lock_from_its_echoes():
    signals = []

    def note(sender, request, username, ip_address, **kwargs):
        signals.append((username, ip_address, failures_counted_now(request)))

    user_locked_out.connect(note)
    try:
        client = Client(REMOTE_ADDR="203.0.113.8")
        for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
            client.post("/admin/login/", {"username": USERNAME, "password": "wrong"})
    finally:
        user_locked_out.disconnect(note)

    assert signals == [
        (USERNAME, "203.0.113.8", settings.AXES_FAILURE_LIMIT),
        (USERNAME, "203.0.113.8", None),
    ], (
        "axes' user_locked_out no longer comes with request.axes_failures_since_start "
        "set when a lock begins and unset for the attempts refused during it "
        f"(got {signals}): access/lockout.log_lockout would log each refused "
        "attempt as a new lock, or none; see compat/axes.py failures_counted_now"
    )
