"""The home page of each language, which `seed_site` loads first.

English from home.en.json; each translation from home.<language>.po, a
wagtail-localize export of that page.
"""

import json
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent


def english_home_page():
    """The English home page's fields."""
    return json.loads((SEED_DIR / "home.en.json").read_text(encoding="utf-8"))


def po_file(language_code):
    """The translation of the home page into this language, as a PO file."""
    return SEED_DIR / f"home.{language_code}.po"
