"""Reports → Consent records: counts per version and category, and the CSV, for editors and approvers."""

import csv
import io
import uuid

import pytest
from bs4 import BeautifulSoup

from consent.models import ConsentRecord, ConsentTextsVersion
from tests.admin_menu import admin_menu
from tests.roles import refused

SITE = "https://shop.example.com"


DIGEST = "ab" * 32
# A second version of the English texts, as a publication would record it.
NEW_INTRO = "Cookies, briefly."


@pytest.fixture
def records(db):
    first = ConsentTextsVersion.objects.get(language="en")
    second = ConsentTextsVersion.objects.create(
        language="en",
        number=2,
        published_at=first.published_at,
        texts={**first.texts, "intro": NEW_INTRO},
    )
    french = ConsentTextsVersion.objects.get(language="fr")

    def record(version, texts=first, gpc=False, **choices):
        return ConsentRecord.objects.create(
            policy_version=version,
            language=texts.language,
            texts=texts,
            choices=choices,
            origin=SITE,
            gpc=gpc,
            script=DIGEST,
            receipt=uuid.uuid4(),
        )

    return [
        record(1, analytics=True),
        record(1, analytics=False),
        record(2, analytics=True, marketing=True),
        record(2, texts=second, analytics=True, marketing=False),
        record(2, texts=second, gpc=True, analytics=False, marketing=False),
        record(2, texts=french, analytics=True),
    ]


def rows_of(html):
    table = BeautifulSoup(html, "html.parser").find("table", class_="listing")
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_editors_and_approvers_see_counts(request, records, role):
    client = request.getfixturevalue(role)

    response = client.get("/admin/consent-records/")

    assert response.status_code == 200
    html = response.content.decode()
    assert rows_of(html) == [
        [
            "Policy version",
            "Banner texts version",
            "Language",
            "Records",
            "Analytics accepted",
            "Functionality accepted",
            "Marketing accepted",
            "Global Privacy Control",
        ],
        ["2", "2", "English", "2", "1", "0", "0", "1"],
        ["2", "1", "English", "1", "1", "0", "1", "0"],
        ["2", "1", "Français", "1", "1", "0", "0", "0"],
        ["1", "1", "English", "2", "1", "0", "0", "0"],
    ]
    # What each version said, where the table's numbers lead.
    page = BeautifulSoup(html, "html.parser")
    link = page.select_one("table.listing a[href='#texts-en-2']")
    assert link.get_text() == "2"
    second = page.select_one("#texts-en-2")
    assert NEW_INTRO in second.get_text()
    assert "Version 2 (en), in use since" in second.h3.get_text()
    assert "Nous utilisons des cookies" in page.select_one("#texts-fr-1").get_text()
    menu = admin_menu(client.get("/admin/"))
    assert menu[("Reports", "Consent records")] == "/admin/consent-records/"


def test_the_export_has_every_record(editor, records):
    response = editor.get("/admin/consent-records/csv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "id",
        "recorded_at",
        "policy_version",
        "texts_version",
        "language",
        "origin",
        "gpc",
        "script",
        "receipt",
        "analytics",
        "functionality",
        "marketing",
    ]
    assert [row[2:7] + row[9:] for row in rows[1:]] == [
        ["1", "1", "en", SITE, "no", "yes", "", ""],
        ["1", "1", "en", SITE, "no", "no", "", ""],
        ["2", "1", "en", SITE, "no", "yes", "", "yes"],
        ["2", "2", "en", SITE, "no", "yes", "", "no"],
        ["2", "2", "en", SITE, "yes", "no", "", "no"],
        ["2", "1", "fr", SITE, "no", "yes", "", ""],
    ]
    assert {row[7] for row in rows[1:]} == {DIGEST}
    assert [row[8] for row in rows[1:]] == [str(r.receipt) for r in records]


def test_records_from_before_the_texts_were_versioned_still_count(editor, db):
    ConsentRecord.objects.create(
        policy_version=1, language="en", choices={"analytics": True}, origin=SITE
    )

    response = editor.get("/admin/consent-records/")
    export = editor.get("/admin/consent-records/csv/")

    assert rows_of(response.content.decode())[1] == [
        "1",
        "not recorded",
        "English",
        "1",
        "1",
        "0",
        "0",
        "0",
    ]
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[1][2:9] == ["1", "", "en", SITE, "no", "", ""]


def test_translators_see_neither(translator, records):
    assert "/admin/consent-records/" not in translator.get("/admin/").content.decode()
    assert refused(translator.get("/admin/consent-records/"))
    assert refused(translator.get("/admin/consent-records/csv/"))


def test_the_french_admin_speaks_french(editor, records):
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    user = get_user_model().objects.get(username="editors")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()

    html = editor.get("/admin/consent-records/").content.decode()

    assert "Version de la politique" in html
    assert "Télécharger tous les enregistrements (CSV)" in html


def test_translators_translate_the_banner_texts_but_cannot_change_the_english(
    translator, db
):
    from consent.models import ConsentTexts
    from tests.roles import refused

    english = ConsentTexts.objects.get(locale__language_code="en")
    french = ConsentTexts.objects.get(locale__language_code="fr")

    assert refused(
        translator.get(f"/admin/snippets/consent/consenttexts/edit/{english.pk}/")
    )
    response = translator.get(f"/admin/snippets/consent/consenttexts/edit/{french.pk}/")
    assert response.status_code == 200
    assert "Ils comptent les visites" in response.content.decode()


def test_editors_change_the_english_banner_texts(editor, db):
    from consent.models import ConsentTexts

    english = ConsentTexts.objects.get(locale__language_code="en")

    response = editor.get(f"/admin/snippets/consent/consenttexts/edit/{english.pk}/")

    assert response.status_code == 200
    assert "They count visits" in response.content.decode()
