"""Visitors compare two published versions, in plain words, in their language."""

import pytest

from tests.pages import soup, visible_text

EN_URL = "/en/privacy-and-cookies/"
FR_URL = "/fr/confidentialite-et-cookies/"


def test_comparison_shows_the_changed_cookie_row(client, major_change):
    page = soup(client.get(EN_URL + "compare/1/2/"))

    table = page.select_one("table.policy-diff__table")
    assert visible_text(table.caption) == "Cookie changes: Google Analytics"
    rows = table.select("tbody tr")
    assert len(rows) == 1
    assert visible_text(rows[0].th) == "_ga"
    details = visible_text(rows[0])
    assert "Changed" in details
    assert "2 years" in details and "13 months" in details
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_history_links_each_change_to_its_comparison(client, major_change):
    history = soup(client.get(EN_URL + "history/"))

    link = history.select_one(".history__entry a[href$='compare/1/2/']")
    assert visible_text(link) == "What changed on 4 March 2024"


def test_the_compare_form_leads_to_the_comparison(client, major_change):
    response = client.get(EN_URL + "compare/", {"from": "2", "to": "1"})

    assert response.status_code == 302
    assert response["Location"] == EN_URL + "compare/1/2/"


def test_french_comparison_speaks_french(client, translated_major_change):
    page = soup(client.get(FR_URL + "comparer/1/2/"))

    assert page.html["lang"] == "fr"
    row = visible_text(page.select_one("table.policy-diff__table tbody tr"))
    assert "2 ans" in row and "13 mois" in row
    assert "Durée de conservation" in row


@pytest.mark.parametrize(
    "path",
    [
        "compare/1/9/",
        "compare/0/1/",
        "compare/a/b/",
        "compare/1/",
        "compare/?from=1",
        "compare/?from=1&to=x",
        "compare/?from=1&to=99",
        "compare/?from=%00&to=%ff",
    ],
)
def test_comparisons_of_unknown_versions_are_not_found(client, major_change, path):
    response = client.get(EN_URL + path)

    assert response.status_code == 404
