"""Both languages route and render, and each page points to its translation."""

from tests.pages import soup, visible_text


def test_english_policy_renders_in_english(client, en_policy):
    response = client.get("/en/privacy-and-cookies/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert visible_text(page.h1) == "Privacy and Cookies"


def test_french_policy_renders_in_french(client, fr_policy):
    response = client.get("/fr/confidentialite-et-cookies/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert visible_text(page.h1) == "Confidentialité et Cookies"
    assert visible_text(page.select_one(".skip-link")) == "Aller au contenu principal"


def test_home_pages_link_to_the_policy_in_their_language(client, db):
    english = soup(client.get("/en/"))
    french = soup(client.get("/fr/"))

    assert english.select_one("main a[href='/en/privacy-and-cookies/']")
    assert french.select_one("main a[href='/fr/confidentialite-et-cookies/']")


def test_every_page_links_to_its_translation(client, db):
    english = soup(client.get("/en/privacy-and-cookies/"))
    french = soup(client.get("/fr/confidentialite-et-cookies/"))

    switch_to_french = english.select_one(".language-switcher a[lang=fr]")
    switch_to_english = french.select_one(".language-switcher a[lang=en]")
    assert switch_to_french["href"] == "/fr/confidentialite-et-cookies/"
    assert switch_to_english["href"] == "/en/privacy-and-cookies/"
    assert english.select_one(".language-switcher a[aria-current=page]")["lang"] == "en"


def test_page_head_lists_hreflang_alternates_both_ways(client, db):
    for url in ("/en/privacy-and-cookies/", "/fr/confidentialite-et-cookies/"):
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup(client.get(url)).select("link[rel=alternate][hreflang]")
        }
        assert alternates == {
            "en": "http://testserver/en/privacy-and-cookies/",
            "fr": "http://testserver/fr/confidentialite-et-cookies/",
            "x-default": "http://testserver/en/privacy-and-cookies/",
        }


def test_footer_links_to_the_policy_in_the_page_language(client, db):
    footer = soup(client.get("/fr/")).select_one("footer")

    link = footer.select_one("a[href='/fr/confidentialite-et-cookies/']")
    assert visible_text(link) == "Confidentialité et cookies"


def test_table_of_contents_links_to_every_section(client, db):
    page = soup(client.get("/en/privacy-and-cookies/"))

    toc_targets = [a["href"] for a in page.select("nav.toc a")]
    headings = page.select("section.policy-section > h2")
    assert len(headings) == 16
    assert toc_targets == [f"#{h2['id']}" for h2 in headings]


def test_cookie_tables_are_real_tables_with_caption_and_headers(client, db):
    page = soup(client.get("/en/privacy-and-cookies/"))

    tables = page.select("table.cookie-table")
    assert [visible_text(t.caption) for t in tables] == [
        "Google Analytics cookies in detail",
        "Cloudflare cookies in detail",
    ]
    for table in tables:
        assert [th["scope"] for th in table.select("thead th")] == ["col"] * 5
        assert all(th["scope"] == "row" for th in table.select("tbody th"))
