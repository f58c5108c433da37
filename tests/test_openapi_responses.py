"""Real answers of every operation, in English and French, errors included, are
what the OpenAPI document says: validated against it with a JSON Schema 2020-12
validator. And the schemas are strict: a missing field, a field of the wrong
type or an unknown one fails."""

import json
import uuid

from django.db import connection
from django.test import Client

import pytest

from tests.consent_records import a_record
from tests.openapi import (
    assert_conforms,
    component_errors,
    replaced,
    served_document,
    without,
)
from tests.pages import english_policy, french_policy
from tests.upcoming import schedule

LISTING = "/api/v2/pages/"
DETAIL = "/api/v2/pages/{id}/"
FIND = "/api/v2/pages/find/"
COOKIES = "/api/v2/cookies/"
DEVICE_STORAGE = "/api/v2/cookies/device-storage.json"
RECORDS = "/consent/records/"
ORIGIN = "https://www.dmj.example"


@pytest.fixture
def document(client, db):
    return served_document(client)


def detail_url(page, **query):
    return f"/api/v2/pages/{page.pk}/", query


LISTINGS = [
    {},
    {"locale": "en"},
    {"locale": "fr"},
    {"type": "policy.PolicyPage", "fields": "*"},
    {"type": "home.HomePage", "fields": "*", "locale": "fr"},
    {"locale": "fr", "type": "policy.PolicyPage", "fields": "_,title,last_updated"},
    {"fields": "_"},
    {"fields": "-title,-detail_url"},
    {"search": "cookies", "locale": "en"},
    {"search": "données", "locale": "fr"},
    {"search": "cookie analytics", "search_operator": "or"},
    {"order": "-title", "limit": 1, "offset": 1},
    {"limit": 0},
]


@pytest.mark.parametrize("query", LISTINGS)
def test_listings(client, document, query):
    body = assert_conforms(document, LISTING, "get", client.get(LISTING, query))

    assert body["meta"]["total_count"] >= len(body["items"])


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("fields", [None, "*", "_,body,history", "-body", "_"])
def test_policy_details(client, document, language, fields):
    policy = english_policy() if language == "en" else french_policy()
    query = {"fields": fields} if fields else {}

    response = client.get(f"/api/v2/pages/{policy.pk}/", query)

    body = assert_conforms(document, DETAIL, "get", response)
    if fields is None:
        # Without ?fields=, the full description of a policy, strictly.
        assert component_errors(document, "PolicyPage", body) == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_page_details(client, document, language):
    home = (english_policy() if language == "en" else french_policy()).get_parent()

    body = assert_conforms(
        document, DETAIL, "get", client.get(f"/api/v2/pages/{home.pk}/")
    )

    assert component_errors(document, "HomePage", body) == []


def test_a_translation_behind_its_source(client, document, major_change):
    body = client.get(f"/api/v2/pages/{french_policy().pk}/").json()

    assert body["newer_source_version"]["version"] == 2
    assert component_errors(document, "PolicyPage", body) == []
    english = client.get(f"/api/v2/pages/{english_policy().pk}/").json()
    assert [entry["version"] for entry in english["history"]] == [2, 1]
    assert english["history"][0]["compare_html_url"].endswith("/compare/1/2/")
    assert component_errors(document, "PolicyPage", english) == []


@pytest.mark.usefixtures("in_january_2027")
def test_an_upcoming_change_in_both_languages(admin_client, document, en_policy):
    schedule(admin_client, en_policy)

    for policy in (english_policy(), french_policy()):
        response = Client().get(f"/api/v2/pages/{policy.pk}/")
        body = assert_conforms(document, DETAIL, "get", response)
        assert body["upcoming_change"]["version"] == 2
        assert component_errors(document, "PolicyPage", body) == []


