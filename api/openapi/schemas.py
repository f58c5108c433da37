"""The JSON Schemas (2020-12) of what the API answers: pages, the policy's blocks, cookies, errors.

Written by hand where Wagtail's fields are computed (the policy's fields, the
StreamField's blocks), from the code's own codes and bounds where there are
some (a cookie's kinds, parties and categories, the page types). Objects list
every property they may have (`additionalProperties: false`): a field that
appears, disappears or changes type fails the tests that validate real
responses against them (tests/test_openapi_responses.py).
"""

from wagtail.models import get_page_models

from policy.cookies import cookie_codes

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DATE_TIME = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
}
URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
HTML = {"type": "string", "contentMediaType": "text/html"}
BLOCK_ID = {"type": "string", "description": "The same in every language."}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def strict(properties, required=None, description=None):
    """An object with these properties only, all required unless said."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else list(required),
        "additionalProperties": False,
    }
    if description:
        schema = {"description": description, **schema}
    return schema


def page_types():
    """Every page type the site has, as ?type= and meta.type name them."""
    return sorted(
        f"{model._meta.app_label}.{model.__name__}" for model in get_page_models()
    )


def _block(type_name, value, description):
    return strict(
        {"type": {"const": type_name}, "value": value, "id": BLOCK_ID},
        description=description,
    )


def _coded(name, description):
    return {"type": "string", "enum": cookie_codes(name), "description": description}


def _cookie_fields():
    return {
        "name": {"type": "string"},
        "purpose": {"type": "string", "description": "Plain text, not HTML."},
        "duration": {"type": "string", "description": "Plain text, not HTML."},
        "maxAgeSeconds": {
            "type": ["integer", "null"],
            "minimum": 0,
            "description": (
                "How long it lasts, in seconds, the same in every language; null for "
                "a cookie deleted when the browser closes (and for a storage key "
                "whose row gives none)."
            ),
        },
        "refreshed": {
            "type": "boolean",
            "description": "Whether the site sets it again at each visit, so that its lifetime starts again.",
        },
        "party": _coded("party", "A stable code."),
        "party_label": {"type": "string", "description": "In the page's language."},
        "category": _coded("category", "A stable code."),
        "category_label": {"type": "string", "description": "In the page's language."},
        "kind": _coded(
            "kind",
            "A cookie, or a key of the browser's localStorage or sessionStorage.",
        ),
        "kind_label": {"type": "string", "description": "In the page's language."},
    }


def _page_link():
    """A page in another language, or its newer version: where to read it."""
    return {
        "html_url": URL,
        "detail_url": URL,
    }


def block_schemas():
    cookie = strict({"id": BLOCK_ID, **_cookie_fields()})
    return {
        "Cookie": cookie,
        "ParagraphBlock": _block("paragraph", HTML, "Paragraphs of text, as HTML."),
        "CalloutBlock": _block(
            "callout",
            strict({"title": {"type": "string"}, "text": HTML}),
            "A highlighted box: an optional title and its text as HTML.",
        ),
        "CookieTableBlock": _block(
            "cookie_table",
            strict(
                {
                    "provider": {"type": "string"},
                    "purpose": HTML,
                    "cookies": {"type": "array", "items": ref("Cookie")},
                }
            ),
            "Every cookie of one family or provider.",
        ),
        "ContactBlock": _block(
            "contact",
            strict(
                {
                    "recipient": {"type": "string"},
                    "address": {
                        "type": "array",
                        "items": {"type": "string"},
                        "minItems": 1,
                    },
                    "country": {"type": "string"},
                    "email": {"type": "string", "description": "Empty when none."},
                    "telephone": {"type": "string", "description": "Empty when none."},
                }
            ),
            "The postal address, and the email and telephone (empty when none).",
        ),
        "LastUpdatedBlock": _block(
            "last_updated",
            strict({"date": nullable(DATE), "history_url": URL}),
            "Where the policy says when it last changed.",
        ),
        "SectionBlock": _block(
            "section",
            strict(
                {
                    "heading": {"type": "string"},
                    "anchor": {
                        "type": "string",
                        "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$",
                        "description": "The section's #anchor, the same in every language.",
                    },
                    "content": {
                        "type": "array",
                        "items": {
                            "oneOf": [
                                ref("ParagraphBlock"),
                                ref("CalloutBlock"),
                                ref("CookieTableBlock"),
                                ref("ContactBlock"),
                                ref("LastUpdatedBlock"),
                            ],
                        },
                    },
                    "covers": {
                        "type": "array",
                        "items": ref("TransparencyItemCode"),
                        "uniqueItems": True,
                        "description": "The transparency checklist's items it covers, the same in every language.",
                    },
                }
            ),
            "A part of the policy with its heading, anchor, content blocks and the checklist items it covers.",
        ),
    }


def policy_field_schemas():
    """The policy's own fields (policy/api_fields.py), by name."""
    version_link = strict(
        {
            "version": {"type": "integer", "minimum": 1},
            "date": DATE,
            "locale": {"type": "string"},
            **_page_link(),
        }
    )
    return {
        "body": {"type": "array", "items": ref("SectionBlock")},
        "last_updated": {
            **nullable(DATE),
            "description": "The date of the latest major change in this language; null before the first.",
        },
        "history_url": URL,
        "history": {
            "type": "array",
            "description": "Every major change, newest first.",
            "items": strict(
                {
                    "version": {"type": "integer", "minimum": 1},
                    "date": DATE,
                    "note": {"type": "string"},
                    "html_url": URL,
                    "compare_html_url": nullable(URL),
                }
            ),
        },
        "translations": {
            "type": "array",
            "description": "The page in each language it is published in, itself included.",
            "items": strict(
                {
                    "locale": {"type": "string"},
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    **_page_link(),
                }
            ),
        },
        "translation_behind": {"type": "boolean"},
        "newer_source_version": nullable(version_link),
        "upcoming_change": nullable(
            strict(
                {
                    "version": {"type": "integer", "minimum": 1},
                    "date": DATE,
                    "takes_effect_at": DATE_TIME,
                    "note": {"type": "string"},
                    "locale": {"type": "string"},
                    "translated": {"type": "boolean"},
                    "html_url": URL,
                    "compare_html_url": URL,
                }
            )
        ),
        "transparency": ref("Transparency"),
    }


