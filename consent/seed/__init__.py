"""The consent banner's texts as first written, which `seed_site` loads.

The English comes from consent-texts.en.json; each translation from
consent-texts.<language>.po, a wagtail-localize export of those texts.
"""

import json
from pathlib import Path

from wagtail.models import Locale

from ..models import ConsentTexts

SEED_DIR = Path(__file__).resolve().parent


def po_file(language_code):
    return SEED_DIR / f"consent-texts.{language_code}.po"


def add_source_pages(home, report):
    """Create the English texts unless they are there: [(texts, po_file)] to translate."""
    locale = Locale.get_default()
    texts = ConsentTexts.objects.filter(locale=locale).first()
    if texts is None:
        data = json.loads(
            (SEED_DIR / "consent-texts.en.json").read_text(encoding="utf-8")
        )
        texts = ConsentTexts(locale=locale, **data)
        texts.save()
        texts.save_revision().publish()
        report("Created and published the consent banner's texts")
    return [(texts, po_file)]
