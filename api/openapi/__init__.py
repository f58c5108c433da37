"""The API's OpenAPI 3.1 document, assembled from the endpoints' own parameters and bounds.

Wagtail's pages endpoint is dynamic (?type= and ?fields= change what an
answer holds), which generators such as drf-spectacular cannot describe
truthfully: the operations (paths.py) are written from the endpoints'
declared parameters and the constants they check, and the answers' schemas
(schemas.py) by hand. Real answers validated against them keep them honest
(tests/test_openapi_responses.py); docs/openapi.json is the committed copy
(`manage.py openapi_document` writes it).
"""

from .device_storage import device_storage_schemas
from .paths import all_paths
from .schemas import all_schemas
from .transparency import transparency_schemas

OPENAPI_VERSION = "3.1.0"
# Changed by hand when the API changes in a way clients notice.
API_VERSION = "2.3.0"


def document():
    """The OpenAPI document as a dict, the same for every request and host."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "DMJ Computer Services: privacy and cookie policy API",
            "version": API_VERSION,
            "description": (
                "The published policy in every language, as JSON: the pages with the "
                "policy's typed blocks, history, translations and upcoming change, every "
                "declared cookie (and the site's own as an IAB TCF device storage "
                "disclosure), the site's search (`search` on the pages listing), "
                "and the consent records the banner sends. Read only what is "
                "published; the same for every visitor. Errors are "
                '`{"message": "..."}`. Guide: docs/api.md.'
            ),
            "license": {"name": "Proprietary"},
        },
        "servers": [
            {"url": "/", "description": "The site this document is served by."}
        ],
        "tags": [
            {"name": "pages", "description": "Live, public pages (Wagtail API v2)."},
            {"name": "cookies", "description": "Every cookie the policy declares."},
            {"name": "consent", "description": "Consent records from the banner."},
            {"name": "document", "description": "This document."},
        ],
        "paths": all_paths(),
        "components": {
            "schemas": {
                **all_schemas(),
                **transparency_schemas(),
                **device_storage_schemas(),
            }
        },
    }
