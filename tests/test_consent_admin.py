"""Reports → Consent records: counts per version and category, and the CSV, for editors and approvers."""

import csv
import io

import pytest

from consent.models import ConsentRecord
from tests.admin_menu import admin_menu
from tests.roles import refused

SITE = "https://shop.example.com"


@pytest.fixture
def records(db):
    def record(version, gpc=False, **choices):
        return ConsentRecord.objects.create(
            policy_version=version, language="en", choices=choices, origin=SITE, gpc=gpc
        )

    return [
        record(1, analytics=True),
        record(1, analytics=False),
        record(2, analytics=True, marketing=True),
        record(2, analytics=True, marketing=False),
        record(2, gpc=True, analytics=False, marketing=False),
    ]


def rows_of(html):
    from bs4 import BeautifulSoup

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
    assert rows_of(response.content.decode()) == [
        [
            "Policy version",
            "Records",
            "Analytics accepted",
            "Functionality accepted",
            "Marketing accepted",
            "Global Privacy Control",
        ],
        ["2", "3", "2", "0", "1", "1"],
        ["1", "2", "1", "0", "0", "0"],
    ]
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
        "language",
        "origin",
        "gpc",
        "analytics",
        "functionality",
        "marketing",
    ]
    assert [row[2:] for row in rows[1:]] == [
        ["1", "en", SITE, "no", "yes", "", ""],
        ["1", "en", SITE, "no", "no", "", ""],
        ["2", "en", SITE, "no", "yes", "", "yes"],
        ["2", "en", SITE, "no", "yes", "", "no"],
        ["2", "en", SITE, "yes", "no", "", "no"],
    ]


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
