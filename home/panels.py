"""The admin dashboard panel that tells translators what is waiting for them."""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationLog


@dataclass
class BehindTranslation:
    page: Page
    language: str
    to_translate: int
    edit_url: str


def translations_behind(user):
    """Translated pages this user may edit whose source changed since they were published."""
    behind = []
    translations = Translation.objects.filter(enabled=True).select_related(
        "source", "target_locale"
    )
    for translation in translations:
        try:
            page = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if not isinstance(page, Page) or not page.permissions_for_user(user).can_edit():
            continue
        total, translated = translation.get_progress()
        last_published = (
            TranslationLog.objects.filter(
                source=translation.source, locale=translation.target_locale
            )
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if (
            translated == total
            and last_published
            and (last_published >= translation.source.last_updated_at)
        ):
            continue
        behind.append(
            BehindTranslation(
                page=page,
                language=translation.target_locale.get_display_name(),
                to_translate=total - translated,
                edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            )
        )
    return behind


class TranslationsBehindPanel(Component):
    name = "translations_behind"
    template_name = "home/admin/translations_behind_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"translations": translations_behind(self.user)}
