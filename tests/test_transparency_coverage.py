"""What the policy covers of what a privacy notice must say, from its real pages:
the seed's sections as tagged, a section tagged in the editor, each language's
live page and a draft."""

import copy

import pytest

from policy.transparency import coverage, facts
from tests.admin_forms import publish_through_editor
from tests.pages import english_policy, french_policy, translate_into_french
from tests.transparency import SEED_COVERS, SEED_LACKS

pytestmark = pytest.mark.django_db


def keys(items):
    return [item.key for item in items]


def headings(page, key):
    return [heading for _anchor, heading in coverage(page).sections[key]]


@pytest.mark.parametrize("policy", [english_policy, french_policy])
def test_the_seed_covers_some_items_and_lacks_others(policy):
    found = coverage(policy())

    assert keys(found.covered) == SEED_COVERS
    assert keys(found.missing) == SEED_LACKS


def test_each_item_names_the_sections_that_cover_it_in_that_language(en_policy):
    assert headings(en_policy, "retention") == ["Complaints"]
    assert headings(en_policy, "controller") == [
        "Our Privacy Statement",
        "How to Contact Us",
    ]
    assert headings(french_policy(), "controller") == [
        "Notre Déclaration de Confidentialité",
        "Comment nous contacter",
    ]


def test_the_seed_records_the_controller_as_the_notice_gives_it(en_policy, fr_policy):
    controller = {
        "name": "DMJ Computer Services Ltd",
        "department": "Internal Compliance Department",
        "address": ["55 Home Close", "Chiseldon", "Swindon", "Wiltshire SN4 0ND"],
        "country": "GB",
        "email": None,
        "telephone": None,
    }

    assert facts(en_policy)["controller"] == controller
    assert facts(fr_policy)["controller"] == controller
    assert facts(en_policy)["purposes"] == []
    assert facts(en_policy)["rights"] == [
        {"right": "access", "article": "15"},
        {"right": "rectification", "article": "16"},
        {"right": "withdraw_consent", "article": "7(3)"},
    ]


def tagged(page, anchor, *items):
    """The page's body with the section `anchor` also covering `items`."""
    body = copy.deepcopy(list(page.body.raw_data))
    for section in body:
        if section["value"]["anchor"] == anchor:
            section["value"]["covers"] = [*section["value"]["covers"], *items]
    return body


def test_a_section_tagged_in_the_editor_covers_its_item_once_published(
    admin_client, en_policy, django_capture_on_commit_callbacks
):
    en_policy.body = tagged(en_policy, "complaints-or-queries", "complaint")
    published = publish_through_editor(
        admin_client, en_policy, body=en_policy.body, update_type="minor"
    )

    assert headings(published, "complaint") == ["Complaints or Queries"]
    # The French page is behind: it shows what its published version covers.
    assert "complaint" in keys(coverage(french_policy()).missing)

    translate_into_french(published, {}, django_capture_on_commit_callbacks)

    assert headings(french_policy(), "complaint") == ["Réclamations ou questions"]


def test_a_draft_covers_what_the_live_page_does_not_yet(admin_client, en_policy):
    en_policy.body = tagged(en_policy, "complaints-or-queries", "complaint")
    en_policy.save_revision()

    draft = english_policy().get_latest_revision_as_object()

    assert "complaint" in keys(coverage(draft).covered)
    assert "complaint" in keys(coverage(english_policy()).missing)


def test_untagging_the_last_section_makes_an_item_missing(admin_client, en_policy):
    body = copy.deepcopy(list(en_policy.body.raw_data))
    for section in body:
        section["value"]["covers"] = [
            key for key in section["value"]["covers"] if key != "recipients"
        ]
    en_policy.body = body
    published = publish_through_editor(
        admin_client, en_policy, body=en_policy.body, update_type="minor"
    )

    assert "recipients" in keys(coverage(published).missing)
