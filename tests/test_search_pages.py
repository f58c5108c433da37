"""The search pages: results in the reader's language, straight to the right section."""

from wagtail.models import PageViewRestriction

import pytest

from tests.pages import soup, visible_text

EN_SEARCH = "/en/search/"
FR_SEARCH = "/fr/recherche/"


def results(page_soup):
    """What a visitor reads of each result, in order."""
    found = []
    for item in page_soup.select("main ol.search-results > li"):
        in_page = item.select_one(".search-result__page")
        snippet = item.select_one(".search-result__snippet")
        found.append(
            {
                "heading": visible_text(item.h2),
                "href": item.h2.a["href"],
                "page": visible_text(in_page) if in_page else None,
                "snippet": visible_text(snippet) if snippet else "",
                "marked": [visible_text(mark) for mark in item.select("mark")],
            }
        )
    return found


def test_an_english_result_leads_to_its_section(client, db):
    page = soup(client.get(EN_SEARCH, {"q": "youtube"}))

    [result] = results(page)
    assert result["heading"] == "YouTube Cookies"
    assert result["href"] == "/en/privacy-and-cookies/#youtube-cookies"
    assert result["page"] == "In “Privacy and Cookies”"
    assert "privacy-enhanced mode" in result["snippet"]
    assert {word.lower() for word in result["marked"]} == {"youtube"}
    # The anchor is the section's heading on the policy page.
    policy = soup(client.get("/en/privacy-and-cookies/"))
    assert visible_text(policy.select_one("h2#youtube-cookies")) == "YouTube Cookies"


def test_a_french_result_leads_to_its_french_section(client, db):
    page = soup(client.get(FR_SEARCH, {"q": "youtube"}))

    [result] = results(page)
    assert result["heading"] == "Cookies YouTube"
    assert result["href"] == "/fr/confidentialite-et-cookies/#youtube-cookies"
    assert "Confidentialité et Cookies" in result["page"]
    assert "vie privée" in result["snippet"]
    policy = soup(client.get("/fr/confidentialite-et-cookies/"))
    assert visible_text(policy.select_one("h2#youtube-cookies")) == "Cookies YouTube"


@pytest.mark.parametrize(("url", "prefix"), [(EN_SEARCH, "/en/"), (FR_SEARCH, "/fr/")])
def test_results_come_from_the_current_language_only(client, db, url, prefix):
    # Swindon is in both languages' home page and contact details.
    found = results(soup(client.get(url, {"q": "Swindon"})))

    assert len(found) == 2
    assert all(result["href"].startswith(prefix) for result in found)


@pytest.mark.parametrize(
    ("url", "word", "home"),
    [(EN_SEARCH, "Wiltshire", "/en/"), (FR_SEARCH, "Wiltshire", "/fr/")],
)
def test_the_home_page_introduction_is_a_result(client, db, url, word, home):
    found = results(soup(client.get(url, {"q": word})))

    intro = next(result for result in found if result["href"] == home)
    assert intro["heading"] == "DMJ Computer Services"
    assert intro["page"] is None
    assert "Swindon" in intro["snippet"]
    assert intro["marked"] == [word]


def test_pages_behind_a_password_stay_out_of_the_results(client, en_policy):
    PageViewRestriction.objects.create(
        page=en_policy, restriction_type="password", password="s3cret"
    )

    assert results(soup(client.get(EN_SEARCH, {"q": "youtube"}))) == []
    # The French policy has no restriction.
    assert len(results(soup(client.get(FR_SEARCH, {"q": "youtube"})))) == 1


def test_pages_under_a_restricted_page_stay_out_of_the_results(client, en_policy):
    PageViewRestriction.objects.create(
        page=en_policy.get_parent(), restriction_type="login"
    )

    # The home page's introduction and the policy below it.
    assert results(soup(client.get(EN_SEARCH, {"q": "Wiltshire"}))) == []
    assert results(soup(client.get(EN_SEARCH, {"q": "youtube"}))) == []
    assert len(results(soup(client.get(FR_SEARCH, {"q": "Wiltshire"})))) == 2


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
def test_the_page_is_accessible(client, db, url):
    page = soup(client.get(url, {"q": "youtube"}))

    assert len(page.select("h1")) == 1
    field = page.select_one("main input[name=q]")
    assert visible_text(page.select_one(f"main label[for={field['id']}]"))
    assert len(page.select("main ol.search-results > li > h2 > a")) == 1
    # The number of results is said in words, not only shown as a list.
    summary = visible_text(page.select_one("main .search-summary"))
    assert "1" in summary and "youtube" in summary


@pytest.mark.parametrize(
    ("query", "summary"),
    [("youtube", "1 result for “youtube”"), ("cookie", "4 results for “cookie”")],
)
def test_the_number_of_results_is_said_in_english(client, db, query, summary):
    page = soup(client.get(EN_SEARCH, {"q": query}))

    assert visible_text(page.select_one("main .search-summary")) == summary
    assert len(results(page)) == int(summary.split()[0])


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
def test_the_header_box_keeps_the_query(client, db, url):
    page = soup(client.get(url, {"q": "cookie"}))

    assert page.select_one("header input#site-search-q")["value"] == "cookie"
    assert page.select_one("main input[name=q]")["value"] == "cookie"
    assert page.select_one("header form.site-search")["action"] == url


def test_the_language_switcher_runs_the_same_search(client, db):
    page = soup(client.get(EN_SEARCH, {"q": "cookie"}))

    french = page.select_one(".language-switcher a[lang=fr]")
    assert french["href"] == "/fr/recherche/?q=cookie"


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
def test_no_cookie_no_inline_code_and_kept_out_of_search_engines(client, db, url):
    response = client.get(url, {"q": "cookie"})
    page = soup(response)

    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers
    assert page.select("script:not([src])") == []
    assert page.select("style") == []
    assert page.select("[style]") == []
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert page.select_one("main form")["method"] == "get"
