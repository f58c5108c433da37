"""Seams in django-axes: see compat/__init__.py.

tests/test_compat_axes.py checks each against the installed django-axes.
"""

from axes.handlers.database import AxesDatabaseHandler

# The handler access/lockout.LockoutHandler extends (AXES_HANDLER). What it
# relies on: axes decides whether a sign-in is locked, before it and after
# each failure, by comparing the handler's get_failures(request, credentials)
# with the failure limit, so that a handler counting more failures (the
# account-wide ones) locks more. AXES_HANDLER and get_failures are axes'
# handler contract (AbstractAxesHandler); that the decision goes through
# get_failures is what its database handler does, not what it promises.
DatabaseHandler = AxesDatabaseHandler


def client_ip_address(request):
    """The address axes counted this request's sign-in attempts under.

    axes puts it in `request.axes_ip_address` when it first looks at the
    request (AxesProxyHandler.update_request, from its middleware, signal
    handlers and is_allowed); reading it there gives the very address axes
    recorded, where axes.helpers.get_client_ip_address would work it out
    again.
    """
    return request.axes_ip_address


def failures_counted_now(request):
    """The failures axes counted for this sign-in, if it recorded one; None otherwise.

    axes' database handler sets `request.axes_failures_since_start` after
    recording a failure, before it sends user_locked_out. It sends that
    signal again for each attempt refused while the lock lasts, counting
    nothing (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off), with the
    attribute left at None: this tells the start of a lock from its echoes.
    The signal's own arguments (request, username, ip_address) do not.
    """
    return getattr(request, "axes_failures_since_start", None)
