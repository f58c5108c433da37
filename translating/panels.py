"""The admin dashboard panel that tells translators what is waiting for them."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationLog

# At the end of a translation editor's address, this opens its first string
# to translate (translating/static/translating/strings-to-translate.js).
FIRST_STRING_FRAGMENT = "first-string-to-translate"


@dataclass
class TranslatedPage:
    page: Page
    language: str
    to_translate: int
    edit_url: str

    @property
    def first_string_url(self):
        """The translation editor, open at the first string to translate."""
        return f"{self.edit_url}#{FIRST_STRING_FRAGMENT}"


@dataclass
class Language:
    """The translated pages of one language this user may edit."""

    name: str
    behind: list = field(default_factory=list)
    up_to_date: list = field(default_factory=list)


def last_published(translations):
    """{(source pk, locale pk): when localize last published each translation}, in one query."""
    logs = (
        TranslationLog.objects.filter(
            source_id__in={translation.source_id for translation in translations}
        )
        .values_list("source_id", "locale_id")
        .annotate(last=Max("created_at"))
    )
    return {(source, locale): last for source, locale, last in logs}


def progress(translation, published):
    """(strings to translate, whether it is behind its source) of a localize translation.

    Behind: its source changed since the translation was last published
    (`published`, from last_published).
    """
    total, translated = translation.get_progress()
    last = published.get((translation.source_id, translation.target_locale_id))
    up_to_date = (
        translated == total
        and last is not None
        and last >= translation.source.last_updated_at
    )
    return total - translated, not up_to_date


def translated_pages(user):
    """The translated pages this user may edit, language by language, behind or up to date.

    A page is behind when its source changed since the translation was last
    published.
    """
    languages = {}
    translations = Translation.objects.filter(enabled=True).select_related(
        "source", "target_locale"
    )
    translations = list(translations.order_by("target_locale__language_code", "pk"))
    published = last_published(translations)
    for translation in translations:
        try:
            page = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if not isinstance(page, Page) or not page.permissions_for_user(user).can_edit():
            continue
        name = translation.target_locale.get_display_name()
        language = languages.setdefault(name, Language(name=name))
        to_translate, behind = progress(translation, published)
        item = TranslatedPage(
            page=page,
            language=name,
            to_translate=to_translate,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )
        if behind:
            language.behind.append(item)
        else:
            language.up_to_date.append(item)
    return list(languages.values())


class TranslationsBehindPanel(Component):
    name = "translations_behind"
    template_name = "translating/admin/translations_behind_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        languages = translated_pages(self.user)
        return {
            "translations": [
                item for language in languages for item in language.behind
            ],
            "languages_up_to_date": [
                language
                for language in languages
                if language.up_to_date and not language.behind
            ],
        }
