"""The policy page is light: HTML and CSS together stay under 60 KB."""

from pathlib import Path

from django.contrib.staticfiles import finders

from tests.pages import soup

BUDGET = 60 * 1024


def test_policy_page_html_and_css_fit_the_budget(client, db):
    for url in ["/en/privacy-and-cookies/", "/fr/confidentialite-et-cookies/"]:
        response = client.get(url)
        stylesheets = [
            link["href"] for link in soup(response).select("link[rel=stylesheet]")
        ]
        css = sum(
            Path(finders.find(href.removeprefix("/static/"))).stat().st_size
            for href in stylesheets
        )

        assert stylesheets == ["/static/css/site.css"]
        assert len(response.content) + css < BUDGET


def test_the_public_pages_set_no_cookie_and_carry_no_script(client, db):
    for url in [
        "/en/",
        "/en/privacy-and-cookies/",
        "/fr/confidentialite-et-cookies/historique/",
    ]:
        response = client.get(url)
        assert response.cookies == {}
        assert soup(response).select("script") == []
        assert 'style="' not in response.content.decode()
