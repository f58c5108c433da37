"""/api/v2/cookies/device-storage.json: the policy's cookies as an IAB TCF device storage disclosure.

The schema below is written from the IAB Europe TCF's "Vendor Device Storage &
Operational Disclosures" specification (its tables of fields, scopes and
types), not from the code: what a consent platform or a vendor's tool expects.
"""

import jsonschema
import pytest

from tests.admin_forms import publish_through_editor, set_cookie_duration
from tests.storage_keys import GOOGLE_STORAGE, declare

URL = "/api/v2/cookies/device-storage.json"

PURPOSES = {
    "type": "array",
    # TCF v2.2's purposes are numbered 1 to 11, its special purposes 1 to 3.
    "items": {"type": "integer", "minimum": 1, "maximum": 11},
    "uniqueItems": True,
}
SPECIAL_PURPOSES = {
    "type": "array",
    "items": {"type": "integer", "minimum": 1, "maximum": 3},
    "uniqueItems": True,
}
# "*.adtech123.com" or "retarget.adtech123.com"; no scheme, no path.
DOMAIN = {"type": "string", "pattern": r"^(\*\.)?[A-Za-z0-9.-]+$"}

DISCLOSURE = {
    "type": "object",
    "required": ["identifier", "type", "maxAgeSeconds", "purposes"],
    "properties": {
        # Wildcards are allowed, a wildcard alone is not.
        "identifier": {"type": "string", "minLength": 1, "not": {"const": "*"}},
        "type": {"enum": ["cookie", "web", "app"]},
        "maxAgeSeconds": {"type": ["integer", "null"], "minimum": 0},
        "cookieRefresh": {"type": "boolean"},
        "domain": DOMAIN,
        "domains": {"type": "array", "items": DOMAIN, "minItems": 1},
        "purposes": PURPOSES,
        "specialPurposes": SPECIAL_PURPOSES,
        "description": {"type": "string"},
        "optOut": {"type": "boolean"},
    },
    "additionalProperties": False,
    # `domain` and `domains` are never both given.
    "not": {"required": ["domain", "domains"]},
    "allOf": [
        {
            # maxAgeSeconds: required if type = 'cookie', else null; cookieRefresh
            # is required for cookies.
            "if": {"properties": {"type": {"const": "cookie"}}},
            "then": {
                "required": ["cookieRefresh"],
                "properties": {"maxAgeSeconds": {"type": "integer"}},
            },
            "else": {"properties": {"maxAgeSeconds": {"type": "null"}}},
        },
        {
            # A domain is required for cookies and web storage.
            "if": {"properties": {"type": {"enum": ["cookie", "web"]}}},
            "then": {"anyOf": [{"required": ["domain"]}, {"required": ["domains"]}]},
        },
    ],
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["disclosures", "domains"],
    "properties": {
        "disclosures": {"type": "array", "items": DISCLOSURE},
        "domains": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["domain", "purposes"],
                "properties": {
                    "domain": DOMAIN,
                    "purposes": PURPOSES,
                    "specialPurposes": SPECIAL_PURPOSES,
                    "use": {"type": "string"},
                },
                "additionalProperties": False,
            },
        },
        "sdks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "purposes"],
                "properties": {
                    "name": {"type": "string"},
                    "purposes": PURPOSES,
                    "specialPurposes": SPECIAL_PURPOSES,
                    "use": {"type": "string"},
                },
            },
        },
    },
    "additionalProperties": False,
}


def disclosure_of(client):
    response = client.get(URL)
    assert response.status_code == 200
    document = response.json()
    jsonschema.validate(document, SCHEMA)
    return response, document


def test_the_schema_refuses_what_the_format_forbids():
    """The schema is no rubber stamp: each rule of the format it holds to."""
    good = {
        "identifier": "_ga",
        "type": "cookie",
        "maxAgeSeconds": 60,
        "cookieRefresh": False,
        "domains": ["example.com"],
        "purposes": [1],
    }
    jsonschema.validate({"disclosures": [good], "domains": []}, SCHEMA)
    for wrong in (
        {**good, "maxAgeSeconds": None},  # a cookie needs its lifetime
        {**good, "type": "web"},  # web storage has none
        {k: v for k, v in good.items() if k != "cookieRefresh"},
        {k: v for k, v in good.items() if k != "domains"},
        {**good, "domain": "example.com"},  # both domain and domains
        {**good, "identifier": "*"},
        {**good, "purposes": [12]},
        {**good, "domains": ["https://example.com/"]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"disclosures": [wrong], "domains": []}, SCHEMA)


