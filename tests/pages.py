"""Helpers the tests share: finding the seeded pages and reading them as a visitor would."""

import re
from pathlib import Path

from wagtail.models import Locale

from bs4 import BeautifulSoup

from policy.models import PolicyPage

SEED_DIR = Path(__file__).resolve().parent.parent / "policy" / "seed"
PUBLISHED_FRENCH = SEED_DIR / "privacy-and-cookies.fr.published.txt"
# Rendered from the revision history, not kept in the body.
LAST_UPDATED_FR = (
    "Le présent avis de confidentialité a été mis à jour pour la dernière fois "
    "le 23 janvier 2018."
)


def english_policy():
    return PolicyPage.objects.get(locale=Locale.objects.get(language_code="en"))


def french_policy():
    return PolicyPage.objects.get(locale=Locale.objects.get(language_code="fr"))


def normalise(text):
    """Collapse every run of white space, non-breaking spaces included."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def visible_text(element):
    return normalise(element.get_text())


def published_french_lines():
    """Every heading, paragraph and bullet of the notice as published in 2018."""
    lines = []
    for raw in PUBLISHED_FRENCH.read_text(encoding="utf-8").splitlines():
        line = normalise(raw.replace("•", ""))
        if line:
            lines.append(normalise(line.replace(LAST_UPDATED_FR, "")))
    return lines


def sections(page_soup):
    """(anchor, heading) of each policy section, in page order."""
    return [
        (h2["id"], visible_text(h2))
        for h2 in page_soup.select("article.policy section.policy-section > h2")
    ]


def cookie_tables(page_soup):
    """Cookie names of each cookie table, in page order."""
    return [
        [visible_text(th) for th in table.select("tbody th[scope=row]")]
        for table in page_soup.select("table.cookie-table")
    ]
