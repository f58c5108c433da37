"""The API's OpenAPI document: served at /api/v2/openapi.json, valid OpenAPI 3.1, the
same as its committed copy, with the bounds the endpoints really enforce."""

import json

import pytest
from openapi_spec_validator import validate

from tests.openapi import (
    REGENERATE,
    committed_text,
    schema_errors,
    served_document,
)

DOCUMENT = "/api/v2/openapi.json"


def test_the_served_document_is_the_committed_copy(client, db):
    served = client.get(DOCUMENT).content.decode()

    assert served == committed_text(), (
        "The API's OpenAPI document changed: write docs/openapi.json again with "
        f"{REGENERATE} and commit it, so that front-end developers see the change."
    )


def test_the_document_is_valid_openapi_3_1(client, db):
    document = served_document(client)

    validate(document)
    assert document["openapi"] == "3.1.0"


def test_the_document_is_cached_like_the_rest_of_the_api(client, db):
    response = client.get(DOCUMENT)

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == (
        "public, max-age=60, s-maxage=86400, stale-if-error=86400"
    )
    etag = response["ETag"]
    assert client.get(DOCUMENT, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_document_takes_no_query_parameters(client, db):
    response = client.get(DOCUMENT, {"format": "yaml"})

    assert response.status_code == 400
    assert response.json() == {
        "message": "this address takes no query parameters: format"
    }


def test_it_describes_every_endpoint_of_the_api(client, db):
    document = served_document(client)

    assert {
        (path, method)
        for path, operations in document["paths"].items()
        for method in operations
    } == {
        ("/api/v2/pages/", "get"),
        ("/api/v2/pages/{id}/", "get"),
        ("/api/v2/pages/find/", "get"),
        ("/api/v2/cookies/", "get"),
        ("/api/v2/cookies/device-storage.json", "get"),
        ("/api/v2/openapi.json", "get"),
        ("/consent/records/", "post"),
    }


def examples_of(document):
    """Every example of a request or an answer, with where its schema is."""
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            places = [("requestBody", operation.get("requestBody", {}))]
            places += [
                (("responses", status), answer)
                for status, answer in operation["responses"].items()
            ]
            for place, described in places:
                for content_type, content in described.get("content", {}).items():
                    for name, example in content.get("examples", {}).items():
                        where = place if isinstance(place, tuple) else (place,)
                        yield (
                            f"{method} {path} {where} {name}",
                            example["value"],
                            ("paths", path, method, *where, "content", content_type),
                        )


def test_every_example_is_valid_against_its_schema(client, db):
    document = served_document(client)
    examples = list(examples_of(document))

    # The listing, the policy's detail, the cookies, their device storage
    # disclosure, a consent record and the errors.
    assert len(examples) >= 11
    for name, value, parts in examples:
        assert schema_errors(document, value, *parts, "schema") == [], name


def parameter(document, path, name, method="get"):
    (found,) = [
        p for p in document["paths"][path][method]["parameters"] if p["name"] == name
    ]
    return found["schema"]


def test_the_bounds_it_gives_are_the_ones_the_api_enforces(client, db):
    document = served_document(client)
    limit = parameter(document, "/api/v2/pages/", "limit")["maximum"]
    search = parameter(document, "/api/v2/pages/", "search")["maxLength"]
    fields = parameter(document, "/api/v2/pages/", "fields")["maxLength"]
    offset = parameter(document, "/api/v2/pages/", "offset")["maximum"]

    def status(**query):
        return client.get("/api/v2/pages/", query).status_code

    assert (status(limit=limit), status(limit=limit + 1)) == (200, 400)
    assert (status(offset=offset), status(offset=offset + 1)) == (200, 400)
    assert (status(search="a" * search), status(search="a" * (search + 1))) == (
        200,
        400,
    )
    # "_" then ",id" again and again (the field named many times is still one).
    at_the_bound = "_" + ",id" * ((fields - 1) // 3)
    assert len(at_the_bound) == fields
    assert status(fields=at_the_bound) == 200
    over = client.get("/api/v2/pages/", {"fields": at_the_bound + ","})
    assert over.status_code == 400
    assert over.json()["message"].startswith(
        f"fields may be at most {fields} characters"
    )


def test_the_codes_it_lists_are_the_ones_the_api_answers(client, db):
    document = served_document(client)
    cookies = client.get("/api/v2/cookies/").json()["items"]
    types = {
        item["meta"]["type"] for item in client.get("/api/v2/pages/").json()["items"]
    }

    for name in ("category", "party", "kind"):
        codes = parameter(document, "/api/v2/cookies/", name)["enum"]
        assert {row[name] for row in cookies} <= set(codes)
        for code in codes:
            assert client.get("/api/v2/cookies/", {name: code}).status_code == 200
        assert client.get("/api/v2/cookies/", {name: "nope"}).status_code == 400
    page_types = parameter(document, "/api/v2/pages/", "type")["enum"]
    assert types <= set(page_types)
    for page_type in page_types:
        assert client.get("/api/v2/pages/", {"type": page_type}).status_code == 200


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_consent_record_it_describes_is_one_the_site_records(
    client, db, settings, language
):
    document = served_document(client)
    record = document["paths"]["/consent/records/"]["post"]["requestBody"]
    schema = record["content"]["application/json"]["schema"]
    origin = "https://www.dmj.example"
    settings.CONSENT_ALLOWED_ORIGINS = [origin]

    assert set(schema["properties"]["choices"]["properties"]) == {
        "analytics",
        "functionality",
        "marketing",
    }
    example = record["content"]["application/json"]["examples"]["choice"]["value"]
    body = {**example, "language": language}
    body.pop("texts"), body.pop("script"), body.pop("receipt")
    response = client.post(
        "/consent/records/",
        json.dumps(body),
        content_type="application/json",
        HTTP_ORIGIN=origin,
    )
    assert response.status_code == 201
