"""Helpers the tests share: finding the seeded pages and reading them as a visitor would."""

import copy
import uuid

from wagtail.models import Locale

from bs4 import BeautifulSoup

from policy.models import PolicyPage
from policy.plain_text import clean_text
from policy.seed import PUBLISHED_FRENCH


def english_policy():
    return PolicyPage.objects.get(locale=Locale.objects.get(language_code="en"))


def french_policy():
    return PolicyPage.objects.get(locale=Locale.objects.get(language_code="fr"))


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def visible_text(element):
    return clean_text(element.get_text())


def published_french_lines():
    """Every heading, paragraph and bullet of the notice as published in 2018."""
    lines = []
    for raw in PUBLISHED_FRENCH.read_text(encoding="utf-8").splitlines():
        line = clean_text(raw.replace("•", ""))
        if line:
            lines.append(line)
    return lines


def cookie_duration(page_soup, name):
    """How long the cookie `name` lasts, as a cookie table on the page says."""
    for row in page_soup.select("table.cookie-table tbody tr"):
        if visible_text(row.th) == name:
            return visible_text(row.select("td")[1])
    raise LookupError(name)


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


def translate_into_french(english_page, french_strings, capture_on_commit):
    """Sync the French page with its English source and translate the new strings.

    Goes through wagtail-localize as a translator would: the source is
    updated, the PO file exported, the missing strings filled in from
    `french_strings` (English → French), imported, and the French published.
    """
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(english_page)
    source.update_from_db()
    translation = Translation.objects.get(
        source=source, target_locale__language_code="fr"
    )
    po = translation.export_po()
    for entry in po:
        if not entry.msgstr and entry.msgid in french_strings:
            entry.msgstr = french_strings[entry.msgid]
    translation.import_po(po)
    with capture_on_commit(execute=True):
        translation.save_target(publish=True)
    return translation


def enlarge(body_data, times):
    """The policy repeated `times` times, with fresh ids and anchors and twice the cookies."""
    enlarged = []
    for copy_number in range(times):
        for section in copy.deepcopy(body_data):
            section["id"] = str(uuid.uuid4())
            section["value"]["anchor"] = f"{section['value']['anchor']}-{copy_number}"
            for child in section["value"]["content"]:
                child["id"] = str(uuid.uuid4())
                if child["type"] == "cookie_table":
                    extra = copy.deepcopy(child["value"]["cookies"])
                    for item in extra:
                        item["id"] = str(uuid.uuid4())
                        item["value"]["name"] += f"_{copy_number}"
                    child["value"]["cookies"] += extra
            enlarged.append(section)
    return enlarged


# Written out rather than taken from Django: the date format is part of what is tested.
FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def in_french(day):
    """A date as the French pages write it: 4 mars 2024."""
    return f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"
