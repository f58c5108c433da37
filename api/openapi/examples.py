"""The document's examples: real answers of `make run`'s site, trimmed to a few blocks.

tests/test_openapi_document.py validates each against its schema.
"""

SITE = "http://127.0.0.1:8000"


def _detail(page_id):
    return f"{SITE}/api/v2/pages/{page_id}/"


POLICY_LISTING = {
    "meta": {"total_count": 1},
    "items": [
        {
            "id": 6,
            "meta": {
                "type": "policy.PolicyPage",
                "detail_url": _detail(6),
                "html_url": f"{SITE}/fr/confidentialite-et-cookies/",
                "slug": "confidentialite-et-cookies",
                "first_published_at": "2018-01-23T09:00:00Z",
                "locale": "fr",
            },
            "title": "Confidentialité et Cookies",
        }
    ],
}

_GA_COOKIE = {
    "id": "79df31e1-1878-5f9a-833c-23b104d54c78",
    "name": "_ga",
    "purpose": "Tells visitors apart, so that we can count them without knowing who they are.",
    "duration": "2 years",
    "maxAgeSeconds": 63072000,
    "refreshed": True,
    "party": "first",
    "party_label": "First party (this website)",
    "category": "analytics",
    "category_label": "Analytics",
    "kind": "cookie",
    "kind_label": "Cookie",
}

# The seeded English policy's, in full.
_TRANSPARENCY = {
    "covered": [
        {
            "item": "controller",
            "article": "13(1)(a)",
            "title": "Who is responsible for the data, and how to contact them",
            "sections": ["our-privacy-statement", "how-to-contact-us"],
        },
        {
            "item": "purposes",
            "article": "13(1)(c)",
            "title": "What the data is used for",
            "sections": [
                "our-privacy-statement",
                "becoming-a-client",
                "visitors-to-our-websites",
                "subscribing-to-our-newsletter",
                "use-of-cookies",
                "calls-to-our-helpline",
                "complaints",
                "people-who-use-our-services",
                "people-who-notify",
            ],
        },
        {
            "item": "recipients",
            "article": "13(1)(e)",
            "title": "Who receives the data",
            "sections": [
                "our-privacy-statement",
                "use-of-cookies",
                "youtube-cookies",
                "complaints",
                "people-who-use-our-services",
                "people-who-notify",
                "disclosure-of-personal-information",
            ],
        },
        {
            "item": "retention",
            "article": "13(2)(a)",
            "title": "How long the data is kept",
            "sections": ["complaints"],
        },
        {
            "item": "right_access",
            "article": "13(2)(b), 15",
            "title": "The right of access",
            "sections": ["our-privacy-statement", "access-to-personal-information"],
        },
        {
            "item": "right_rectification",
            "article": "13(2)(b), 16",
            "title": "The right to rectification",
            "sections": ["our-privacy-statement", "access-to-personal-information"],
        },
        {
            "item": "withdraw_consent",
            "article": "13(2)(c), 7(3)",
            "title": "The right to withdraw consent",
            "sections": ["subscribing-to-our-newsletter"],
        },
        {
            "item": "requirement",
            "article": "13(2)(e)",
            "title": "Whether the data must be given",
            "sections": ["people-who-notify"],
        },
        {
            "item": "source",
            "article": "14(2)(f)",
            "title": "Where data not collected from the person comes from",
            "sections": ["people-who-notify"],
        },
    ],
    "missing": [
        {
            "item": "representative",
            "article": "13(1)(a), 27",
            "title": "The representative, if there is one",
        },
        {
            "item": "dpo",
            "article": "13(1)(b)",
            "title": "The data protection officer, if there is one",
        },
        {
            "item": "lawful_basis",
            "article": "13(1)(c), 6(1)",
            "title": "The lawful basis of each purpose",
        },
        {
            "item": "legitimate_interests",
            "article": "13(1)(d)",
            "title": "The legitimate interests relied on",
        },
        {
            "item": "transfers",
            "article": "13(1)(f)",
            "title": "Transfers abroad and their safeguards",
        },
        {
            "item": "right_erasure",
            "article": "13(2)(b), 17",
            "title": "The right to erasure",
        },
        {
            "item": "right_restriction",
            "article": "13(2)(b), 18",
            "title": "The right to restriction of processing",
        },
        {
            "item": "right_objection",
            "article": "13(2)(b), 21",
            "title": "The right to object",
        },
        {
            "item": "right_portability",
            "article": "13(2)(b), 20",
            "title": "The right to data portability",
        },
        {
            "item": "complaint",
            "article": "13(2)(d), 77",
            "title": "The right to complain to a supervisory authority",
        },
        {
            "item": "automated_decisions",
            "article": "13(2)(f), 22",
            "title": "Automated decisions and profiling",
        },
    ],
    "facts": {
        "controller": {
            "name": "DMJ Computer Services Ltd",
            "department": "Internal Compliance Department",
            "address": ["55 Home Close", "Chiseldon", "Swindon", "Wiltshire SN4 0ND"],
            "country": "GB",
            "email": None,
            "telephone": None,
        },
        "representative": None,
        "data_protection_officer": None,
        "supervisory_authorities": [],
        "purposes": [],
        "retention": [],
        "rights": [
            {"right": "access", "article": "15"},
            {"right": "rectification", "article": "16"},
            {"right": "withdraw_consent", "article": "7(3)"},
        ],
    },
}


