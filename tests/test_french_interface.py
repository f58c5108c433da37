"""A French page speaks French: no interface string is left in English."""

import re
from pathlib import Path

from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

import polib
import pytest

from tests.pages import soup, visible_text

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
FR = "/fr/confidentialite-et-cookies/"
FRENCH_PAGES = [
    "/fr/",
    FR,
    FR + "historique/",
    FR + "versions/1/",
    "/fr/recherche/",
    "/fr/recherche/?q=cookies",
    "/fr/cette-page-n-existe-pas/",
]


def english_interface_strings():
    """Sentences of this project's interface whose French differs from the English."""
    strings = []
    for entry in polib.pofile(str(CATALOGUE)):
        english = re.sub(r"%\([a-z_]+\)s|\{\{.*?\}\}", "", entry.msgid).strip(" :.")
        # Single words ("Cookie", "Analytics") also occur inside French content.
        if entry.msgstr != entry.msgid and len(english.split()) >= 2:
            strings.append(english)
    return strings


@pytest.mark.parametrize("url", FRENCH_PAGES)
def test_french_pages_have_no_english_interface_text(client, db, url):
    page = soup(client.get(url))
    text = visible_text(page.body)
    strings = english_interface_strings()

    assert len(strings) > 100
    assert [s for s in strings if s in text] == []
    assert ENGLISH_MONTHS.findall(text) == []
    assert page.html["lang"] == "fr"


def test_the_500_page_speaks_the_visitors_language(db):
    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        response = server_error(request)

    page = soup(response)
    assert response.status_code == 500
    assert page.html["lang"] == "fr"
    assert visible_text(page.h1) == "Un problème est survenu"
    assert page.select_one("main a[href='/fr/']")
    assert page.select_one("link[rel=stylesheet]")


def test_the_500_page_in_english(db):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        response = server_error(request)

    page = soup(response)
    assert visible_text(page.h1) == "Something went wrong"
    assert page.select_one("main a[href='/en/']")
