"""A search of absurd size gets a clear refusal, on the site and in the API, never a 500.

Wagtail's query builder, behind the API's ?search=, once answered 153 words
(a 327-byte URL), or 78 joined with OR, with a RecursionError.
"""

import pytest

from search.terms import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS
from tests.pages import soup, visible_text

EN_SEARCH = "/en/search/"
FR_SEARCH = "/fr/recherche/"

# The two that broke Wagtail's query builder.
BROKE_WAGTAIL = [" ".join(["a"] * 153), " OR ".join(["a"] * 78)]
ONE_WORD_TOO_MANY = " ".join(["a"] * (MAX_SEARCH_WORDS + 1))
# As many words as anyone may ask for, the last one found on the site.
MOST_WORDS = " ".join(["a"] * (MAX_SEARCH_WORDS - 1) + ["cookie"])
WORDS_MESSAGE = f"search cannot have more than {MAX_SEARCH_WORDS} words"
LENGTH_MESSAGE = f"search cannot be longer than {MAX_SEARCH_LENGTH} characters"


@pytest.mark.parametrize("search", BROKE_WAGTAIL)
def test_the_api_refuses_what_broke_wagtail_with_a_400(client, db, search):
    response = client.get("/api/v2/pages/", {"search": search})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    # Too long and too many words at once: either may be said.
    assert response.json()["message"] in (WORDS_MESSAGE, LENGTH_MESSAGE)


def test_the_api_says_when_there_are_too_many_words(client, db):
    response = client.get("/api/v2/pages/", {"search": ONE_WORD_TOO_MANY})

    assert response.status_code == 400
    assert response.json() == {"message": WORDS_MESSAGE}


def test_the_api_says_when_a_search_is_too_long(client, db):
    response = client.get("/api/v2/pages/", {"search": "x" * (MAX_SEARCH_LENGTH + 1)})

    assert response.status_code == 400
    assert response.json() == {"message": LENGTH_MESSAGE}


@pytest.mark.parametrize(
    "search", [MOST_WORDS, "x" * MAX_SEARCH_LENGTH, "cookies", "privacy OR cookies"]
)
def test_the_api_still_searches_within_the_limits(client, db, search):
    response = client.get("/api/v2/pages/", {"search": search})

    assert response.status_code == 200
    assert "items" in response.json()


@pytest.mark.parametrize("query", [*BROKE_WAGTAIL, ONE_WORD_TOO_MANY])
def test_the_site_says_in_english_that_there_are_too_many_words(client, db, query):
    response = client.get(EN_SEARCH, {"q": query})

    assert response.status_code == 400
    page = soup(response)
    assert visible_text(page.select_one("main .search-summary")) == (
        "Your search has too many words. "
        f"Search again with at most {MAX_SEARCH_WORDS} words."
    )
    assert page.select_one("main ol.search-results") is None
    assert page.select_one("main nav.pagination") is None
    # The words stay in the box, to be shortened.
    kept = query[:MAX_SEARCH_LENGTH].strip()
    assert page.select_one("main input[name=q]")["value"] == kept
    assert visible_text(page.title).startswith("Search")


def test_the_site_says_it_in_french_to_french_readers(client, db):
    response = client.get(FR_SEARCH, {"q": ONE_WORD_TOO_MANY})

    assert response.status_code == 400
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert visible_text(page.select_one("main .search-summary")) == (
        "Votre recherche contient trop de mots. "
        f"Recherchez à nouveau avec {MAX_SEARCH_WORDS} mots au plus."
    )


@pytest.mark.parametrize("url", [EN_SEARCH, FR_SEARCH])
def test_the_site_searches_as_many_words_as_allowed(client, db, url):
    response = client.get(url, {"q": MOST_WORDS})

    assert response.status_code == 200
    page = soup(response)
    assert page.select("main ol.search-results > li")
    assert page.select("main ol.search-results mark")