POLICY_DETAIL = {
    "id": 4,
    "meta": {
        "type": "policy.PolicyPage",
        "detail_url": _detail(4),
        "html_url": f"{SITE}/en/privacy-and-cookies/",
        "slug": "privacy-and-cookies",
        "show_in_menus": False,
        "seo_title": "",
        "search_description": "How DMJ Computer Services Ltd collects, uses and protects personal information, and which cookies its website uses.",
        "first_published_at": "2018-01-23T09:00:00Z",
        "alias_of": None,
        "parent": {
            "id": 3,
            "meta": {
                "type": "home.HomePage",
                "detail_url": _detail(3),
                "html_url": f"{SITE}/en/",
            },
            "title": "DMJ Computer Services",
        },
        "locale": "en",
    },
    "title": "Privacy and Cookies",
    "body": [
        {
            "type": "section",
            "value": {
                "heading": "Use of Cookies",
                "anchor": "use-of-cookies",
                "content": [
                    {
                        "type": "cookie_table",
                        "value": {
                            "provider": "Google Analytics",
                            "purpose": "<p>These cookies are used to collect information about how visitors use our site.</p>",
                            "cookies": [_GA_COOKIE],
                        },
                        "id": "5bcae07b-04d4-5591-a94c-17fd79bafd73",
                    }
                ],
                "covers": ["purposes", "recipients"],
            },
            "id": "404502aa-9163-5754-bc3f-5f406068fc35",
        },
        {
            "type": "section",
            "value": {
                "heading": "How to Contact Us",
                "anchor": "how-to-contact-us",
                "content": [
                    {
                        "type": "contact",
                        "value": {
                            "recipient": "Internal Compliance Department",
                            "address": [
                                "55 Home Close",
                                "Chiseldon",
                                "Swindon",
                                "Wiltshire SN4 0ND",
                            ],
                            "country": "United Kingdom",
                            "email": "",
                            "telephone": "",
                        },
                        "id": "7c823fde-f316-5b95-a64f-6658133820c3",
                    },
                    {
                        "type": "last_updated",
                        "value": {
                            "date": "2018-01-23",
                            "history_url": f"{SITE}/en/privacy-and-cookies/history/",
                        },
                        "id": "82b33b12-de80-52c6-bd2e-497efd1e8cc4",
                    },
                ],
                "covers": ["controller"],
            },
            "id": "59fc59d4-8ead-57d5-a4d5-afea3e670a74",
        },
    ],
    "last_updated": "2018-01-23",
    "history_url": f"{SITE}/en/privacy-and-cookies/history/",
    "history": [
        {
            "version": 1,
            "date": "2018-01-23",
            "note": "First published.",
            "html_url": f"{SITE}/en/privacy-and-cookies/versions/1/",
            "compare_html_url": None,
        }
    ],
    "translations": [
        {
            "locale": "en",
            "id": 4,
            "title": "Privacy and Cookies",
            "html_url": f"{SITE}/en/privacy-and-cookies/",
            "detail_url": _detail(4),
        },
        {
            "locale": "fr",
            "id": 6,
            "title": "Confidentialité et Cookies",
            "html_url": f"{SITE}/fr/confidentialite-et-cookies/",
            "detail_url": _detail(6),
        },
    ],
    "translation_behind": False,
    "newer_source_version": None,
    "upcoming_change": None,
    "transparency": _TRANSPARENCY,
}

COOKIES = {
    "meta": {
        "total_count": 1,
        "locale": "fr",
        "policy": {
            "id": 6,
            "title": "Confidentialité et Cookies",
            "html_url": f"{SITE}/fr/confidentialite-et-cookies/",
            "detail_url": _detail(6),
            "last_updated": "2018-01-23",
        },
    },
    "items": [
        {
            "id": "25cfd4e7-3105-5fb8-a2b6-0edee6e20748",
            "name": "_cfduid",
            "provider": "Cloudflare",
            "purpose": "Permet à Cloudflare de reconnaître les visiteurs légitimes qui partagent une connexion internet avec d’autres.",
            "duration": "30 jours",
            "maxAgeSeconds": 2592000,
            "refreshed": False,
            "party": "first",
            "party_label": "Ce site (cookie interne)",
            "category": "necessary",
            "category_label": "Strictement nécessaire",
            "kind": "cookie",
            "kind_label": "Cookie",
        }
    ],
}


def _disclosure(name, seconds, refreshed, purposes):
    return {
        "identifier": name,
        "type": "cookie",
        "maxAgeSeconds": seconds,
        "domains": ["127.0.0.1"],
        "purposes": purposes,
        "cookieRefresh": refreshed,
    }


DEVICE_STORAGE = {
    "disclosures": [
        _disclosure("_ga", 63072000, True, [1, 8]),
        _disclosure("_gid", 86400, True, [1, 8]),
        _disclosure("_gat_gtag_UA_951418_39", 60, False, [1, 8]),
        _disclosure("_cfduid", 2592000, False, []),
    ],
    "domains": [
        {
            "domain": "127.0.0.1",
            "use": "DMJ Computer Services: the website this policy covers",
            "purposes": [1, 8],
        }
    ],
}

CONSENT_RECORD = {
    "version": 1,
    "texts": 1,
    "language": "en",
    "choices": {"analytics": True, "functionality": False, "marketing": False},
    "gpc": False,
    "script": "9f2c" * 16,
    "receipt": "5f0c8a9e-2b7d-4c1e-9a3f-6d2e8b1c4a70",
}

ERRORS = {
    400: {"message": "unknown fields: nope"},
    403: {"message": "records are accepted only from the company's sites"},
    404: {"message": "No Page matches the given query."},
    413: {"message": "a record has at most 2048 bytes"},
    429: {"message": "too many records: try again later"},
    500: {"message": "Something went wrong on our side. Please try again later."},
}
