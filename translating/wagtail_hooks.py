"""wagtail-localize's admin, guarded: its views, the page and snippet editors'
translation actions, and the translators' dashboard panel."""

from django.urls import path

from wagtail import hooks

from access.editing_rights import may_edit
from compat.localize import CONVERT_TO_ALIAS, RESTART_TRANSLATION

from . import guards, publishing
from .panels import TranslationsBehindPanel


# Before wagtail-localize's own URLs (same addresses), so that these run first:
# checks, and answers in the user's language.
@hooks.register("register_admin_urls", order=-1)
def guard_localize_views():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            guards.submit_page_translation,
            name="guarded_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            guards.update_translations,
            name="guarded_update_translations",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            guards.upload_pofile,
            name="guarded_upload_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            guards.download_pofile,
            name="guarded_download_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            guards.edit_string_translation,
            name="localized_edit_string_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            guards.edit_override,
            name="guarded_edit_override",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            guards.machine_translate,
            name="guarded_machine_translate",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            guards.submit_snippet_translation,
            name="guarded_submit_snippet_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            guards.stop_translation,
            name="guarded_stop_translation",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            guards.convert_to_alias,
            name="guarded_convert_to_alias",
        ),
    ]


# Before wagtail-localize's hook, which restarts a translation's sync or
# sends to the alias conversion from the page editor's action menu. Its
# editor's publication is handed to localize's view here, and its message
# names the language as a sentence writes it (publishing.py).
@hooks.register("before_edit_page", order=-1)
def guard_localize_page_actions(request, page):
    changes_what_it_is = request.method == "POST" and (
        RESTART_TRANSLATION in request.POST or CONVERT_TO_ALIAS in request.POST
    )
    if changes_what_it_is and not guards.may_change_what_a_translation_is(
        request.user, page
    ):
        guards.refuse(request)
    if publishing.publishes_translation(request, page):
        return publishing.publish(request, page)
    return None


# Before wagtail-localize's hook, which answers a translation's edit address
# with its translation editor (and its publish button, handed over as for
# pages), or restarts its sync.
@hooks.register("before_edit_snippet", order=-1)
def snippet_edited_only_in_ones_languages(request, instance):
    if not may_edit(request.user, instance):
        guards.refuse(request)
    restarts = request.method == "POST" and RESTART_TRANSLATION in request.POST
    if restarts and not guards.may_change_what_a_translation_is(request.user, instance):
        guards.refuse(request)
    if publishing.publishes_translation(request, instance):
        return publishing.publish(request, instance)
    return None


@hooks.register("before_delete_snippet")
def snippets_deleted_only_in_ones_languages(request, instances):
    if not all(may_edit(request.user, instance) for instance in instances):
        guards.refuse(request)


@hooks.register("construct_homepage_panels")
def add_translations_behind_panel(request, panels):
    panels.append(TranslationsBehindPanel(request.user))
