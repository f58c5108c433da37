"""The seed's cookie lifetimes in seconds, filled in on a site seeded before they existed.

The policy's rows got a lifetime in seconds (and whether it is refreshed)
after the site was first seeded: `seed_site` gives each row of the seed that
lacks one the seed's numbers, in English and in every translation, without
changing a word. A row whose duration an editor has since rewritten is left
to the editor. The English page is published as a minor change (no new
version, no new date); translations are synced and published through
wagtail-localize, with the strings they had.
"""

import json
from pathlib import Path

from wagtail_localize.models import (
    MissingRelatedObjectError,
    MissingTranslationError,
    Translation,
    TranslationSource,
)

from compat.localize import update_source_from_db

SEED_FILE = Path(__file__).resolve().parent / "privacy-and-cookies.en.json"
LIFETIME_FIELDS = ("max_age_seconds", "refreshed")


def seed_data():
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))


def seed_rows():
    """{row id: the seed's row} of every cookie table of the seed."""
    rows = {}
    for section in seed_data()["body"]:
        for child in section["value"]["content"]:
            if child["type"] == "cookie_table":
                for row in child["value"]["cookies"]:
                    rows[row["id"]] = row["value"]
    return rows


def rows_of(stream_data):
    """Each cookie row's (id, value) in a page body's raw data."""
    for section in stream_data:
        for child in section["value"]["content"]:
            if child["type"] == "cookie_table":
                for row in child["value"]["cookies"]:
                    yield row["id"], row["value"]


def lacking(page, among):
    """The ids, among `among`, of the page's rows without a lifetime in seconds."""
    return {
        row_id
        for row_id, value in rows_of(page.body.get_prep_value())
        if row_id in among and value.get("max_age_seconds") is None
    }


def with_numbers(page):
    return {
        row_id
        for row_id, value in rows_of(page.body.get_prep_value())
        if value.get("max_age_seconds") is not None
    }


def fill_in_lifetimes(policy, report):
    seed = seed_rows()
    if lacking(policy, seed):
        data = policy.body.get_prep_value()
        filled = []
        for row_id, value in rows_of(data):
            row = seed.get(row_id)
            if (
                row is not None
                and value.get("max_age_seconds") is None
                and value.get("duration") == row["duration"]
            ):
                value.update({field: row[field] for field in LIFETIME_FIELDS})
                filled.append(value["name"])
        if filled:
            policy.body = data
            policy.save_revision().publish()
            report(
                f"Gave the policy's cookies their lifetimes in seconds: {', '.join(filled)}"
            )
    source = TranslationSource.objects.filter(
        object_id=policy.translation_key, locale_id=policy.locale_id
    ).first()
    if source is None:
        return
    english = with_numbers(policy)
    for translation in Translation.objects.filter(source=source):
        page = policy.get_translation_or_none(translation.target_locale)
        if page is None or not lacking(page.specific, seed.keys() & english):
            continue
        update_source_from_db(source)
        try:
            translation.save_target(publish=True)
        except (MissingTranslationError, MissingRelatedObjectError):
            report(
                f"“{page.title}” lacks translated strings: its cookies get their "
                "lifetimes in seconds once it is translated and published"
            )
            continue
        report(
            f"Copied the cookies' lifetimes in seconds to “{page.title}” "
            f"({translation.target_locale.language_code})"
        )
