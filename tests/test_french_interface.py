"""A French page speaks French: no interface string is left in English.

Two checks that do not trust each other: the project's catalogue (a sentence
whose French differs must not show in English), and, independently of any
catalogue, English words that French never uses, in the text and in the
attributes a screen reader or a browser shows (aria-label, title,
placeholder, alt).
"""

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
# Common English words that are not French words; any of them on a French
# page is a sign of an untranslated string.
# fmt: off
ENGLISH_ONLY_WORDS = {
    "the", "and", "of", "to", "this", "that", "these", "those", "your", "you", "with",
    "from", "for", "was", "were", "has", "have", "been", "which", "what", "when",
    "where", "who", "how", "will", "would", "our", "we", "it", "its", "is", "are",
    "not", "by", "all", "any", "read", "skip", "main", "changed", "added", "removed",
    "previous", "next", "results", "back", "updated", "last", "archived", "compare",
    "history", "choose", "languages", "printed", "found", "nothing", "went", "wrong",
    "about", "see", "view", "than", "then",
}
# fmt: on
SHOWN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
FR = "/fr/confidentialite-et-cookies/"
EN = "/en/privacy-and-cookies/"
ENGLISH_PAGES = [
    "/en/",
    EN,
    EN + "history/",
    EN + "versions/1/",
    "/en/search/",
    "/en/search/?q=cookies",
    "/en/this-page-does-not-exist/",
]
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


def english_only_words(page):
    """English-only words a reader of the page sees or hears, outside text marked
    as being in another language (the language switcher's “English”)."""
    for element in page.select("body [lang]"):
        if element["lang"] != page.html["lang"]:
            element.decompose()
    shown = [page.title.get_text(), page.body.get_text(" ")]
    for name in SHOWN_ATTRIBUTES:
        shown += [element[name] for element in page.find_all(attrs={name: True})]
    words = {word.lower() for text in shown for word in re.findall(r"\w+", text)}
    return words & ENGLISH_ONLY_WORDS


@pytest.mark.parametrize("url", FRENCH_PAGES)
def test_french_pages_have_no_english_words(client, db, url):
    assert english_only_words(soup(client.get(url))) == set()


@pytest.mark.parametrize("url", ENGLISH_PAGES)
def test_the_same_check_finds_english_on_english_pages(client, db, url):
    assert len(english_only_words(soup(client.get(url)))) >= 5


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
