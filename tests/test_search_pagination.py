"""Ten results a page, with links a screen reader can follow."""

import pytest

from tests.pages import soup, visible_text

# 17 sections and pages mention “information” in each language.
CASES = [
    ("/en/search/", "information"),
    ("/fr/recherche/", "informations"),
]


def result_headings(page_soup):
    return [
        visible_text(item.h2)
        for item in page_soup.select("main ol.search-results > li")
    ]


def result_links(page_soup):
    return [
        item.h2.a["href"] for item in page_soup.select("main ol.search-results > li")
    ]


@pytest.mark.parametrize(("url", "query"), CASES)
def test_the_first_page_shows_ten_and_leads_to_the_next(client, db, url, query):
    page = soup(client.get(url, {"q": query}))

    assert len(result_headings(page)) == 10
    nav = page.select_one("main nav.pagination")
    assert nav["aria-label"]
    assert page.select_one("main ol.search-results")["start"] == "1"
    assert nav.select_one("a[rel=prev]") is None
    assert nav.select_one("a[rel=next]")["href"] == f"{url}?q={query}&page=2"
    current = nav.select("a[aria-current=page]")
    assert [visible_text(link) for link in current] == ["Page 1"]
    assert current[0]["href"] == f"{url}?q={query}"


@pytest.mark.parametrize(("url", "query"), CASES)
def test_the_last_page_shows_the_rest_and_leads_back(client, db, url, query):
    first = soup(client.get(url, {"q": query}))
    page = soup(client.get(url, {"q": query, "page": "2"}))

    assert len(result_headings(page)) == 7
    links = result_links(first) + result_links(page)
    assert len(set(links)) == 17
    assert page.select_one("main ol.search-results")["start"] == "11"
    nav = page.select_one("main nav.pagination")
    assert nav.select_one("a[rel=prev]")["href"] == f"{url}?q={query}"
    assert nav.select_one("a[rel=next]") is None
    current = nav.select("a[aria-current=page]")
    assert [visible_text(link) for link in current] == ["Page 2"]


def test_the_english_pagination_says_where_the_reader_is(client, db):
    page = soup(client.get("/en/search/", {"q": "information", "page": "2"}))

    nav = page.select_one("main nav.pagination")
    assert visible_text(nav.select_one(".pagination__status")) == "Page 2 of 2"
    assert visible_text(nav.select_one("a[rel=prev]")) == "Previous"
    assert page.title.get_text().startswith(
        "Search results for “information” (page 2 of 2)"
    )
    first = soup(client.get("/en/search/", {"q": "information"}))
    assert visible_text(first.select_one("main a[rel=next]")) == "Next"


def test_one_page_of_results_has_no_pagination(client, db):
    page = soup(client.get("/en/search/", {"q": "cookie"}))

    assert len(result_headings(page)) == 4
    assert page.select_one("main nav.pagination") is None
