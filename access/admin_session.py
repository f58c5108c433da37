"""Signed out of the admin after ADMIN_SESSION_IDLE_MINUTES without a request to it.

Only requests under /admin/ are looked at and counted as activity, so public
pages never touch the session and keep answering without a cookie (the edge
caches them; caching/middleware.py, caching/session_check.py). Wagtail's
editing-session pings, which an open editor sends every few seconds on its
own, do not count as activity.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import ngettext

from wagtail.admin import messages

LAST_ACTIVITY = "admin_last_activity"
ADMIN = "/admin/"
NOT_ACTIVITY = ("/admin/editing-sessions/",)


class AdminIdleTimeoutMiddleware:
    """Place it after the authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN) and request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY)
            idle = settings.ADMIN_SESSION_IDLE_MINUTES * 60
            if last is not None and now - last > idle:
                logout(request)
                minutes = settings.ADMIN_SESSION_IDLE_MINUTES
                messages.warning(
                    request,
                    ngettext(
                        "You were signed out after %(minutes)s minute without "
                        "activity. Sign in again to go on.",
                        "You were signed out after %(minutes)s minutes without "
                        "activity. Sign in again to go on.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
                return redirect_to_login(
                    request.get_full_path(), reverse("wagtailadmin_login")
                )
            if not request.path_info.startswith(NOT_ACTIVITY):
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)


def start_counting(sender, request, user, **kwargs):
    """A sign-in, at the admin or the front-end login, is activity."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = time.time()


def connect():
    user_logged_in.connect(start_counting, dispatch_uid="access.admin_session")
