"""Search engines find each language: sitemap with alternates, robots.txt, canonical, descriptions."""

from xml.etree import ElementTree

from tests.pages import soup

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_lists_both_languages_with_their_alternates(client, db):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    urlset = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    urls = {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in urlset.findall("s:url", NS)
    }
    policy_en = "http://testserver/en/privacy-and-cookies/"
    policy_fr = "http://testserver/fr/confidentialite-et-cookies/"
    assert set(urls) >= {
        "http://testserver/en/",
        "http://testserver/fr/",
        policy_en,
        policy_fr,
    }
    assert urls[policy_fr] == {"en": policy_en, "fr": policy_fr, "x-default": policy_en}


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_every_page_type_has_a_canonical_url_and_a_description(client, db):
    for url in [
        "/en/",
        "/fr/confidentialite-et-cookies/",
        "/en/privacy-and-cookies/history/",
        "/fr/confidentialite-et-cookies/versions/1/",
        "/en/search/",
    ]:
        page = soup(client.get(url))
        assert (
            page.select_one("link[rel=canonical]")["href"] == f"http://testserver{url}"
        )
        assert len(page.select_one("meta[name=description]")["content"]) > 20, url


def test_archived_versions_and_404s_are_not_indexed(client, db):
    for url in ["/en/privacy-and-cookies/versions/1/", "/en/missing/"]:
        assert (
            soup(client.get(url)).select_one("meta[name=robots]")["content"]
            == "noindex"
        )
