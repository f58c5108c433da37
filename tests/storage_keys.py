"""Web storage keys declared in the policy's cookie tables, as an editor adds them."""

import uuid

# What Google Analytics' stand-in keeps (tests/browser/tagged_pages.py).
GOOGLE_STORAGE = [
    {
        "name": "ga_state",
        "kind": "localStorage",
        "purpose": "Remembers what was already counted.",
        "duration": "Until you clear your browser's data",
        "party": "first",
        "category": "analytics",
    },
    {
        "name": "ga_tab",
        "kind": "sessionStorage",
        "purpose": "Counts the pages seen in this tab.",
        "duration": "Until you close the tab",
        "party": "first",
        "category": "analytics",
    },
]


def declare(page, rows, provider="Google Analytics"):
    """Adds `rows` to the page's cookie table of `provider` and publishes the page."""
    body = page.body.raw_data
    table = next(
        child
        for section in body
        for child in section["value"]["content"]
        if child["type"] == "cookie_table" and child["value"]["provider"] == provider
    )
    table["value"]["cookies"].extend(
        {"type": "item", "id": str(uuid.uuid4()), "value": dict(row)} for row in rows
    )
    page.body = list(body)
    page.save_revision().publish()
    return page


# The banner's own cookie, which the policy must declare before the banner goes
# live (docs/editors.md); the seed's 2018 text does not.
CONSENT_COOKIE = {
    "name": "dmj_consent",
    "kind": "cookie",
    "purpose": "Remembers your choice of cookies.",
    "duration": "6 months",
    "party": "first",
    "category": "necessary",
}
