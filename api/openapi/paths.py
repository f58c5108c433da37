"""The operations of the OpenAPI document: each endpoint's parameters, answers and links.

The parameters and their bounds come from the endpoints themselves: the
query parameters Wagtail's pages endpoint knows, the fields it filters and
orders by, its page limit, the bounds of ?fields= and ?search=, the cookie
codes, the consent record's size and categories. A bound changed in the code
changes the document, and tests/test_openapi_document.py then asks for the
committed copy to be written again.
"""

from django.conf import settings

from wagtail.models import Page

from policy.cookies import cookie_codes
from search.terms import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS

from ..pages import BoundedPagination, PublicPagesEndpoint
from ..shared import MAX_FIELDS_LENGTH, MAX_FIELDS_NESTING
from .consent import consent_records
from .device_storage import device_storage_disclosure
from .examples import COOKIES, POLICY_DETAIL, POLICY_LISTING
from .responses import errors, json_content, query
from .schemas import page_types, ref


def limit_max():
    return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)


def _fields_parameter():
    return query(
        "fields",
        {
            "type": "string",
            "maxLength": MAX_FIELDS_LENGTH,
            "pattern": r"^[A-Za-z0-9_*,()\-]*$",
        },
        "Which fields to give, comma-separated: `_` none, `*` all, `-name` all but "
        f"that one. At most {MAX_FIELDS_LENGTH} characters, nested "
        f"{MAX_FIELDS_NESTING} levels deep. Responses then have only those fields.",
        example="*",
    )


def _page_filter_parameters():
    """The fields a listing filters on (?title=...), as the endpoint declares them."""
    kinds = {
        "id": {"type": "integer"},
        "alias_of": {"type": "integer"},
        "show_in_menus": {"type": "boolean"},
        "first_published_at": {"type": "string", "format": "date-time"},
    }
    names = PublicPagesEndpoint.get_available_fields(Page, db_fields_only=True)
    return [
        query(name, kinds.get(name, {"type": "string"}), f"Pages whose {name} is this.")
        for name in names
        if name != "locale"
    ]


def _order_pattern():
    """One or more fields the endpoint orders by, or random."""
    names = PublicPagesEndpoint.get_available_fields(Page, db_fields_only=True)
    field = f"-?(?:{'|'.join(names)})"
    return f"^(?:random|{field}(?:,{field})*)$"


def _common_page_parameters():
    return [
        query(
            "type",
            {"type": "string", "enum": page_types()},
            "Pages of one type; their own fields become available to ?fields=.",
        ),
        _fields_parameter(),
        query(
            "locale",
            {"type": "string"},
            "Pages in one language (`en`, `fr`); an unknown one is a 404.",
            example="fr",
        ),
        query(
            "site",
            {"type": "string"},
            "Pages of the site at this host name (and port), the requested host's without it.",
        ),
    ]


def pages_listing():
    bounded = BoundedPagination
    parameters = [
        *_common_page_parameters(),
        query(
            "limit",
            {"type": "integer", "minimum": 0, "maximum": limit_max(), "default": 20},
            f"How many pages, at most {limit_max()}.",
        ),
        query(
            "offset",
            {
                "type": "integer",
                "minimum": 0,
                "maximum": bounded.max_offset,
                "default": 0,
            },
            "How many pages to skip.",
        ),
        query(
            "order",
            {"type": "string", "pattern": _order_pattern()},
            "A field to order by (`title`, `-first_published_at`...), several "
            "comma-separated, or `random` (without offset). Not while searching "
            "(results come by relevance).",
        ),
        query(
            "search",
            {"type": "string", "maxLength": MAX_SEARCH_LENGTH},
            f"Pages with these words: at most {MAX_SEARCH_LENGTH} characters and "
            f"{MAX_SEARCH_WORDS} words.",
        ),
        query(
            "search_operator",
            {"type": "string", "enum": ["and", "or"]},
            "Whether every word (`and`) or any (`or`) must be found.",
        ),
        query("translation_of", {"type": "integer"}, "The translations of this page."),
        query("child_of", {"type": "integer"}, "The children of this page."),
        query("descendant_of", {"type": "integer"}, "The pages below this page."),
        query("ancestor_of", {"type": "integer"}, "The pages above this page."),
        *_page_filter_parameters(),
    ]
    return {
        "get": {
            "operationId": "listPages",
            "summary": "Live, public pages",
            "tags": ["pages"],
            "parameters": parameters,
            "responses": {
                "200": {
                    "description": "The pages, at most `limit` of them, and how many there are in all.",
                    "content": json_content(
                        ref("PageListing"),
                        {"policies": POLICY_LISTING},
                    ),
                    "links": {
                        "FirstPage": {
                            "operationId": "getPage",
                            "parameters": {"id": "$response.body#/items/0/id"},
                            "description": "The first page's detail.",
                        },
                    },
                },
                **errors(400, 404, 500),
            },
        }
    }


