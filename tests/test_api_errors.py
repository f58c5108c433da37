"""Every error of the API is JSON, whatever its cause, and input never causes a 500."""

from django.db import connection

import pytest

from tests.pages import english_policy, french_policy


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize(
    "fields",
    [
        "title" + "(" * 1000 + ")" * 1000,
        "(" * 20,
        ",".join(["title"] * 500),
    ],
)
def test_deep_or_long_fields_are_refused_before_parsing(client, db, fields):
    response = client.get("/api/v2/pages/", {"fields": fields})

    assert_json_error(response, 400)
    assert "fields may be at most" in response.json()["message"]


def test_the_policy_fields_at_their_real_depth_still_work(client, db):
    response = client.get(
        "/api/v2/pages/",
        {"type": "policy.PolicyPage", "fields": "_,title,last_updated,translations"},
    )

    assert response.status_code == 200
    # Each policy with exactly the fields asked for, its translations listed in full.
    items = response.json()["items"]
    assert [(item["title"], item["last_updated"]) for item in items] == [
        ("Privacy and Cookies", "2018-01-23"),
        ("Confidentialité et Cookies", "2018-01-23"),
    ]
    assert all(set(item) == {"title", "last_updated", "translations"} for item in items)
    assert [
        (translation["locale"], translation["html_url"])
        for translation in items[0]["translations"]
    ] == [
        ("en", "http://testserver/en/privacy-and-cookies/"),
        ("fr", "http://testserver/fr/confidentialite-et-cookies/"),
    ]


def test_a_host_outside_allowed_hosts_gets_a_json_400(client, db):
    response = client.get("/api/v2/pages/", HTTP_HOST="evil.example")

    assert_json_error(response, 400)


def test_a_bug_is_a_json_500_that_tells_nothing_of_the_code(client, en_policy):
    # A body the blocks cannot read, as a bad migration or a hand-edited
    # database would leave it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE policy_policypage SET body = %s WHERE page_ptr_id = %s",
            ['[{"type": "section", "value": 42, "id": "x"}]', en_policy.pk],
        )

    response = client.get(f"/api/v2/pages/{english_policy().pk}/")

    assert_json_error(response, 500)
    assert response.json() == {
        "message": "Something went wrong on our side. Please try again later."
    }
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    "query", ["limit=-1", "offset=abc", "search=cookie", "order=title"]
)
def test_a_single_page_refuses_the_listing_parameters(client, db, query):
    response = client.get(f"/api/v2/pages/{english_policy().pk}/?{query}")

    assert_json_error(response, 400)
    assert "a single page has no listing parameters" in response.json()["message"]


def test_a_single_page_takes_fields(client, db):
    response = client.get(f"/api/v2/pages/{english_policy().pk}/?fields=_,title")

    assert response.status_code == 200
    assert response.json() == {"title": "Privacy and Cookies"}


@pytest.mark.parametrize(
    "path",
    [
        "/en/privacy-and-cookies/versions/999999999999999/",
        "/en/privacy-and-cookies/versions/0/",
        "/en/privacy-and-cookies/compare/1/9/",
        "/fr/confidentialite-et-cookies/versions/7/",
    ],
)
def test_find_does_not_lead_a_missing_version_to_the_policy(client, db, path):
    assert_json_error(client.get("/api/v2/pages/find/", {"html_path": path}), 404)


def test_find_leads_an_existing_version_to_its_policy(client, db):
    response = client.get(
        "/api/v2/pages/find/",
        {"html_path": "/fr/confidentialite-et-cookies/versions/1/"},
    )

    assert response.status_code == 302
    assert f"/api/v2/pages/{french_policy().pk}/" in response["Location"]
