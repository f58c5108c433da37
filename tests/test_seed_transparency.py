"""A database seeded before the transparency checklist: `seed_site` tags the
seed's sections and records its facts once, in English and in French, without
changing a word readers read or the policy's history."""

import copy
import io

from django.core.management import call_command

import pytest

from policy.models import PolicyVersion
from policy.transparency import coverage, facts
from tests.pages import english_policy, french_policy, soup, visible_text
from tests.transparency import SEED_COVERS

pytestmark = pytest.mark.django_db


def as_seeded_before(page):
    """Publish `page` as the seed left it before: no tags, no facts."""
    body = copy.deepcopy(list(page.body.raw_data))
    for section in body:
        section["value"].pop("covers", None)
    page.body = body
    page.facts = []
    page.save_revision().publish()


@pytest.fixture
def seeded_before(django_capture_on_commit_callbacks):
    as_seeded_before(english_policy())
    as_seeded_before(french_policy())


def seed_site(capture_on_commit):
    output = io.StringIO()
    with capture_on_commit(execute=True):
        call_command("seed_site", stdout=output)
    return output.getvalue()


def covered(page):
    return [item.key for item in coverage(page).covered]


def test_seed_site_tags_an_existing_policy_in_both_languages(
    seeded_before, client, django_capture_on_commit_callbacks
):
    french_before = visible_text(
        soup(client.get("/fr/confidentialite-et-cookies/")).select_one("main")
    )
    versions = list(PolicyVersion.objects.values_list("page_id", "number"))
    assert covered(english_policy()) == covered(french_policy()) == []

    output = seed_site(django_capture_on_commit_callbacks)

    assert (
        "Tagged the sections of “Privacy and Cookies” and recorded its facts" in output
    )
    # The language as Wagtail names it, as seed_site's other lines do.
    french = french_policy().locale.get_display_name()
    assert f"Published “Privacy and Cookies” in {french} with the tags" in output
    assert covered(english_policy()) == covered(french_policy()) == SEED_COVERS
    assert facts(french_policy())["controller"]["name"] == "DMJ Computer Services Ltd"
    assert not english_policy().has_unpublished_changes
    assert list(PolicyVersion.objects.values_list("page_id", "number")) == versions
    assert (
        visible_text(
            soup(client.get("/fr/confidentialite-et-cookies/")).select_one("main")
        )
        == french_before
    )

    assert "nothing changed" in seed_site(django_capture_on_commit_callbacks)


def test_seed_site_leaves_a_draft_in_progress_to_the_editor(
    seeded_before, django_capture_on_commit_callbacks
):
    policy = english_policy()
    policy.title = "Privacy and Cookies (draft)"
    policy.save_revision()

    output = seed_site(django_capture_on_commit_callbacks)

    assert (
        "“Privacy and Cookies” has changes in draft: tag its sections (Covers) and "
        "record its facts in the editor"
    ) in output
    assert covered(english_policy()) == []
    assert english_policy().get_latest_revision_as_object().title == (
        "Privacy and Cookies (draft)"
    )
