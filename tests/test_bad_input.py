"""Unknown pages and languages get the site's own 404 page, never a 500."""

from tests.pages import soup, visible_text


def test_unknown_french_page_gets_the_french_404(client, db):
    response = client.get("/fr/cette-page-n-existe-pas/")

    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert visible_text(page.h1) == "Page introuvable"
    assert page.select_one("main a[href='/fr/']")


def test_unknown_english_page_gets_the_english_404(client, db):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "en"
    assert visible_text(page.h1) == "Page not found"


def test_unknown_language_prefix_ends_on_a_404_in_the_visitor_language(client, db):
    response = client.get("/de/datenschutz/", HTTP_ACCEPT_LANGUAGE="fr", follow=True)

    assert response.status_code == 404
    assert soup(response).html["lang"] == "fr"


def test_malformed_query_string_still_serves_the_page(client, db):
    response = client.get("/en/privacy-and-cookies/?%ff%fe=%00&page=-1&&=")

    assert response.status_code == 200
