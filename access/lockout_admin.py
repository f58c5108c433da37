"""The admin's list of lockouts (Settings → Lockouts), for administrators only."""

import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages

from .admin_pages import RestrictedAdminPage
from .lockout import cool_off_minutes, current_locks, unlock

logger = logging.getLogger("security.lockout")


def may_unlock(user):
    return user.is_superuser


class LockoutsView(RestrictedAdminPage):
    """Every username and page password refused from an address now, each with an
    Unlock button that lets that address try again at once."""

    template_name = "access/admin/lockouts.html"
    page_title = gettext_lazy("Lockouts")
    header_icon = "lock"

    allowed = staticmethod(may_unlock)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locks"] = current_locks(self.request)
        context["minutes"] = cool_off_minutes(self.request)
        context["account_limit"] = settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT
        return context

    def post(self, request):
        username = request.POST.get("username")
        ip_address = request.POST.get("ip_address") or None
        account_wide = request.POST.get("account_wide") == "1"
        lock = next(
            (
                lock
                for lock in current_locks(request)
                if lock.username == username
                and lock.ip_address == ip_address
                and lock.account_wide == account_wide
            ),
            None,
        )
        if lock is None:
            messages.warning(request, _("This lock had already ended."))
            return redirect("home_lockouts")
        unlock(lock)
        # A warning, like the lock itself, so that production's log keeps it.
        logger.warning(
            "%s unlocked %r from %s (%s)",
            request.user.get_username(),
            lock.username,
            "every address" if lock.account_wide else lock.ip_address,
            "account-wide" if lock.account_wide else "account and address",
        )
        if lock.account_wide:
            message = _(
                "Unlocked: “%(username)s” may sign in again from any address."
            ) % {"username": lock.username}
        elif lock.restriction_id is None:
            message = _(
                "Unlocked: “%(username)s” may sign in again from %(address)s."
            ) % {"username": lock.username, "address": lock.ip_address}
        else:
            message = _(
                "Unlocked: the password of “%(page)s” may be entered again from "
                "%(address)s."
            ) % {"page": lock.page_title, "address": lock.ip_address}
        messages.success(request, message)
        return redirect("home_lockouts")
