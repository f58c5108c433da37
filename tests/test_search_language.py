"""Word forms and accents are matched as a reader of each language expects."""

import pytest

from tests.pages import soup, visible_text

EN_SEARCH = "/en/search/"
FR_SEARCH = "/fr/recherche/"


def found(client, url, query):
    """(section address, words marked in the result) of each result."""
    page = soup(client.get(url, {"q": query}))
    return [
        (item.h2.a["href"], [visible_text(mark) for mark in item.select("mark")])
        for item in page.select("main ol.search-results > li")
    ]


def addresses(client, url, query):
    return [href for href, _marked in found(client, url, query)]


def test_english_cookie_finds_cookies(client, db):
    results = dict(found(client, EN_SEARCH, "cookie"))

    marked = results["/en/privacy-and-cookies/#use-of-cookies"]
    assert "Cookies" in marked  # the heading, “Use of Cookies”
    assert "cookies" in marked  # the text


def test_english_complaints_finds_complaint(client, db):
    results = dict(found(client, EN_SEARCH, "complaints"))

    # “…in relation to a data protection or freedom of information complaint.”
    assert results["/en/privacy-and-cookies/#how-we-use-your-data"] == ["complaint"]
    assert "Complaints" in results["/en/privacy-and-cookies/#complaints"]


def test_french_donnee_finds_donnees(client, db):
    results = dict(found(client, FR_SEARCH, "donnée"))

    assert results["/fr/confidentialite-et-cookies/#how-we-use-your-data"][0] == (
        "données"
    )


@pytest.mark.parametrize("query", ["donnees", "DONNEES", "Données", "donnee"])
def test_french_ignores_accents_and_case(client, db, query):
    expected = addresses(client, FR_SEARCH, "données")

    assert len(expected) == 8
    assert addresses(client, FR_SEARCH, query) == expected


def test_french_reclamation_finds_the_complaints_sections(client, db):
    results = dict(found(client, FR_SEARCH, "reclamation"))

    assert results["/fr/confidentialite-et-cookies/#complaints-or-queries"][0] == (
        "Réclamations"
    )
    assert "/fr/confidentialite-et-cookies/#complaints" in results


def test_french_words_are_not_found_in_english_nor_english_words_in_french(client, db):
    assert addresses(client, EN_SEARCH, "données") == []
    assert addresses(client, FR_SEARCH, "complaint") == []


def test_phrases_and_either_word_work_as_in_a_web_search(client, db):
    phrase = addresses(client, EN_SEARCH, '"google analytics"')
    either = addresses(client, EN_SEARCH, "youtube or analytics")

    assert phrase == ["/en/privacy-and-cookies/#use-of-cookies"]
    assert sorted(either) == [
        "/en/privacy-and-cookies/#use-of-cookies",
        "/en/privacy-and-cookies/#youtube-cookies",
    ]


def test_a_section_with_the_word_in_its_heading_comes_first(client, db):
    assert addresses(client, EN_SEARCH, "complaint")[:2] == [
        "/en/privacy-and-cookies/#complaints",
        "/en/privacy-and-cookies/#complaints-or-queries",
    ]
    assert addresses(client, FR_SEARCH, "données")[0] == (
        "/fr/confidentialite-et-cookies/#how-we-use-your-data"
    )


def test_a_section_with_all_the_words_in_its_heading_comes_first(client, db):
    assert addresses(client, EN_SEARCH, "personal information")[0] == (
        "/en/privacy-and-cookies/#access-to-personal-information"
    )
    assert addresses(client, FR_SEARCH, "informations personnelles")[0] == (
        "/fr/confidentialite-et-cookies/#access-to-personal-information"
    )
