"""The French pages are wagtail-localize translations of the English ones."""

from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationLog,
    TranslationSource,
)

import polib

from home.models import HomePage
from policy.seed import po_file


def test_french_policy_is_a_complete_localize_translation(en_policy, fr_policy):
    source, _ = TranslationSource.get_or_create_from_instance(en_policy)
    translation = Translation.objects.get(source=source, target_locale=fr_policy.locale)

    total, translated = translation.get_progress()
    assert total == len(polib.pofile(str(po_file("fr"))))
    assert translated == total
    assert fr_policy.translation_key == en_policy.translation_key
    assert fr_policy.live and not fr_policy.has_unpublished_changes
    assert TranslationLog.objects.filter(
        source=source, locale=fr_policy.locale, revision__object_id=str(fr_policy.pk)
    ).exists()


def test_french_home_page_is_a_localize_translation(db):
    english, french = (
        HomePage.objects.get(locale__language_code=code) for code in ("en", "fr")
    )
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.get(source=source, target_locale=french.locale)

    total, translated = translation.get_progress()
    assert total == translated > 0
    assert french.slug == "accueil"


def test_names_addresses_and_anchors_are_not_given_to_translators(en_policy):
    source, _ = TranslationSource.get_or_create_from_instance(en_policy)
    contexts = set(
        StringSegment.objects.filter(source=source).values_list(
            "context__path", flat=True
        )
    )
    untranslated_fields = (".name", ".anchor", ".recipient", ".party", ".category")
    assert not [c for c in contexts if c.endswith(untranslated_fields)]
    assert not [c for c in contexts if ".address." in c]
    # ...while the texts around the cookie names are translated.
    assert any(".cookies." in c and c.endswith(".purpose") for c in contexts)
    assert any(".cookies." in c and c.endswith(".duration") for c in contexts)
