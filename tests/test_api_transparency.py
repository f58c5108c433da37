"""The policy's detail in the API says what it covers of a notice's required
content, by which sections, what it lacks, and the facts it records."""

import pytest

from tests.admin_forms import publish_through_editor
from tests.openapi import component_errors, replaced, served_document
from tests.pages import english_policy, french_policy
from tests.transparency import SEED_COVERS, SEED_LACKS

pytestmark = pytest.mark.django_db


def transparency(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()["transparency"]


@pytest.mark.parametrize("policy", [english_policy, french_policy])
def test_covered_and_missing_items_in_the_checklists_order(client, policy):
    found = transparency(client, policy())

    assert [item["item"] for item in found["covered"]] == SEED_COVERS
    assert [item["item"] for item in found["missing"]] == SEED_LACKS


def test_each_covered_item_names_its_article_and_sections(client, en_policy):
    found = transparency(client, en_policy)

    assert found["covered"][0] == {
        "item": "controller",
        "article": "13(1)(a)",
        "title": "Who is responsible for the data, and how to contact them",
        "sections": ["our-privacy-statement", "how-to-contact-us"],
    }
    assert {
        "item": "complaint",
        "article": "13(2)(d), 77",
        "title": "The right to complain to a supervisory authority",
    } in found["missing"]


def test_the_french_detail_titles_items_in_french(client, fr_policy):
    found = transparency(client, fr_policy)

    assert found["covered"][0]["title"] == (
        "Qui est responsable des données, et comment le joindre"
    )
    assert found["covered"][0]["sections"] == [
        "our-privacy-statement",
        "how-to-contact-us",
    ]


def test_the_facts_as_recorded_with_the_rights_the_sections_state(client, en_policy):
    assert transparency(client, en_policy)["facts"] == {
        "controller": {
            "name": "DMJ Computer Services Ltd",
            "department": "Internal Compliance Department",
            "address": ["55 Home Close", "Chiseldon", "Swindon", "Wiltshire SN4 0ND"],
            "country": "GB",
            "email": None,
            "telephone": None,
        },
        "representative": None,
        "data_protection_officer": None,
        "supervisory_authorities": [],
        "purposes": [],
        "retention": [],
        "rights": [
            {"right": "access", "article": "15"},
            {"right": "rectification", "article": "16"},
            {"right": "withdraw_consent", "article": "7(3)"},
        ],
    }


def test_a_purpose_recorded_in_the_editor_comes_with_its_lawful_basis(
    admin_client, client, en_policy
):
    facts = en_policy.facts
    facts.append(
        (
            "purpose",
            {
                "description": "Sending the newsletter",
                "lawful_basis": "consent",
                "legitimate_interests": "",
            },
        )
    )
    publish_through_editor(admin_client, en_policy, facts=facts, update_type="minor")

    assert transparency(client, en_policy)["facts"]["purposes"] == [
        {
            "description": "Sending the newsletter",
            "lawful_basis": "consent",
            "article": "6(1)(a)",
            "legitimate_interests": None,
        }
    ]
    # As the API's OpenAPI document describes it, with its closed list of bases.
    document = served_document(client)
    detail = client.get(f"/api/v2/pages/{en_policy.pk}/").json()
    assert component_errors(document, "PolicyPage", detail) == []
    path = ("transparency", "facts", "purposes", 0, "lawful_basis")
    assert component_errors(
        document, "PolicyPage", replaced(detail, "marketing", *path)
    )
