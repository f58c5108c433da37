"""Search engines find each language: sitemap with alternates, robots.txt, canonical, descriptions."""

from xml.etree import ElementTree

from wagtail.models import Page

from tests.pages import english_policy, french_policy, soup

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


def sitemap_locations(client):
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    return {url.find("s:loc", NS).text for url in urlset.findall("s:url", NS)}


def head(client, url):
    page = soup(client.get(url))
    return (
        page.select_one("link[rel=canonical]")["href"],
        page.select_one("meta[name=description]")["content"],
    )


def test_pages_name_the_address_the_sitemap_gives_as_canonical(client, db):
    # Asked for with a campaign's query string, as a shared link often is.
    listed = sitemap_locations(client)
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_full_url()
        canonical, _description = head(client, f"{page.url}?utm_source=newsletter")

        assert canonical == url
        assert canonical in listed


def test_history_and_versions_name_the_addresses_the_api_gives(client, db):
    for policy in (english_policy(), french_policy()):
        fields = client.get(f"/api/v2/pages/{policy.pk}/").json()
        version = fields["history"][-1]["html_url"]

        assert (
            head(client, fields["history_url"] + "?ref=x")[0] == fields["history_url"]
        )
        assert head(client, version + "?ref=x")[0] == version


def test_each_page_describes_itself_in_its_language(client, db):
    urls = [
        "/en/",
        "/fr/",
        "/en/privacy-and-cookies/",
        "/fr/confidentialite-et-cookies/",
        "/en/privacy-and-cookies/history/",
        "/fr/confidentialite-et-cookies/historique/",
        "/en/privacy-and-cookies/versions/1/",
        "/fr/confidentialite-et-cookies/versions/1/",
    ]
    descriptions = {url: head(client, url)[1] for url in urls}

    # What the editors wrote for the pages themselves...
    assert descriptions["/en/privacy-and-cookies/"] == (
        english_policy().search_description
    )
    assert descriptions["/fr/confidentialite-et-cookies/"] == (
        french_policy().search_description
    )
    # ...and for the others, a sentence of their own, never another page's.
    assert len(set(descriptions.values())) == len(urls)
    assert "23 January 2018" in descriptions["/en/privacy-and-cookies/versions/1/"]
    assert (
        "23 janvier 2018" in descriptions["/fr/confidentialite-et-cookies/versions/1/"]
    )


def test_archived_versions_and_404s_are_not_indexed(client, db):
    for url in ["/en/privacy-and-cookies/versions/1/", "/en/missing/"]:
        assert (
            soup(client.get(url)).select_one("meta[name=robots]")["content"]
            == "noindex"
        )