@pytest.mark.parametrize(
    "query",
    [
        {"html_path": "/en/privacy-and-cookies/"},
        {"html_path": "/fr/confidentialite-et-cookies/historique/"},
        {"html_path": "/fr/"},
    ],
)
def test_find_redirects_to_a_detail(client, document, query):
    response = client.get(FIND, query)

    assert response.status_code == 302
    assert_conforms(document, FIND, "get", response)
    assert_conforms(document, DETAIL, "get", client.get(response["Location"]))


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"locale": "en"},
        {"locale": "fr"},
        {"locale": "fr", "category": "necessary"},
        {"party": "third"},
        {"kind": "localStorage"},
    ],
)
def test_cookie_declarations(client, document, query):
    body = assert_conforms(document, COOKIES, "get", client.get(COOKIES, query))

    assert body["meta"]["total_count"] == len(body["items"])


def test_the_device_storage_disclosure(client, document):
    response = client.get(DEVICE_STORAGE)

    body = assert_conforms(document, DEVICE_STORAGE, "get", response)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert [row["identifier"] for row in body["disclosures"]] == [
        "_ga",
        "_gid",
        "_gat_gtag_UA_951418_39",
        "_cfduid",
    ]


ERRORS = [
    (LISTING, LISTING, {"fields": "nope"}, 400),
    (LISTING, LISTING, {"limit": "abc"}, 400),
    (LISTING, LISTING, {"search": " ".join(["a"] * 33)}, 400),
    (LISTING, LISTING, {"first_published_at": "yesterday"}, 400),
    (LISTING, LISTING, {"locale": "xx"}, 404),
    (DETAIL, "/api/v2/pages/{en}/", {"fields": "nope"}, 400),
    (DETAIL, "/api/v2/pages/{en}/", {"limit": 1}, 400),
    (DETAIL, "/api/v2/pages/999999/", {}, 404),
    (DETAIL, "/api/v2/pages/{en}/", {"locale": "fr"}, 404),
    (FIND, FIND, {"id": "abc"}, 400),
    (FIND, FIND, {"html_path": "/de/datenschutz/"}, 404),
    (COOKIES, COOKIES, {"category": "ads"}, 400),
    (COOKIES, COOKIES, {"nope": "1"}, 400),
    (COOKIES, COOKIES, {"locale": "de"}, 404),
    (DEVICE_STORAGE, DEVICE_STORAGE, {"locale": "fr"}, 400),
    ("/api/v2/openapi.json", "/api/v2/openapi.json", {"v": "1"}, 400),
]


@pytest.mark.parametrize(("path", "url", "query", "status"), ERRORS)
def test_errors(client, document, path, url, query, status):
    response = client.get(url.format(en=english_policy().pk), query)

    assert response.status_code == status
    assert_conforms(document, path, "get", response)


def test_a_bug_is_a_documented_500(client, document, en_policy):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE policy_policypage SET body = %s WHERE page_ptr_id = %s",
            ['[{"type": "section", "value": 42, "id": "x"}]', en_policy.pk],
        )

    response = client.get(f"/api/v2/pages/{en_policy.pk}/")

    assert response.status_code == 500
    assert_conforms(document, DETAIL, "get", response)


def post_record(client, body, origin=ORIGIN, **extra):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        RECORDS, data, content_type="application/json", HTTP_ORIGIN=origin, **extra
    )


@pytest.fixture
def allowed_origin(settings):
    settings.CONSENT_ALLOWED_ORIGINS = [ORIGIN]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_consent_records(client, document, allowed_origin, language):
    record = a_record(language)

    created = post_record(client, record)
    again = post_record(client, record)

    assert (created.status_code, again.status_code) == (201, 409)
    assert_conforms(document, RECORDS, "post", created)
    assert_conforms(document, RECORDS, "post", again)


@pytest.mark.parametrize(
    ("body", "origin", "status"),
    [
        ("{not json", ORIGIN, 400),
        ({"version": 1, "choices": {"ads": True}}, ORIGIN, 400),
        ({"version": 99, "choices": {}}, ORIGIN, 400),
        ({"version": 1, "choices": {}}, "https://elsewhere.example", 403),
        ({"version": 1, "choices": {}, "pad": "x" * 3000}, ORIGIN, 413),
    ],
)
def test_refused_consent_records(
    client, document, allowed_origin, body, origin, status
):
    response = post_record(client, body, origin)

    assert response.status_code == status
    assert_conforms(document, RECORDS, "post", response)