def page_detail():
    return {
        "get": {
            "operationId": "getPage",
            "summary": "One page, with every field of its type",
            "tags": ["pages"],
            "parameters": [
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                },
                *_common_page_parameters(),
            ],
            "responses": {
                "200": {
                    "description": "The page: a policy page with the policy's fields, a home page with its introduction.",
                    "content": json_content(
                        {
                            "anyOf": [
                                ref("PolicyPage"),
                                ref("HomePage"),
                                ref("PageFields"),
                            ]
                        },
                        {"policy": POLICY_DETAIL},
                    ),
                    "links": {
                        "Translations": {
                            "operationId": "listPages",
                            "parameters": {"translation_of": "$response.body#/id"},
                            "description": "The page in the other languages.",
                        },
                        "CookiesOfThisLanguage": {
                            "operationId": "listCookies",
                            "parameters": {"locale": "$response.body#/meta/locale"},
                            "description": "The cookies the policy declares in this page's language.",
                        },
                    },
                },
                **errors(400, 404, 500),
            },
        }
    }


def page_find():
    return {
        "get": {
            "operationId": "findPage",
            "summary": "The page at a site address, or of an id: a redirect to its detail",
            "tags": ["pages"],
            "parameters": [
                query(
                    "html_path",
                    {"type": "string"},
                    "A page's address on the site, such as /fr/confidentialite-et-cookies/.",
                    example="/fr/confidentialite-et-cookies/",
                ),
                query("id", {"type": "integer"}, "A page's id."),
                *_common_page_parameters(),
            ],
            "responses": {
                "302": {
                    "description": "Found: its detail is at the Location.",
                    "headers": {
                        "Location": {
                            "schema": {"type": "string"},
                            "description": "The page's detail (`/api/v2/pages/<id>/`).",
                        }
                    },
                },
                **errors(400, 404, 500),
            },
        }
    }


def cookies_listing():
    def coded(name, description):
        return query(name, {"type": "string", "enum": cookie_codes(name)}, description)

    return {
        "get": {
            "operationId": "listCookies",
            "summary": "Every cookie and web storage key the policy declares, in one language",
            "tags": ["cookies"],
            "parameters": [
                query(
                    "locale",
                    {"type": "string"},
                    f"The language (`{settings.LANGUAGE_CODE}` without it); one without a published policy is a 404.",
                    example="fr",
                ),
                coded("category", "Only this category."),
                coded("party", "Only first- or third-party rows."),
                coded(
                    "kind", "Only cookies, or keys of localStorage or sessionStorage."
                ),
            ],
            "responses": {
                "200": {
                    "description": "The declared rows, with the policy they come from.",
                    "content": json_content(
                        ref("CookieDeclarations"), {"french": COOKIES}
                    ),
                    "links": {
                        "Policy": {
                            "operationId": "getPage",
                            "parameters": {"id": "$response.body#/meta/policy/id"},
                            "description": "The policy page that declares them.",
                        },
                        "DeviceStorage": {
                            "operationId": "getDeviceStorageDisclosure",
                            "description": "The site's own rows as an IAB TCF device storage disclosure.",
                        },
                    },
                },
                **errors(400, 404, 500),
            },
        }
    }


def openapi_document():
    return {
        "get": {
            "operationId": "getOpenApiDocument",
            "summary": "This document",
            "tags": ["document"],
            "responses": {
                "200": {
                    "description": "The OpenAPI document of the API.",
                    "content": json_content(
                        {"type": "object", "required": ["openapi"]}
                    ),
                },
                **errors(400, 500, why={400: "Any query parameter: it has none."}),
            },
        }
    }


def all_paths():
    return {
        "/api/v2/pages/": pages_listing(),
        "/api/v2/pages/{id}/": page_detail(),
        "/api/v2/pages/find/": page_find(),
        "/api/v2/cookies/": cookies_listing(),
        "/api/v2/cookies/device-storage.json": device_storage_disclosure(),
        "/api/v2/openapi.json": openapi_document(),
        "/consent/records/": consent_records(),
    }
