"""Changing one English section and syncing keeps the French of the others."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from tests.localize_urls import localize_url
from tests.pages import published_french_lines, soup, visible_text

CHANGED_FR = (
    "Si vous devenez l’un de nos clients par la suite, nous devrons recueillir "
    "d’autres informations vous concernant"
)


def test_sync_keeps_french_for_unchanged_sections(
    admin_client, en_policy, django_capture_on_commit_callbacks
):
    # An editor rewrites the "Becoming a Client" paragraph and publishes it.
    section = next(
        b for b in en_policy.body if b.value["anchor"] == "becoming-a-client"
    )
    paragraph = section.value["content"][0]
    paragraph.value = type(paragraph.value)(
        "<p>If you become a client, we also keep your company name and address.</p>"
    )
    en_policy.save_revision().publish()

    # The translator syncs the French page with localize's own view.
    source, _ = TranslationSource.get_or_create_from_instance(en_policy)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            localize_url("update_translations", source.pk),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302

    french = soup(admin_client.get("/fr/confidentialite-et-cookies/"))
    text = visible_text(french.select_one("main"))
    unchanged = [
        line for line in published_french_lines() if not line.startswith(CHANGED_FR)
    ]
    assert [line for line in unchanged if line not in text] == []
    # The new English sentence waits for its translation, in English meanwhile.
    assert "If you become a client, we also keep your company name and address." in text
    translation = Translation.objects.get(
        source=source, target_locale=Locale.objects.get(language_code="fr")
    )
    total, translated = translation.get_progress()
    assert total - translated == 1
