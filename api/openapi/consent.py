"""POST /consent/records/ in the document: the record the banner sends, and its answers.

The record's categories and size are the view's own (consent/).
"""

from django.conf import settings

from consent.models import CHOICES
from consent.views import MAX_RECORD_BYTES

from .examples import CONSENT_RECORD
from .responses import errors, json_content


def consent_records():
    choices = {code: {"type": "boolean"} for code in CHOICES}
    record = {
        "type": "object",
        "required": ["version", "choices"],
        "properties": {
            "version": {
                "type": "integer",
                "minimum": 1,
                "description": "The version of the policy the banner showed, published in that language.",
            },
            "language": {
                "type": "string",
                "description": f"The banner's language; another is recorded as `{settings.LANGUAGE_CODE}`.",
            },
            "choices": {
                "type": "object",
                "properties": choices,
                "additionalProperties": False,
                "description": "Whether each category was accepted.",
            },
            "gpc": {
                "type": "boolean",
                "default": False,
                "description": "Global Privacy Control.",
            },
            "texts": {
                "type": "integer",
                "description": "The version of the banner's texts shown (with script and receipt).",
            },
            "script": {
                "type": "string",
                "pattern": "^[0-9a-fA-F]{64}$",
                "description": "The SHA-256 digest of the banner's script (with texts and receipt).",
            },
            "receipt": {
                "type": "string",
                "format": "uuid",
                "description": "The choice's random id (with texts and script).",
            },
        },
        "dependentRequired": {
            "texts": ["script", "receipt"],
            "script": ["texts", "receipt"],
            "receipt": ["texts", "script"],
        },
    }
    return {
        "post": {
            "operationId": "createConsentRecord",
            "summary": "Record a visitor's choice, from the page of an allowed site",
            "description": (
                "Sent by the consent banner (/consent.js) from the company's other "
                "sites: no CSRF token, the Origin header is the guard. Each visitor "
                "may send a limited number of records a minute to one site, then gets "
                f"a 429. A body over {MAX_RECORD_BYTES} bytes is a 413."
            ),
            "tags": ["consent"],
            "parameters": [
                {
                    "name": "Origin",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                    "description": "One of the sites allowed to send records (CONSENT_ALLOWED_ORIGINS); any other is a 403.",
                }
            ],
            "requestBody": {
                "required": True,
                "content": json_content(record, {"choice": CONSENT_RECORD}),
            },
            "responses": {
                "201": {
                    "description": "Recorded: the record's id.",
                    "content": json_content(
                        {
                            "type": "object",
                            "required": ["id"],
                            "properties": {"id": {"type": "string", "format": "uuid"}},
                            "additionalProperties": False,
                        }
                    ),
                },
                **errors(
                    400,
                    403,
                    409,
                    413,
                    429,
                    why={
                        400: "Not a record: malformed JSON, an unknown category, a version never published, a wrong digest or receipt.",
                        403: "Not from one of the allowed sites.",
                        409: "This receipt is recorded already.",
                        413: f"A body over {MAX_RECORD_BYTES} bytes.",
                    },
                ),
            },
        }
    }
