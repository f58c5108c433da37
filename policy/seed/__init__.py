"""The policy as first published, which `seed_site` loads.

The English page comes from privacy-and-cookies.en.json; each translation from
privacy-and-cookies.<language>.po, a wagtail-localize export of that page.
privacy-and-cookies.fr.published.txt is the French notice as DMJ Computer
Services published it in 2018, which the French page reproduces word for word.
"""

import datetime
from pathlib import Path

from django.utils import timezone

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
    translations are. `report` is told what was created.
    """
    policy = PolicyPage.objects.child_of(home).first()
    if policy is not None:
        fill_in_lifetimes(policy, report)
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