def test_the_seeds_cookies_as_a_device_storage_disclosure(client, db):
    response, document = disclosure_of(client)

    assert response["Content-Type"] == "application/json"
    # Consent platforms read it from their own pages, without credentials.
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Cache-Control"].startswith("public")
    assert document == {
        "disclosures": [
            {
                "identifier": "_ga",
                "type": "cookie",
                "maxAgeSeconds": 63072000,
                "cookieRefresh": True,
                "domains": ["testserver"],
                "purposes": [1, 8],
            },
            {
                "identifier": "_gid",
                "type": "cookie",
                "maxAgeSeconds": 86400,
                "cookieRefresh": True,
                "domains": ["testserver"],
                "purposes": [1, 8],
            },
            {
                "identifier": "_gat_gtag_UA_951418_39",
                "type": "cookie",
                "maxAgeSeconds": 60,
                "cookieRefresh": False,
                "domains": ["testserver"],
                "purposes": [1, 8],
            },
            {
                # Strictly necessary: exempt from consent, so no purpose 1.
                "identifier": "_cfduid",
                "type": "cookie",
                "maxAgeSeconds": 2592000,
                "cookieRefresh": False,
                "domains": ["testserver"],
                "purposes": [],
            },
        ],
        "domains": [
            {
                "domain": "testserver",
                "use": "DMJ Computer Services: the website this policy covers",
                "purposes": [1, 8],
            }
        ],
    }


def test_a_publication_changes_it_at_once(
    client, admin_client, en_policy, edge, django_capture_on_commit_callbacks
):
    before_response, before = disclosure_of(client)

    with django_capture_on_commit_callbacks(execute=True):
        publish_through_editor(
            admin_client,
            en_policy,
            body=set_cookie_duration(en_policy, "_ga", "13 months"),
            update_type="minor",
        )
        declare(en_policy.__class__.objects.get(pk=en_policy.pk), GOOGLE_STORAGE)

    after_response, after = disclosure_of(client)
    assert after_response["ETag"] != before_response["ETag"]
    assert (URL, "testserver") in {(path, host) for path, host, _generation in edge}
    assert before["disclosures"][0]["maxAgeSeconds"] == 63072000
    assert after["disclosures"][0]["maxAgeSeconds"] == 396 * 24 * 3600
    # Web storage has no lifetime the site sets: null, as the format asks.
    assert [d for d in after["disclosures"] if d["type"] == "web"] == [
        {
            "identifier": "ga_state",
            "type": "web",
            "maxAgeSeconds": None,
            "domains": ["testserver"],
            "purposes": [1, 8],
        },
        {
            "identifier": "ga_tab",
            "type": "web",
            "maxAgeSeconds": None,
            "domains": ["testserver"],
            "purposes": [1, 8],
        },
    ]


def test_a_third_partys_cookie_is_that_companys_to_disclose(client, en_policy):
    declare(
        en_policy,
        [
            {
                "name": "IDE",
                "kind": "cookie",
                "purpose": "Shows advertising.",
                "duration": "13 months",
                "max_age_seconds": 396 * 24 * 3600,
                "party": "third",
                "category": "marketing",
            }
        ],
    )

    _response, document = disclosure_of(client)

    assert "IDE" not in [d["identifier"] for d in document["disclosures"]]


def test_a_session_cookie_lasts_0_seconds(client, en_policy):
    declare(
        en_policy,
        [
            {
                "name": "sessionid",
                "kind": "cookie",
                "purpose": "Keeps you signed in.",
                "duration": "Session",
                "party": "first",
                "category": "necessary",
            }
        ],
    )

    _response, document = disclosure_of(client)

    (session,) = [d for d in document["disclosures"] if d["identifier"] == "sessionid"]
    assert session["maxAgeSeconds"] == 0


def test_a_query_parameter_is_a_400_that_says_so(client, db):
    response = client.get(URL + "?locale=fr")

    assert response.status_code == 400
    assert response.json() == {
        "message": "this address takes no query parameters: locale"
    }
