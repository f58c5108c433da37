"""Checking the API's real answers against its OpenAPI document, for the tests that do.

The document's schemas are JSON Schema 2020-12 (OpenAPI 3.1's dialect): each
answer is validated with jsonschema's Draft202012Validator, its references
resolved inside the document, its formats checked.
"""

import copy
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"
DOCUMENT_URI = "urn:dmj:openapi"
REGENERATE = "make openapi (manage.py openapi_document --output docs/openapi.json)"


def served_document(client):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    return response.json()


def committed_text():
    return COMMITTED.read_text(encoding="utf-8")


def _pointer(*parts):
    return "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def validator(document, *parts):
    """A validator for the schema at `parts` of the document (its JSON pointer, unescaped)."""
    registry = Registry().with_resource(
        DOCUMENT_URI, Resource(contents=document, specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{DOCUMENT_URI}#/{_pointer(*parts)}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def schema_errors(document, value, *parts):
    """What is wrong with `value` against the schema at `parts`, one line each."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator(document, *parts).iter_errors(value)
    ]


def component_errors(document, name, value):
    return schema_errors(document, value, "components", "schemas", name)


def assert_conforms(document, path, method, response):
    """The answer's status is one the operation documents, with its content type
    and a body valid against that answer's schema."""
    responses = document["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, (
        f"{method.upper()} {path} answered {status}, which the document does not give"
    )
    described = responses[status]
    if "content" not in described:
        for header in described.get("headers", {}):
            assert response.has_header(header), f"{status} without {header}"
        return None
    content_type = response["Content-Type"].split(";")[0]
    assert content_type in described["content"], (
        f"{method.upper()} {path} answered {status} as {content_type}"
    )
    body = json.loads(response.content)
    errors = schema_errors(
        document,
        body,
        "paths",
        path,
        method,
        "responses",
        status,
        "content",
        content_type,
        "schema",
    )
    assert not errors, f"{method.upper()} {path} {status}:\n" + "\n".join(errors[:10])
    return body


# Answers made wrong, to show the schemas refuse them.


def without(body, *path):
    broken = copy.deepcopy(body)
    *parents, last = path
    target = broken
    for key in parents:
        target = target[key]
    del target[last]
    return broken


def replaced(body, value, *path):
    broken = copy.deepcopy(body)
    *parents, last = path
    target = broken
    for key in parents:
        target = target[key]
    target[last] = value
    return broken
