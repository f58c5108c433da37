"""The sitemap dates each policy by its “last updated” date, in each language."""

from xml.etree import ElementTree

from django.utils import timezone

from tests.admin_forms import publish_through_editor, set_cookie_duration
from tests.pages import english_policy

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
EN_POLICY = "http://testserver/en/privacy-and-cookies/"
FR_POLICY = "http://testserver/fr/confidentialite-et-cookies/"
EN_HOME = "http://testserver/en/"


def lastmods(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    return {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS).text
        for url in urlset.findall("s:url", NS)
    }


def test_the_seeded_policy_is_dated_23_january_2018_in_both_languages(client, db):
    dates = lastmods(client)

    assert dates[EN_POLICY] == "2018-01-23"
    assert dates[FR_POLICY] == "2018-01-23"


def test_other_pages_keep_the_day_they_were_last_published(client, db):
    home = english_policy().get_parent()

    assert lastmods(client)[EN_HOME] == f"{timezone.localdate(home.last_published_at)}"


def test_a_minor_change_leaves_the_date(admin_client, en_policy):
    publish_through_editor(
        admin_client,
        en_policy,
        body=set_cookie_duration(en_policy, "_gid", "24 hours (one day)"),
        update_type="minor",
    )

    assert lastmods(admin_client)[EN_POLICY] == "2018-01-23"


def test_a_major_change_dates_each_language_when_it_reaches_it(
    client, translated_major_change
):
    dates = lastmods(client)

    assert dates[EN_POLICY] == "2024-03-04"
    assert dates[FR_POLICY] == "2024-03-04"


def test_the_french_keeps_its_date_until_it_is_translated(client, major_change):
    dates = lastmods(client)

    assert dates[EN_POLICY] == "2024-03-04"
    assert dates[FR_POLICY] == "2018-01-23"
