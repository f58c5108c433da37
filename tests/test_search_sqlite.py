"""On SQLite (`make run`), the search ignores accents and case as it does on PostgreSQL.

The tests run on PostgreSQL: this one seeds a throwaway SQLite database in a
new process with the development settings, and searches it there.
"""

import json
import re

import pytest

from search.query import sqlite_snippet
from tests.production import run_with_settings

QUERIES = [
    "données",
    "donnees",
    "DONNEES",
    "Donnée",
    "reclamation",
    "réclamation",
    "ordonnées",
]

SEARCH = """
import io, json
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import Client

for command in ("migrate", "seed_site", "rebuild_search_entries"):
    call_command(command, stdout=io.StringIO())
client = Client(HTTP_HOST="127.0.0.1")
found = {{}}
for query in {queries!r}:
    page = BeautifulSoup(
        client.get("/fr/recherche/", {{"q": query}}).content, "html.parser"
    )
    found[query] = []
    for item in page.select("main ol.search-results > li"):
        marks = [mark.get_text() for mark in item.select("mark")]
        # The text as a reader sees it, each highlight between [ and ].
        for mark in item.select("mark"):
            mark.replace_with("[" + mark.get_text() + "]")
        text = chr(10).join(part.get_text() for part in item.find_all(["h2", "p"]))
        found[query].append([item.h2.a["href"], marks, text])
print(json.dumps({{"vendor": connection.vendor, "found": found}}))
"""


@pytest.fixture(scope="module")
def sqlite_results(tmp_path_factory):
    database = tmp_path_factory.mktemp("sqlite") / "db.sqlite3"
    result = run_with_settings(
        "dev", SEARCH.format(queries=QUERIES), DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.splitlines()[-1])
    assert answer["vendor"] == "sqlite"
    return answer["found"]


def addresses(results):
    return [href for href, _marks, _text in results]


@pytest.mark.parametrize("query", ["donnees", "DONNEES"])
def test_donnees_finds_what_donnees_with_its_accent_finds(sqlite_results, query):
    expected = addresses(sqlite_results["données"])

    assert len(expected) == 8
    assert addresses(sqlite_results[query]) == expected


def test_the_accented_words_are_marked_in_the_results(sqlite_results):
    results = {href: marks for href, marks, _text in sqlite_results["donnees"]}

    marked = results["/fr/confidentialite-et-cookies/#how-we-use-your-data"]
    # The heading, “Comment nous utilisons vos données”, and the text.
    assert marked[0] == "données"
    assert set(marked) == {"données"}


def test_reclamation_finds_what_reclamation_with_its_accent_finds(sqlite_results):
    expected = addresses(sqlite_results["réclamation"])

    assert "/fr/confidentialite-et-cookies/#complaints-or-queries" in expected
    assert addresses(sqlite_results["reclamation"]) == expected


def test_a_capital_and_an_accent_in_the_query_change_nothing(sqlite_results):
    # Without stemming a word also finds the longer words it begins:
    # “Donnée” finds every “données” and the singular “donnée” too.
    assert set(addresses(sqlite_results["Donnée"])) >= set(
        addresses(sqlite_results["données"])
    )


def highlights_in_words(results):
    """Each highlight with the letters around it: “coor[données]” for one inside a word."""
    return [
        found
        for _href, _marks, text in results
        for found in re.findall(r"\w*\[[^\]]*\]\w*", text)
    ]


@pytest.mark.parametrize(
    ("query", "words"),
    [("données", {"[données]"}), ("Donnée", {"[données]", "[donnée]"})],
)
def test_only_whole_words_are_highlighted(sqlite_results, query, words):
    highlighted = highlights_in_words(sqlite_results[query])

    assert {found.lower() for found in highlighted} == words


def test_a_word_inside_another_is_not_highlighted():
    # What the SQLite results show: the snippet, highlighted.
    snippet = sqlite_snippet(
        "Nous conservons les coordonnées des personnes, mais aucune autre donnée.",
        ["données", "Donnée"],
    )

    assert "coordonnées" in snippet
    assert re.findall(r"<mark>(.*?)</mark>", snippet) == ["donnée"]


def test_a_word_is_not_found_inside_another(sqlite_results):
    # “ordonnées” is only ever the end of “coordonnées”.
    assert sqlite_results["ordonnées"] == []
