"""The device storage disclosure and the cookie rows it comes from, against the OpenAPI
document: web storage keys and a session cookie validate where they appear (the
cookies, a page's detail, the disclosure), a policy taken down is a documented 404,
and the disclosure's schema refuses what the site never serves."""

import pytest

from tests.openapi import (
    assert_conforms,
    component_errors,
    replaced,
    served_document,
    without,
)
from tests.storage_keys import GOOGLE_STORAGE, declare

COOKIES = "/api/v2/cookies/"
DETAIL = "/api/v2/pages/{id}/"
DEVICE_STORAGE = "/api/v2/cookies/device-storage.json"


@pytest.fixture
def document(client, db):
    return served_document(client)


SESSION_COOKIE = {
    "name": "sessionid",
    "kind": "cookie",
    "purpose": "Keeps you signed in.",
    "duration": "Until you close your browser",
    "party": "first",
    "category": "necessary",
}


def test_storage_keys_and_a_session_cookie_everywhere(client, document, en_policy):
    declare(en_policy, [*GOOGLE_STORAGE, SESSION_COOKIE])

    cookies = assert_conforms(document, COOKIES, "get", client.get(COOKIES))
    detail = client.get(f"/api/v2/pages/{en_policy.pk}/")
    assert_conforms(document, DETAIL, "get", detail)
    disclosure = assert_conforms(
        document, DEVICE_STORAGE, "get", client.get(DEVICE_STORAGE)
    )

    lifetimes = {row["name"]: row["maxAgeSeconds"] for row in cookies["items"]}
    assert [lifetimes[name] for name in ("ga_state", "ga_tab", "sessionid")] == [
        None,
        None,
        None,
    ]
    declared = {
        row["identifier"]: (row["type"], row["maxAgeSeconds"])
        for row in disclosure["disclosures"]
    }
    assert {name: declared[name] for name in ("ga_state", "ga_tab", "sessionid")} == {
        "ga_state": ("web", None),
        "ga_tab": ("web", None),
        "sessionid": ("cookie", 0),
    }


def test_no_published_policy_is_a_documented_404(client, document, en_policy):
    en_policy.unpublish()

    response = client.get(DEVICE_STORAGE)

    assert response.status_code == 404
    assert_conforms(document, DEVICE_STORAGE, "get", response)


def test_a_disclosure_breaking_the_format_fails(client, document):
    disclosure = client.get(DEVICE_STORAGE).json()
    ga = ("disclosures", 0)

    assert component_errors(document, "DeviceStorageDisclosure", disclosure) == []
    for broken in (
        # A cookie needs its lifetime and whether it is refreshed.
        replaced(disclosure, None, *ga, "maxAgeSeconds"),
        without(disclosure, *ga, "cookieRefresh"),
        # Web storage has neither.
        replaced(disclosure, "web", *ga, "type"),
        replaced(disclosure, "app", *ga, "type"),
        replaced(disclosure, [12], *ga, "purposes"),
        replaced(disclosure, "https://127.0.0.1/", *ga, "domains", 0),
        replaced(disclosure, {**disclosure["disclosures"][0], "domain": "x"}, *ga),
        without(disclosure, "domains", 0, "purposes"),
    ):
        assert component_errors(document, "DeviceStorageDisclosure", broken) != []
