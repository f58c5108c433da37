"""Public responses are kept and revalidated cheaply, and never outlive a change.

The app's own cache (the shared cache, Redis in production) is tested here;
the edge in front of it is tested on the real stack in test_production_stack.py.
"""

import io
import uuid

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from caching.generation import GENERATION_KEY, content_generation
from tests.admin_forms import (
    MAJOR_CHANGE_IN_FRENCH,
    publish_major_change,
    set_cookie_duration,
)
from tests.pages import (
    cookie_duration,
    english_policy,
    french_policy,
    soup,
    translate_into_french,
)

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"
PUBLIC = "public, max-age=60, s-maxage=86400, stale-if-error=86400"

PUBLIC_ADDRESSES = [
    "/en/",
    "/fr/",
    EN,
    FR,
    EN + "history/",
    FR + "historique/",
    EN + "versions/1/",
    "/en/search/?q=cookie",
    "/fr/recherche/?q=donnees",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/pages/",
]


@pytest.mark.parametrize("url", PUBLIC_ADDRESSES)
def test_public_addresses_say_how_long_they_may_be_kept(client, db, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert response["ETag"] == f'"{content_generation()}"'


@pytest.mark.parametrize("url", [EN, FR, EN + "history/", "/en/search/?q=cookie"])
def test_a_warm_public_page_costs_no_query(client, db, url, django_assert_num_queries):
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content


def test_a_warm_api_detail_costs_no_query(client, db, django_assert_num_queries):
    url = f"/api/v2/pages/{french_policy().pk}/"
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.json() == first.json()


def test_a_304_costs_no_query(client, db, django_assert_num_queries):
    etag = client.get(FR)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(FR, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_the_admin_is_never_kept(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_signed_in_editors_are_never_served_from_nor_stored_in_the_cache(
    admin_client, client, db
):
    anonymous = client.get(EN)
    editor = admin_client.get(EN)
    anonymous_again = client.get(EN)

    # An editor sees the Wagtail user bar; visitors never do.
    assert soup(editor).select("wagtail-userbar, .wagtail-userbar")
    assert "no-store" in editor["Cache-Control"]
    assert "private" in editor["Cache-Control"]
    assert not soup(anonymous).select("wagtail-userbar, .wagtail-userbar")
    assert anonymous_again.content == anonymous.content


def test_a_publication_shows_at_once_in_both_languages_and_the_api(
    client, admin_client, en_policy, django_capture_on_commit_callbacks
):
    api = f"/api/v2/pages/{en_policy.pk}/"
    for url in (EN, FR, api):
        client.get(url)  # remembered
    old_etag = client.get(EN)["ETag"]

    publish_major_change(admin_client, en_policy)

    assert cookie_duration(soup(client.get(EN)), "_ga") == "13 months"
    assert soup(client.get(FR)).select(".notice--behind")
    assert "13 months" in client.get(api).content.decode()
    assert client.get(EN, HTTP_IF_NONE_MATCH=old_etag).status_code == 200

    translate_into_french(
        en_policy, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )

    french = soup(client.get(FR))
    assert cookie_duration(french, "_ga") == "13 mois"
    assert not french.select(".notice--behind")


def test_unpublishing_or_restricting_a_page_takes_effect_at_once(client, en_policy):
    client.get(EN)

    PageViewRestriction.objects.create(
        page=en_policy, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    restricted = client.get(EN)
    assert "cookie-table" not in restricted.content.decode()
    assert "password" in restricted.content.decode().lower()

    PageViewRestriction.objects.all().delete()
    en_policy.unpublish()
    assert client.get(EN).status_code == 404


def test_odd_query_strings_share_the_plain_address_entry(
    client, db, django_assert_num_queries
):
    plain = client.get(EN)

    with django_assert_num_queries(0):
        for query in ("?utm_source=newsletter", "?foo=1", "?foo=2&bar=", "?"):
            assert client.get(EN + query).content == plain.content


def test_search_results_are_kept_per_query(client, db):
    cookie = client.get("/en/search/", {"q": "cookie"})
    youtube = client.get("/en/search/", {"q": "youtube"})

    assert cookie.content != youtube.content


def test_a_host_outside_allowed_hosts_never_reaches_the_cache(client, db):
    response = client.get(EN, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "evil.example" not in client.get(EN).content.decode()


def test_each_allowed_host_gets_its_own_addresses(client, db):
    # The canonical link is built from the host asked for: one host's copy
    # must never be served to another.
    local = soup(client.get(EN, HTTP_HOST="localhost"))
    test = soup(client.get(EN))

    assert local.select_one("link[rel=canonical]")["href"].startswith(
        "http://localhost/"
    )
    assert test.select_one("link[rel=canonical]")["href"].startswith(
        "http://testserver/"
    )


# Purging the edge --------------------------------------------------------


def test_the_edge_is_purged_once_a_publication_is_committed(
    edge, en_policy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        en_policy.save_revision().publish()
        assert edge == []  # nothing before the commit

    for callback in callbacks:
        callback()

    paths = {path for path, _host, _generation in edge}
    assert {
        "/en/",
        "/fr/",
        EN,
        FR,
        EN + "history/",
        FR + "historique/",
        EN + "versions/1/",
        FR + "versions/1/",
        "/en/search/",
        "/fr/recherche/",
        "/sitemap.xml",
        "/api/v2/",
    } <= paths
    assert {host for _path, host, _generation in edge} == {"testserver"}
    assert {generation for _path, _host, generation in edge} == {content_generation()}


def test_a_deleted_page_is_purged_at_its_former_address(
    edge, en_policy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        en_policy.delete()

    assert EN in {path for path, _host, _generation in edge}
    assert Client().get(EN).status_code == 404


def test_purge_public_caches_forgets_every_page(
    edge, client, en_policy, django_capture_on_commit_callbacks
):
    remembered = client.get(EN).content.decode()
    # Changed behind Wagtail's back, as a restore would.
    en_policy.__class__.objects.filter(pk=en_policy.pk).update(title="Behind the back")
    assert client.get(EN).content.decode() == remembered

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_public_caches", stdout=io.StringIO())

    assert "Behind the back" in client.get(EN).content.decode()
    assert EN in {path for path, _host, _generation in edge}


def test_a_remembered_api_response_names_each_reader_s_own_origin(client, db, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://a.example", "https://b.example"]
    url = "/api/v2/cookies/"

    first = client.get(url, HTTP_ORIGIN="https://a.example")
    second = client.get(url, HTTP_ORIGIN="https://b.example")
    unlisted = client.get(url, HTTP_ORIGIN="https://evil.example")
    again = client.get(url, HTTP_ORIGIN="https://a.example")

    assert first["Access-Control-Allow-Origin"] == "https://a.example"
    assert second["Access-Control-Allow-Origin"] == "https://b.example"
    assert "Access-Control-Allow-Origin" not in unlisted
    assert again["Access-Control-Allow-Origin"] == "https://a.example"


def test_a_generation_left_by_an_older_version_is_replaced(client, db):
    cache.set(GENERATION_KEY, "18ed248816b4a152", timeout=None)  # an old hex token
    first = client.get(EN)["ETag"]

    en = english_policy()
    en.save_revision().publish()

    assert first.strip('"').isdigit()
    assert client.get(EN)["ETag"] != first


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_as_in_the_admin_nothing_is_remembered_half_done(
    client, edge
):
    # Wagtail saves the page without a transaction: the version and the
    # search entries are written after it, in a transaction of their own.
    # Nothing read in between may stay.
    call_command("seed_site", stdout=io.StringIO())
    english = english_policy()
    for url in (EN, FR, "/en/search/?q=months"):
        client.get(url)
    assert not soup(client.get("/en/search/?q=months")).select(".search-result")

    english.change_key = uuid.uuid4()
    english.change_note = "Google Analytics cookies now last 13 months."
    set_cookie_duration(english, "_ga", "13 months")
    english.save_revision().publish()

    assert (
        "Google Analytics cookies now last 13 months."
        in client.get(EN + "history/").content.decode()
    )
    assert soup(client.get(FR)).select(".notice--behind")
    assert soup(client.get("/en/search/?q=months")).select(".search-result")


def test_an_edge_that_does_not_answer_does_not_hold_up_a_publication(
    settings, en_policy, django_capture_on_commit_callbacks, caplog
):
    # Nothing listens on port 1: the first purge fails at once, the others
    # are not tried, and the publication goes through.
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "caching.edge.EdgeBackend",
            "LOCATION": "http://127.0.0.1:1",
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        en_policy.save_revision().publish()

    failures = [r for r in caplog.records if "Could not reach the edge" in r.message]
    assert len(failures) == 1
    assert "more" in failures[0].message
    assert english_policy().live
