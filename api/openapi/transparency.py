"""A policy's `transparency` field and its sections' `covers` in the document, strictly.

The codes are the checklist's own (policy/transparency.py): its items, the
lawful bases of Art. 6(1) and the rights a notice names, so a code added
there is in the document at once. The facts are as transparency.facts gives
them: codes as codes, words in the page's language, `null` for what the
policy does not record.
"""

from policy.transparency import ITEMS, LAWFUL_BASES, RIGHTS

from .schemas import URL, nullable, ref, strict

COUNTRY = {
    "type": "string",
    "pattern": "^[A-Z]{2}$",
    "description": "An ISO 3166-1 alpha-2 code, such as GB.",
}
ANCHOR = {
    "type": "string",
    "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "description": "A section's #anchor, the same in every language.",
}


def _enum(values, description):
    return {
        "type": "string",
        "enum": list(dict.fromkeys(values)),
        "description": description,
    }


def _items():
    article = _enum(
        (item.article for item in ITEMS),
        "The article of UK GDPR / GDPR that asks for it, such as 13(1)(a).",
    )
    item = {
        "item": ref("TransparencyItemCode"),
        "article": article,
        "title": {"type": "string", "description": "In the page's language."},
    }
    return {
        "TransparencyItemCode": _enum(
            (item.key for item in ITEMS),
            "An item of the transparency checklist: what a privacy notice must say.",
        ),
        "CoveredItem": strict(
            {
                **item,
                "sections": {
                    "type": "array",
                    "items": ANCHOR,
                    "minItems": 1,
                    "description": "The sections covering it, in page order.",
                },
            },
            description="An item some section of the page is tagged with.",
        ),
        "MissingItem": strict(item, description="An item no section covers."),
    }


def _facts():
    text_or_null = nullable({"type": "string", "minLength": 1})
    contact_point = strict(
        {
            "name": {"type": "string", "minLength": 1},
            "department": text_or_null,
            "address": {"type": "array", "items": {"type": "string"}},
            "country": nullable(COUNTRY),
            "email": nullable({"type": "string", "format": "email"}),
            "telephone": text_or_null,
        },
        description="A company or person and how to reach them, the same in every language.",
    )
    authority = strict(
        {"name": {"type": "string"}, "url": URL, "country": COUNTRY},
        description="A supervisory authority readers may complain to; `url` is where.",
    )
    purpose = strict(
        {
            "description": {"type": "string"},
            "lawful_basis": _enum(
                (basis.key for basis in LAWFUL_BASES),
                "The lawful basis of Art. 6(1) it relies on, a stable code.",
            ),
            "article": _enum(
                (basis.article for basis in LAWFUL_BASES),
                "The lawful basis's article: 6(1)(a) to 6(1)(f).",
            ),
            "legitimate_interests": text_or_null,
        }
    )
    retention = strict(
        {
            "data": {"type": "string"},
            "period": {"type": "string", "description": "As the policy words it."},
            "duration": nullable(
                {
                    "type": "string",
                    "pattern": r"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$",
                    "description": "An ISO 8601 duration, such as P4Y.",
                }
            ),
        }
    )
    right = strict(
        {
            "right": _enum(
                (name for name, _article, _dpv in RIGHTS.values()),
                "A right the page's sections are tagged as stating.",
            ),
            "article": _enum(
                (article for _name, article, _dpv in RIGHTS.values()),
                "Its article: 15 to 21, or 7(3) for withdrawing consent.",
            ),
        }
    )
    return {
        "ContactPoint": contact_point,
        "TransparencyFacts": strict(
            {
                "controller": nullable(ref("ContactPoint")),
                "representative": nullable(ref("ContactPoint")),
                "data_protection_officer": nullable(ref("ContactPoint")),
                "supervisory_authorities": {"type": "array", "items": authority},
                "purposes": {"type": "array", "items": purpose},
                "retention": {"type": "array", "items": retention},
                "rights": {"type": "array", "items": right},
            },
            description="What the page records as data, beside its text.",
        ),
    }


def transparency_schemas():
    return {
        **_items(),
        **_facts(),
        "Transparency": strict(
            {
                "covered": {"type": "array", "items": ref("CoveredItem")},
                "missing": {"type": "array", "items": ref("MissingItem")},
                "facts": ref("TransparencyFacts"),
            },
            description=(
                "What the page tells readers of what a privacy notice must give "
                "(UK GDPR / GDPR Arts. 13 and 14), as its sections are tagged, in "
                "the checklist's order, and the facts it records."
            ),
        ),
    }
