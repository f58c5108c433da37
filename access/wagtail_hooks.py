"""The admin's access pages and hooks: lockouts, two-step verification, and the
date choosers the admin's Content-Security-Policy needs."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from .lockout_admin import LockoutsView
from .two_factor import RESET_ACTION, SecondFactorOffPanel, factor_required
from .two_factor_views import (
    AuthenticatorView,
    DevicesView,
    RecoveryCodesView,
    ResetView,
    SetupView,
    VerifyView,
    may_reset,
    passkey_added,
)


@hooks.register("register_admin_urls")
def lockout_urls():
    return [path("lockouts/", LockoutsView.as_view(), name="home_lockouts")]


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return LockoutsView.menu_item(
        _("Lockouts"), reverse("home_lockouts"), icon_name="lock", order=900
    )


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/verify/", VerifyView.as_view(), name="home_two_factor_verify"),
        path("two-factor/setup/", SetupView.as_view(), name="home_two_factor_setup"),
        path(
            "two-factor/setup/app/",
            AuthenticatorView.as_view(),
            name="home_two_factor_authenticator",
        ),
        path(
            "two-factor/setup/passkey-added/",
            passkey_added,
            name="home_two_factor_passkey_added",
        ),
        path(
            "two-factor/recovery-codes/",
            RecoveryCodesView.as_view(),
            name="home_two_factor_recovery_codes",
        ),
        path("two-factor/", DevicesView.as_view(), name="home_two_factor_devices"),
        path(
            "two-factor/reset/<int:user_id>/",
            ResetView.as_view(),
            name="home_two_factor_reset",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_second_factor_off_panel(request, panels):
    if not factor_required():
        panels.insert(0, SecondFactorOffPanel())


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("home_two_factor_devices"),
        "label": _("Two-step verification"),
        "help_text": _(
            "Your authenticator apps, passkeys and recovery codes: add or remove them."
        ),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if may_reset(request_user):
        yield Button(
            _("Reset two-step verification"),
            reverse("home_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=50,
        )


@hooks.register("register_log_actions")
def two_factor_log_actions(actions):
    actions.register_action(
        RESET_ACTION,
        _("Reset two-step verification"),
        _("Two-step verification reset"),
    )


@hooks.register("insert_global_admin_js")
def date_choosers_without_inline_scripts():
    """Sets up Wagtail's date and time fields, whose inline scripts the admin's
    Content-Security-Policy refuses (access/templates/wagtailadmin/widgets/)."""
    return format_html(
        '<script src="{}"></script>', static("access/admin-date-choosers.js")
    )
