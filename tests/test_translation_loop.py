"""Translators see what changed, translate it in the admin or as a PO file, and publish."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import polib
import pytest

from policy.models import PolicyPage
from tests.admin_forms import set_cookie_duration
from tests.localize_urls import localize_url
from tests.pages import soup, visible_text
from tests.roles import client_for, user_in

FR_URL = "/fr/confidentialite-et-cookies/"


@pytest.fixture
def translator_user(db):
    return user_in("Translators")


@pytest.fixture
def translator(translator_user):
    return client_for(translator_user)


@pytest.fixture
def french_translation(en_policy):
    source = TranslationSource.objects.get(
        object_id=en_policy.translation_key, locale_id=en_policy.locale_id
    )
    return Translation.objects.get(source=source, target_locale__language_code="fr")


def publish_english(page, **changes):
    """An approver publishes an English change (the admin form is tested elsewhere)."""
    page = PolicyPage.objects.get(pk=page.pk)
    set_cookie_duration(page, "_ga", changes.get("duration", "13 months"))
    page.save_revision().publish()
    return page


def dashboard_rows(client):
    panel = soup(client.get("/admin/")).select_one("#translations-behind-heading")
    if panel is None:
        return []
    table = panel.find_parent("section").table
    return [
        [visible_text(cell) for cell in row.select("th, td")]
        for row in table.tbody.select("tr")
    ]


def translated_strings():
    return sorted(
        StringTranslation.objects.filter(locale__language_code="fr").values_list(
            "context__path", "data"
        )
    )


def test_dashboard_lists_the_french_page_once_the_english_changes(
    translator, en_policy
):
    assert dashboard_rows(translator) == []

    publish_english(en_policy)

    assert dashboard_rows(translator) == [
        ["Confidentialité et Cookies", "French", "1 string to translate"]
    ]


def test_the_count_of_strings_leads_to_the_first_of_them(
    translator, en_policy, fr_policy
):
    publish_english(en_policy)

    panel = soup(translator.get("/admin/")).select_one("#translations-behind-section")
    count = panel.find("a", string="1 string to translate")

    # The translation editor opens at its first string to translate.
    assert (
        count["href"] == f"/admin/pages/{fr_policy.pk}/edit/#first-string-to-translate"
    )


def test_the_dashboard_speaks_the_translators_language(
    translator, translator_user, en_policy
):
    profile = UserProfile.get_for_user(translator_user)
    profile.preferred_language = "fr"
    profile.save()

    publish_english(en_policy)

    assert dashboard_rows(translator) == [
        ["Confidentialité et Cookies", "Français", "1 chaîne à traduire"]
    ]


def up_to_date_panel(client):
    """What the dashboard says when nothing is waiting: its sentences and links."""
    heading = soup(client.get("/admin/")).select_one("#translations-up-to-date-heading")
    if heading is None:
        return None
    panel = heading.find_parent("section")
    return {
        "heading": visible_text(heading),
        "says": [visible_text(p) for p in panel.select("p")],
        "links": {
            visible_text(a): a["href"] for a in panel.select(".w-panel__content a")
        },
    }


def french_pages():
    """Title and editor address of every French page below the root."""
    return {
        page.title: f"/admin/pages/{page.pk}/edit/"
        for page in Page.objects.filter(locale__language_code="fr", depth__gt=1)
    }


def test_the_dashboard_says_when_every_french_page_is_up_to_date(
    translator, translator_user
):
    profile = UserProfile.get_for_user(translator_user)
    profile.preferred_language = "fr"
    profile.save()

    assert dashboard_rows(translator) == []
    assert up_to_date_panel(translator) == {
        "heading": "Traductions à jour",
        "says": ["Français : toutes les pages sont à jour."],
        "links": french_pages(),
    }
    assert "Confidentialité et Cookies" in french_pages()
    assert len(french_pages()) == 2


def test_the_up_to_date_panel_speaks_english_in_the_english_admin(translator):
    panel = up_to_date_panel(translator)

    assert panel["heading"] == "Translations up to date"
    assert panel["says"] == ["All French pages are up to date."]
    assert panel["links"] == french_pages()


def test_a_page_behind_is_not_called_up_to_date(translator, en_policy):
    publish_english(en_policy)

    assert dashboard_rows(translator) == [
        ["Confidentialité et Cookies", "French", "1 string to translate"]
    ]
    assert up_to_date_panel(translator) is None


def test_editors_have_no_translations_panel(editor):
    assert dashboard_rows(editor) == []
    assert up_to_date_panel(editor) is None


def test_publishing_the_translation_clears_the_dashboard(
    translator, en_policy, french_translation, django_capture_on_commit_callbacks
):
    publish_english(en_policy)
    po = french_translation.export_po()
    for entry in po:
        if entry.msgid == "13 months":
            entry.msgstr = "13 mois"
    french_translation.import_po(po)

    with django_capture_on_commit_callbacks(execute=True):
        french_translation.save_target(publish=True)

    assert dashboard_rows(translator) == []
    assert "13 mois" in visible_text(soup(translator.get(FR_URL)).select_one("main"))


def test_po_file_round_trip(
    translator, en_policy, french_translation, django_capture_on_commit_callbacks
):
    publish_english(en_policy)

    download = translator.get(localize_url("download_pofile", french_translation.pk))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    untranslated = [entry for entry in po if not entry.msgstr and not entry.obsolete]
    assert [entry.msgid for entry in untranslated] == ["13 months"]
    untranslated[0].msgstr = "13 mois"

    upload = translator.post(
        localize_url("upload_pofile", french_translation.pk),
        {"file": SimpleUploadedFile("fr.po", str(po).encode()), "next": "/admin/"},
    )
    assert upload.status_code == 302

    assert french_translation.get_progress()[0] == french_translation.get_progress()[1]
    with django_capture_on_commit_callbacks(execute=True):
        french_translation.save_target(publish=True)
    assert "13 mois" in visible_text(soup(translator.get(FR_URL)).select_one("main"))


def upload(client, translation, content, name="fr.po"):
    return client.post(
        localize_url("upload_pofile", translation.pk),
        {"file": SimpleUploadedFile(name, content), "next": "/admin/"},
        follow=True,
    )


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a PO file\n\x00\xff\xfe",
        b'msgid "unterminated\n',
        b"",
    ],
)
def test_a_malformed_po_file_is_refused_and_changes_nothing(
    translator, french_translation, content
):
    before = translated_strings()

    response = upload(translator, french_translation, content)

    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any("PO file" in m for m in messages), messages
    assert translated_strings() == before


def test_a_po_file_for_another_page_is_refused(
    translator, en_policy, french_translation
):
    home = en_policy.get_parent()
    home_source = TranslationSource.objects.get(
        object_id=home.translation_key, locale_id=home.locale_id
    )
    home_po = Translation.objects.get(source=home_source).export_po()
    for entry in home_po:
        entry.msgstr = "Piraté"
    before = translated_strings()

    response = upload(translator, french_translation, str(home_po).encode())

    assert [str(m) for m in response.context["messages"]] == [
        "This PO file is for another page: “DMJ Computer Services”."
    ]
    assert translated_strings() == before


def test_a_po_file_for_another_language_is_refused(
    en_policy, french_translation, translator
):
    german = Locale.objects.create(language_code="de")
    german_translation = Translation.objects.create(
        source=french_translation.source, target_locale=german
    )
    german_po = german_translation.export_po()
    for entry in german_po:
        entry.msgstr = "Datenschutz"
    before = translated_strings()

    response = upload(translator, french_translation, str(german_po).encode())

    assert [str(m) for m in response.context["messages"]] == [
        "This PO file is for the German translation of this page, not the French one."
    ]
    assert translated_strings() == before


def test_a_po_file_without_its_translation_id_is_refused(
    translator, french_translation
):
    po = french_translation.export_po()
    del po.metadata["X-WagtailLocalize-TranslationID"]
    for entry in po:
        entry.msgstr = "Piraté"
    before = translated_strings()

    response = upload(translator, french_translation, str(po).encode())

    assert [str(m) for m in response.context["messages"]] == [
        "This PO file was not downloaded from this translation. Download the PO file "
        "from this page and translate that one."
    ]
    assert translated_strings() == before


def test_an_upload_without_a_file_is_refused(translator, french_translation):
    response = translator.post(
        localize_url("upload_pofile", french_translation.pk),
        {"next": "/admin/"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Choose a PO file to upload."
    ]


def test_the_po_file_says_it_is_utf8(translator, french_translation):
    response = translator.get(localize_url("download_pofile", french_translation.pk))

    assert response["Content-Type"] == "text/x-gettext-translation; charset=utf-8"
    assert "Première publication.".encode() in response.content


def test_a_po_file_read_with_the_wrong_encoding_is_refused(
    translator, french_translation
):
    # What a client that ignored the charset did: UTF-8 read as Latin-1 and
    # saved again, every accent garbled (“donnÃ©es”).
    download = translator.get(localize_url("download_pofile", french_translation.pk))
    garbled = download.content.decode("latin-1").encode("utf-8")
    before = translated_strings()

    response = upload(translator, french_translation, garbled)

    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("The accents in this PO file are garbled, for example")
    assert "Ã" in message
    assert translated_strings() == before


def test_a_po_file_not_saved_as_utf8_is_refused(translator, french_translation):
    po = french_translation.export_po()
    po.metadata["Content-Type"] = "text/plain; charset=ISO-8859-1"
    for entry in po:
        entry.msgstr = "Données modifiées"
    before = translated_strings()

    response = upload(
        translator, french_translation, str(po).encode("latin-1", errors="replace")
    )

    assert [str(m) for m in response.context["messages"]] == [
        "This PO file is not saved as UTF-8, so its accents would be garbled. Save it "
        "as UTF-8 (your PO editor's “Unicode (UTF-8)” encoding) and upload it again."
    ]
    assert translated_strings() == before