def test_too_many_consent_records(client, document, allowed_origin, settings):
    settings.CONSENT_RATE_LIMIT = (1, 60)
    post_record(client, a_record())

    response = post_record(client, a_record())

    assert response.status_code == 429
    assert_conforms(document, RECORDS, "post", response)


# The schemas are strict -------------------------------------------------------


def first_cookie_table(policy):
    """The path to the first cookie table of a policy's body."""
    for section, block in enumerate(policy["body"]):
        for index, child in enumerate(block["value"]["content"]):
            if child["type"] == "cookie_table":
                return ("body", section, "value", "content", index, "value")
    raise AssertionError("the policy has no cookie table")


def test_a_policy_missing_a_field_or_with_a_wrong_type_fails(client, document):
    policy = client.get(f"/api/v2/pages/{french_policy().pk}/").json()
    table = first_cookie_table(policy)
    assert component_errors(document, "PolicyPage", policy) == []

    broken = [
        without(policy, "last_updated"),
        without(policy, "meta", "locale"),
        replaced(policy, "2018-01-23", "translation_behind"),
        replaced(policy, "23/01/2018", "last_updated"),
        replaced(policy, "1", "history", 0, "version"),
        replaced(policy, "cookie", "body"),
        replaced(policy, {**policy["translations"][0], "extra": 1}, "translations", 0),
        without(policy, "body", 0, "value", "anchor"),
        without(policy, "body", 0, "id"),
        replaced(policy, "unknown", "body", 0, "type"),
        without(policy, *table, "cookies", 0, "kind"),
        replaced(policy, "ads", *table, "cookies", 0, "category"),
        replaced(policy, 13, *table, "cookies", 0, "duration"),
        without(policy, *table, "cookies", 0, "maxAgeSeconds"),
        replaced(policy, "2 years", *table, "cookies", 0, "maxAgeSeconds"),
        replaced(policy, -1, *table, "cookies", 0, "maxAgeSeconds"),
        without(policy, *table, "cookies", 0, "refreshed"),
        replaced(policy, None, *table, "cookies", 0, "refreshed"),
    ]
    for body in broken:
        assert component_errors(document, "PolicyPage", body) != []


def test_a_checklist_item_with_an_unknown_code_or_a_section_without_covers_fails(
    client, document
):
    policy = client.get(f"/api/v2/pages/{english_policy().pk}/").json()
    assert component_errors(document, "PolicyPage", policy) == []
    assert policy["transparency"]["covered"][0]["item"] == "controller"

    broken = [
        replaced(policy, "cookies", "transparency", "covered", 0, "item"),
        replaced(policy, "cookies", "transparency", "missing", 0, "item"),
        replaced(policy, ["cookies"], "body", 0, "value", "covers"),
        without(policy, "body", 0, "value", "covers"),
        without(policy, "transparency", "covered", 0, "sections"),
        without(policy, "transparency", "facts", "rights"),
        replaced(policy, "privacy", "transparency", "facts", "rights", 0, "right"),
        replaced(
            policy, "United Kingdom", "transparency", "facts", "controller", "country"
        ),
        without(policy, "transparency"),
    ]
    for body in broken:
        assert component_errors(document, "PolicyPage", body) != []
    fields = client.get(
        f"/api/v2/pages/{english_policy().pk}/", {"fields": "_,transparency"}
    ).json()
    assert component_errors(document, "PageFields", fields) == []
    assert component_errors(
        document,
        "PageFields",
        replaced(fields, "cookies", "transparency", "covered", 0, "item"),
    )


def test_a_cookie_with_an_unknown_code_fails(client, document):
    cookies = client.get(COOKIES, {"locale": "fr"}).json()

    assert component_errors(document, "CookieDeclarations", cookies) == []
    assert component_errors(
        document, "CookieDeclarations", replaced(cookies, "ads", "items", 0, "category")
    )
    assert component_errors(
        document, "CookieDeclarations", without(cookies, "items", 0, "kind")
    )
    assert component_errors(
        document, "CookieDeclarations", without(cookies, "items", 0, "maxAgeSeconds")
    )
    assert component_errors(
        document, "CookieDeclarations", without(cookies, "items", 0, "refreshed")
    )
    assert component_errors(
        document, "Error", {"message": "x", "detail": str(uuid.uuid4())}
    )
