"""GET /api/v2/cookies/device-storage.json in the document: the IAB TCF disclosure, strictly.

The schema is the disclosure as the site serves it (api/device_storage.py): a
first-party cookie or web storage key per row, the TCF purposes the policy's
categories map to (the endpoint's own table), the site's one domain.
"""

from ..device_storage import TCF_PURPOSES
from .examples import DEVICE_STORAGE
from .responses import errors, json_content
from .schemas import ref, strict

HOST = {
    "type": "string",
    "pattern": r"^[A-Za-z0-9.-]+$",
    "description": "The site's host name: no scheme, no port, no path.",
}


def _purposes(description):
    codes = sorted({code for codes in TCF_PURPOSES.values() for code in codes})
    return {
        "type": "array",
        "items": {"type": "integer", "enum": codes},
        "uniqueItems": True,
        "description": description,
    }


def device_storage_schemas():
    item = {
        "identifier": {
            "type": "string",
            "minLength": 1,
            "description": "The cookie's name, or the storage key.",
        },
        "type": {
            "type": "string",
            "enum": ["cookie", "web"],
            "description": "`cookie`, or `web` for a key of localStorage or sessionStorage.",
        },
        "maxAgeSeconds": {
            "type": ["integer", "null"],
            "minimum": 0,
            "description": (
                "A cookie's lifetime in seconds, 0 for one deleted when the browser "
                "closes; null for web storage, whose lifetime the site does not set."
            ),
        },
        "cookieRefresh": {
            "type": "boolean",
            "description": "Cookies only: whether the site sets it again at each visit.",
        },
        "domains": {"type": "array", "items": HOST, "minItems": 1, "maxItems": 1},
        "purposes": _purposes(
            "TCF purposes: 1 for storage that needs consent, 8 for measuring content "
            "performance; none for strictly necessary storage."
        ),
    }
    disclosure = strict(
        item, required=[name for name in item if name != "cookieRefresh"]
    )
    disclosure["allOf"] = [
        {
            "if": {"properties": {"type": {"const": "cookie"}}},
            "then": {
                "required": ["cookieRefresh"],
                "properties": {"maxAgeSeconds": {"type": "integer"}},
            },
            "else": {
                "properties": {
                    "maxAgeSeconds": {"type": "null"},
                    "cookieRefresh": False,
                }
            },
        }
    ]
    return {
        "DeviceStorageDisclosure": strict(
            {
                "disclosures": {
                    "type": "array",
                    "items": disclosure,
                    "description": "The first-party rows of the English policy, in its order.",
                },
                "domains": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 1,
                    "items": strict(
                        {
                            "domain": HOST,
                            "use": {"type": "string"},
                            "purposes": _purposes(
                                "Every purpose of the disclosures, in order."
                            ),
                        }
                    ),
                },
            },
            description=(
                "The IAB Europe TCF's Vendor Device Storage & Operational Disclosures "
                "format: numbers and names only, in no language."
            ),
        )
    }


def device_storage_disclosure():
    return {
        "get": {
            "operationId": "getDeviceStorageDisclosure",
            "summary": "The site's own cookies and storage keys as an IAB TCF device storage disclosure",
            "description": (
                "For consent platforms and vendors' tools: the first-party rows of the "
                "live English policy, their lifetimes in seconds and TCF purposes. "
                "Rows a third party sets are that company's to disclose. Readable from "
                "any site, without credentials."
            ),
            "tags": ["cookies"],
            "responses": {
                "200": {
                    "description": "The disclosure.",
                    "headers": {
                        "Access-Control-Allow-Origin": {
                            "required": True,
                            "schema": {"const": "*"},
                            "description": "Any site may read it, without credentials.",
                        }
                    },
                    "content": json_content(
                        ref("DeviceStorageDisclosure"), {"seed": DEVICE_STORAGE}
                    ),
                },
                **errors(
                    400,
                    404,
                    500,
                    why={
                        400: "Any query parameter: it has none.",
                        404: "No policy published in the source language.",
                    },
                ),
            },
        }
    }
