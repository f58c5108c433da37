"""Whatever is typed or put in the address, the search answers with a page or a 404."""

import uuid

import pytest

from tests.pages import soup, visible_text

EN_SEARCH = "/en/search/"
FR_SEARCH = "/fr/recherche/"

NASTY_QUERIES = [
    "' OR 1=1; DROP TABLE search_searchentry; --",
    '"unterminated phrase',
    '""',
    "cookie & | ! ( ) : * <-> <2> \\",
    "-cookie",
    "or",
    "!!!",
    "a:* & b:B",
    "%s %(name)s {{ x }} {% y %}",
    "cook\x00ie\x01\x1b[31m",
    "\u202eetirovaf\u200b",
    "\ue000cookie\ue001",
    "🍪 cookie",
    "the of and",
]


def searched(client, url, query, **params):
    return client.get(url, {"q": query, **params})


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_odd_queries_get_a_normal_page(client, db, url, query):
    response = searched(client, url, query)

    assert response.status_code == 200
    page = soup(response)
    assert page.h1
    assert page.select_one("main .search-summary")


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
def test_bytes_that_are_not_utf8_get_a_normal_page(client, db, url):
    # A lone surrogate (ED A0 80) and bytes that are not UTF-8 at all.
    response = client.get(f"{url}?q=%ED%A0%80%FF%FEcookie")

    assert response.status_code == 200
    assert client.get(f"{url}?q=%ED%A0%80%FF%FEcookie&page=%ff").status_code == 404


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", None])
def test_an_empty_query_shows_the_form_only(client, db, url, query):
    response = client.get(url, {} if query is None else {"q": query})

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("main form input[name=q]")["value"] == ""
    assert page.select_one("main .search-summary") is None
    assert page.select_one("main ol.search-results") is None


def test_a_nul_byte_is_dropped_not_refused(client, db):
    page = soup(searched(client, EN_SEARCH, "you\x00tube"))

    assert visible_text(page.select_one("main .search-summary")) == (
        "1 result for “youtube”"
    )


def test_a_very_long_query_is_cut_short(client, db):
    query = "cookie " + "x" * 5000

    page = soup(searched(client, EN_SEARCH, query))

    kept = page.select_one("main input[name=q]")["value"]
    assert kept == query[:200]
    assert page.select_one("header input[name=q]")["value"] == query[:200]


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
def test_markup_in_the_query_is_shown_as_text(client, db, url):
    response = searched(client, url, '<script>alert("x")</script> cookie')

    assert b'<script>alert("x")' not in response.content
    summary = visible_text(soup(response).select_one("main .search-summary"))
    assert '<script>alert("x")</script> cookie' in summary


def test_markup_in_the_content_is_shown_as_text(client, en_policy):
    """ts_headline returns the text as it is: the page escapes it before marking."""
    en_policy.body = [
        *en_policy.body.raw_data,
        {
            "type": "section",
            "id": str(uuid.uuid4()),
            "value": {
                "heading": "Zeppelins <b>aloft</b>",
                "anchor": "zeppelins",
                "content": [
                    {
                        "type": "paragraph",
                        "id": str(uuid.uuid4()),
                        "value": (
                            "<p>Type &lt;script&gt;zeppelin()&lt;/script&gt; "
                            "&amp; see.</p>"
                        ),
                    }
                ],
            },
        },
    ]
    en_policy.save_revision().publish()

    response = searched(client, EN_SEARCH, "zeppelin")

    assert b"<script>zeppelin" not in response.content
    assert b"<b>aloft" not in response.content
    item = soup(response).select_one("main ol.search-results > li")
    assert visible_text(item.h2) == "Zeppelins <b>aloft</b>"
    snippet = item.select_one(".search-result__snippet")
    assert visible_text(snippet) == "Type <script>zeppelin()</script> & see."
    assert [visible_text(mark) for mark in snippet.select("mark")] == ["zeppelin"]
    assert item.h2.select("mark")[0].get_text() == "Zeppelins"


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
@pytest.mark.parametrize(
    "page_number",
    ["abc", "0", "-1", "1.5", "2", "99", "99999999999999999999999", "٢", " 1", "0x1"],
)
def test_unknown_result_pages_are_not_found(client, db, url, page_number):
    # One result: there is no page 2.
    response = searched(client, url, "youtube", page=page_number)

    assert response.status_code == 404


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
def test_page_one_and_an_empty_page_number_are_the_first_page(client, db, url):
    for page_number in ("1", ""):
        response = searched(client, url, "youtube", page=page_number)
        assert response.status_code == 200
        assert len(soup(response).select("main ol.search-results > li")) == 1


def test_a_page_number_without_a_query_shows_the_form(client, db):
    response = client.get(EN_SEARCH, {"page": "abc"})

    assert response.status_code == 200
    assert soup(response).select_one("main form input[name=q]")