def _linked_page():
    """A page named by another (its parent, what it is an alias of)."""
    return strict(
        {
            "id": {"type": "integer"},
            "meta": strict(
                {
                    "type": {"type": "string", "enum": page_types()},
                    "detail_url": URL,
                    "html_url": nullable(URL),
                }
            ),
            "title": {"type": "string"},
        }
    )


META_FIELDS = {
    "type": {"type": "string", "enum": page_types()},
    "detail_url": URL,
    "html_url": nullable(URL),
    "slug": {"type": "string"},
    "show_in_menus": {"type": "boolean"},
    "seo_title": {"type": "string"},
    "search_description": {"type": "string"},
    "first_published_at": nullable(DATE_TIME),
    "alias_of": None,  # filled in by page_schemas
    "parent": None,
    "locale": {"type": "string"},
}
# What a listing gives of each page without ?fields=.
LISTING_META = (
    "type",
    "detail_url",
    "html_url",
    "slug",
    "first_published_at",
    "locale",
)


def page_schemas():
    meta = {**META_FIELDS, "alias_of": nullable(ref("LinkedPage"))}
    meta["parent"] = nullable(ref("LinkedPage"))
    page_fields = {
        "id": {"type": "integer"},
        "meta": strict(meta, required=()),
        "title": {"type": "string"},
    }
    policy = policy_field_schemas()
    intro = {"intro": {**HTML, "description": "The home page's introduction, as HTML."}}
    return {
        "LinkedPage": _linked_page(),
        "PageFields": strict(
            {**page_fields, **intro, **policy},
            required=(),
            description=(
                "Any page with the fields ?fields= asked for: each has the type "
                "it has in the full descriptions."
            ),
        ),
        "PageListItem": strict(
            {
                "id": {"type": "integer"},
                "meta": strict({name: meta[name] for name in LISTING_META}),
                "title": {"type": "string"},
            },
            description="A page in a listing without ?fields=.",
        ),
        "HomePage": strict(
            {**page_fields, "meta": strict(meta), **intro},
            description="A home page's detail without ?fields=.",
        ),
        "PolicyPage": strict(
            {**page_fields, "meta": strict(meta), **policy},
            description="A policy page's detail without ?fields=: every field of the policy.",
        ),
        "PageListing": strict(
            {
                "meta": strict({"total_count": {"type": "integer", "minimum": 0}}),
                "items": {
                    "type": "array",
                    "items": {"anyOf": [ref("PageListItem"), ref("PageFields")]},
                },
            }
        ),
    }


def cookie_schemas():
    return {
        "DeclaredCookie": strict(
            {"id": BLOCK_ID, "provider": {"type": "string"}, **_cookie_fields()}
        ),
        "CookieDeclarations": strict(
            {
                "meta": strict(
                    {
                        "total_count": {"type": "integer", "minimum": 0},
                        "locale": {"type": "string"},
                        "policy": strict(
                            {
                                "id": {"type": "integer"},
                                "title": {"type": "string"},
                                **_page_link(),
                                "last_updated": nullable(DATE),
                            }
                        ),
                    }
                ),
                "items": {"type": "array", "items": ref("DeclaredCookie")},
            }
        ),
    }


def error_schemas():
    return {
        "Error": strict(
            {"message": {"type": "string", "minLength": 1}},
            description="Every error: what went wrong, in English.",
        )
    }


def all_schemas():
    return {
        **error_schemas(),
        **page_schemas(),
        **block_schemas(),
        **cookie_schemas(),
    }
