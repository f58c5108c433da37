"""The policy as first published, which `seed_site` loads.

The English page comes from privacy-and-cookies.en.json; each translation from
privacy-and-cookies.<language>.po, a wagtail-localize export of that page.
privacy-and-cookies.fr.published.txt is the French notice as DMJ Computer
Services published it in 2018, which the French page reproduces word for word.
"""

import copy
import datetime
from pathlib import Path

from django.utils import timezone

from wagtail_localize.models import Translation

from ..models import PolicyPage, PolicyVersion
from .lifetimes import fill_in_lifetimes, seed_data

SEED_DIR = Path(__file__).resolve().parent
NAME = "privacy-and-cookies"
PUBLISHED_FRENCH = SEED_DIR / f"{NAME}.fr.published.txt"


def po_file(language_code):
    """The translation of the policy into this language, as a PO file."""
    return SEED_DIR / f"{NAME}.{language_code}.po"


def add_source_pages(home, report):
    """Create and publish the English policy under `home`, unless it is there.

    Returns [(page, po_file)]: the pages to translate and where their
    translations are. `report` is told what was created. A policy seeded
    before the transparency checklist gets the seed's tags and facts
    (`add_transparency`).
    """
    policy = PolicyPage.objects.child_of(home).first()
    if policy is not None:
        fill_in_lifetimes(policy, report)
        add_transparency(policy, seed_data(), report)
    else:
        data = seed_data()
        first_published = datetime.datetime.fromisoformat(data.pop("first_published"))
        policy = home.add_child(instance=PolicyPage(**data))
        policy.save_revision().publish()
        # The notice was first published long before this site: its first
        # version carries that date, which every translation then shares.
        PolicyVersion.objects.filter(page=policy, number=1).update(
            published_at=first_published.replace(tzinfo=timezone.get_current_timezone())
        )
        report(f"Created and published the policy “{policy.title}”")
    return [(policy, po_file)]


def add_transparency(policy, data, report):
    """Tag the seed's sections of an existing policy and record its facts, once.

    For a database seeded before the policy had a transparency checklist:
    only when no section is tagged and no fact is recorded yet, and the
    English has no draft in progress (publishing would drop it from the
    editor). The text does not change; the English is republished as a minor
    change and each translation whose strings are all translated is
    published again by wagtail-localize, so that it copies the tags.
    """
    if policy.facts or any(section.value["covers"] for section in policy.body):
        return
    if policy.has_unpublished_changes:
        report(
            f"“{policy.title}” has changes in draft: tag its sections (Covers) "
            "and record its facts in the editor"
        )
        return
    tags = {section["id"]: section["value"]["covers"] for section in data["body"]}
    body = copy.deepcopy(list(policy.body.raw_data))
    for section in body:
        section["value"]["covers"] = tags.get(section["id"], [])
    policy.body = body
    policy.facts = data["facts"]
    policy.save_revision().publish()
    report(f"Tagged the sections of “{policy.title}” and recorded its facts")
    for translation in Translation.objects.filter(
        source__object_id=policy.translation_key,
        source__locale_id=policy.locale_id,
        enabled=True,
    ).select_related("target_locale"):
        total, translated = translation.get_progress()
        language = translation.target_locale.get_display_name()
        if total == translated:
            translation.save_target(publish=True)
            report(f"Published “{policy.title}” in {language} with the tags")
        else:
            report(
                f"“{policy.title}” in {language} gets the tags when its "
                "translation is published"
            )
