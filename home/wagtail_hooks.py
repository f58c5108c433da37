from django.urls import path

from wagtail import hooks

from . import admin_views
from .panels import TranslationsBehindPanel


# Before wagtail-localize's own URLs (same addresses), so that these checks run first.
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
    ]


@hooks.register("construct_homepage_panels")
def add_translations_behind_panel(request, panels):
    panels.append(TranslationsBehindPanel(request.user))
