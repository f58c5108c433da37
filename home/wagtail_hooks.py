from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views
from .editing_rights import may_edit
from .lockout_admin import LockoutsView
from .panels import TranslationsBehindPanel
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


# Before wagtail-localize's own URLs (same addresses), so that these run first:
# checks, and answers in the user's language.
@hooks.register("register_admin_urls", order=-1)
def guard_localize_views():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            admin_views.submit_page_translation,
            name="guarded_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            admin_views.update_translations,
            name="guarded_update_translations",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            admin_views.upload_pofile,
            name="guarded_upload_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            admin_views.download_pofile,
            name="guarded_download_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            admin_views.edit_string_translation,
            name="localized_edit_string_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            admin_views.edit_override,
            name="guarded_edit_override",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            admin_views.machine_translate,
            name="guarded_machine_translate",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            admin_views.submit_snippet_translation,
            name="guarded_submit_snippet_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            admin_views.stop_translation,
            name="guarded_stop_translation",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            admin_views.convert_to_alias,
            name="guarded_convert_to_alias",
        ),
    ]


# Before wagtail-localize's hook, which restarts a translation's sync or
# sends to the alias conversion from the page editor's action menu.
@hooks.register("before_edit_page", order=-1)
def guard_localize_page_actions(request, page):
    changes_what_it_is = request.method == "POST" and (
        "localize-restart-translation" in request.POST
        or "localize-convert-to-alias" in request.POST
    )
    if changes_what_it_is and not admin_views.may_change_what_a_translation_is(
        request.user, page
    ):
        admin_views.refuse(request)


# Before wagtail-localize's hook, which answers a translation's edit address
# with its translation editor (and its publish button), or restarts its sync.
@hooks.register("before_edit_snippet", order=-1)
def snippet_edited_only_in_ones_languages(request, instance):
    if not may_edit(request.user, instance):
        admin_views.refuse(request)
    restarts = (
        request.method == "POST" and "localize-restart-translation" in request.POST
    )
    if restarts and not admin_views.may_change_what_a_translation_is(
        request.user, instance
    ):
        admin_views.refuse(request)


@hooks.register("before_delete_snippet")
def snippets_deleted_only_in_ones_languages(request, instances):
    if not all(may_edit(request.user, instance) for instance in instances):
        admin_views.refuse(request)


@hooks.register("construct_homepage_panels")
def add_translations_behind_panel(request, panels):
    panels.append(TranslationsBehindPanel(request.user))


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
    Content-Security-Policy refuses (home/templates/wagtailadmin/widgets/)."""
    return format_html(
        '<script src="{}"></script>', static("js/admin-date-choosers.js")
    )
