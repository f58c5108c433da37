"""The API at /api/v2/ has the endpoints the site needs, and no others."""

import pytest

from tests.pages import english_policy, french_policy


def test_pages_endpoint_lists_the_published_pages_of_both_languages(client, db):
    response = client.get("/api/v2/pages/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    items = response.json()["items"]
    assert {(item["meta"]["type"], item["meta"]["locale"]) for item in items} == {
        ("home.HomePage", "en"),
        ("home.HomePage", "fr"),
        ("policy.PolicyPage", "en"),
        ("policy.PolicyPage", "fr"),
    }
    policy = next(item for item in items if item["id"] == english_policy().pk)
    assert policy["meta"]["html_url"].endswith("/en/privacy-and-cookies/")
    assert policy["meta"]["detail_url"].endswith(f"/api/v2/pages/{policy['id']}/")


def test_policy_detail_gives_every_field_of_the_policy(client, db):
    data = client.get(f"/api/v2/pages/{english_policy().pk}/").json()

    assert data["title"] == "Privacy and Cookies"
    assert {
        "body",
        "last_updated",
        "history_url",
        "history",
        "translations",
        "translation_behind",
        "newer_source_version",
    } <= set(data)


def test_home_page_gives_its_introduction_as_html(client, db):
    home = english_policy().get_parent()

    data = client.get(f"/api/v2/pages/{home.pk}/?fields=_,intro").json()

    assert data["intro"].startswith("<p>DMJ Computer Services Ltd is")


def test_cookies_endpoint_is_there(client, db):
    response = client.get("/api/v2/cookies/")

    assert response.status_code == 200
    assert response.json()["meta"]["policy"]["id"] == english_policy().pk


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/snippets/",
        "/api/v2/pages/abc/",
    ],
)
def test_other_addresses_are_json_404s(client, db, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "pages/" in response.json()["message"]


def test_address_without_its_slash_is_sent_to_the_slash_form(client, db):
    response = client.get(f"/api/v2/pages/{french_policy().pk}")

    assert response.status_code == 301
    assert response["Location"] == f"/api/v2/pages/{french_policy().pk}/"
