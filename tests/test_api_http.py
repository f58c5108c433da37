"""HTTP: cache headers, ETags and 304s, CORS for listed origins, no cookies or sessions."""

from django.test import override_settings

import pytest

from tests.pages import english_policy, french_policy

ALLOWED = "https://app.example.com"
# A browser may keep a response a minute; an edge cache a day, as it is
# purged whenever anything public changes.
PUBLIC = "public, max-age=60, s-maxage=86400, stale-if-error=86400"


@pytest.fixture
def urls(db):
    return [
        "/api/v2/pages/",
        f"/api/v2/pages/{english_policy().pk}/",
        f"/api/v2/pages/{french_policy().pk}/",
        "/api/v2/cookies/?locale=fr",
    ]


def test_responses_may_be_kept_by_browsers_and_edge_caches(client, urls):
    for url in urls:
        response = client.get(url)

        assert response.status_code == 200
        assert response["Cache-Control"] == PUBLIC
        assert response["ETag"].startswith('"')


def test_a_missing_page_may_be_kept_but_has_no_etag(client, db):
    response = client.get("/api/v2/pages/999999/")

    assert response.status_code == 404
    assert response["Cache-Control"] == PUBLIC
    assert "ETag" not in response


def test_a_bad_request_is_never_kept(client, db):
    # Anyone can invent endless wrong queries: none of them may fill a cache.
    response = client.get("/api/v2/pages/?fields=nope")

    assert response.status_code == 400
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_matching_if_none_match_gets_a_304(client, urls):
    for url in urls:
        etag = client.get(url)["ETag"]

        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"] == PUBLIC


def test_etag_changes_when_the_content_does(client, en_policy):
    url = f"/api/v2/pages/{en_policy.pk}/"
    etag = client.get(url)["ETag"]
    en_policy.title = "Privacy and Cookies Policy"
    en_policy.save_revision().publish()

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["title"] == "Privacy and Cookies Policy"


def test_304_keeps_the_language_of_the_content(client, db):
    url = f"/api/v2/pages/{french_policy().pk}/"
    etag = client.get(url)["ETag"]

    response = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_LANGUAGE="en")

    # A cache updates its copy's headers with those of the 304: it must not
    # be told the French text is in another language.
    assert response.status_code == 304
    assert response.get("Content-Language", "fr") == "fr"


def test_304_is_answered_without_building_the_response(
    client, db, django_assert_num_queries
):
    url = f"/api/v2/pages/{french_policy().pk}/"
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_head_gives_the_same_headers_without_a_body(client, urls):
    get, head = client.get(urls[1]), client.head(urls[1])

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def varies_on(response):
    return {name.strip().lower() for name in response.get("Vary", "").split(",")}


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED, "https://other.example"])
def test_listed_origin_may_read_the_api(client, urls):
    for url in urls:
        response = client.get(url, HTTP_ORIGIN=ALLOWED)

        assert response["Access-Control-Allow-Origin"] == ALLOWED
        assert "origin" in varies_on(response)
        assert response["Access-Control-Expose-Headers"] == "ETag"
        assert "Access-Control-Allow-Credentials" not in response


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_unlisted_origin_gets_no_cors_headers(client, urls):
    for url in urls:
        response = client.get(url, HTTP_ORIGIN="https://evil.example")

        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response
        assert "origin" in varies_on(response)


@override_settings(CORS_ALLOWED_ORIGINS=[])
def test_no_origin_is_allowed_by_default(client, urls):
    # What the settings give when API_CORS_ALLOWED_ORIGINS is not set
    # (tests/test_settings.py reads them with and without it).
    response = client.get(urls[0], HTTP_ORIGIN=ALLOWED)

    assert "Access-Control-Allow-Origin" not in response


def test_pages_outside_the_api_never_allow_other_origins(client, db):
    with override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED]):
        response = client.get("/en/privacy-and-cookies/", HTTP_ORIGIN=ALLOWED)

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_preflight_from_a_listed_origin_is_answered(client, urls):
    response = client.options(
        urls[1],
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    refused = client.options(
        urls[1],
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"].lower() == "if-none-match"
    assert "Access-Control-Allow-Origin" not in refused


def test_no_cookie_session_or_csrf_token_even_for_a_logged_in_editor(
    client, urls, django_user_model
):
    anonymous = {url: client.get(url).content for url in urls}
    client.force_login(
        django_user_model.objects.create_superuser("editor-x", "e@example.com", "pw")
    )
    client.cookies["csrftoken"] = "x" * 32

    for url in urls:
        response = client.get(url)

        assert response.cookies == {}
        assert "Set-Cookie" not in response
        assert "cookie" not in varies_on(response)
        assert "csrf" not in response.content.decode().lower()
        assert response.content == anonymous[url]


def test_the_site_itself_does_vary_on_cookies(client, db, django_user_model):
    # The check above could fail: a logged-in editor's HTML page does depend on them.
    client.force_login(
        django_user_model.objects.create_superuser("editor-y", "e@example.com", "pw")
    )

    response = client.get("/en/privacy-and-cookies/")

    assert "cookie" in varies_on(response)
