"""The policy's structured facts and its sections' tags through wagtail-localize:
words are strings for translators, codes and tags are copied from the English
page, and the French page's text does not change."""

import json

import pytest

from policy.transparency import ITEM_KEYS, coverage, facts
from tests.admin_forms import policy_form_data, publish_through_editor
from tests.pages import french_policy, soup, translate_into_french, visible_text

pytestmark = pytest.mark.django_db

PURPOSE = {
    "description": "Answering enquiries",
    "lawful_basis": "legitimate_interests",
    "legitimate_interests": "Replying to the people who write to us",
}
AUTHORITY = {
    "name": "Information Commissioner's Office",
    "url": "https://ico.org.uk/make-a-complaint/",
    "country": "GB",
}
RETENTION = {
    "data": "Complaint files",
    "period": "4 years from the closure of the file",
    "duration": "P4Y",
}
IN_FRENCH = {
    "Answering enquiries": "Répondre aux demandes",
    "Replying to the people who write to us": "Répondre à ceux qui nous écrivent",
    "Information Commissioner's Office": "Information Commissioner's Office (ICO)",
    "Complaint files": "Dossiers de réclamation",
    "4 years from the closure of the file": "4 ans à compter de la clôture du dossier",
}


def french_strings(translation):
    return {(entry.msgctxt, entry.msgid) for entry in translation.export_po()}


def with_facts(page):
    """The page's facts with a purpose, an authority and a retention period added."""
    stream = page.facts
    stream.append(("purpose", PURPOSE))
    stream.append(("authority", AUTHORITY))
    stream.append(("retention", RETENTION))
    return stream


def tag_complaints_or_queries(page):
    for section in page.body:
        if section.value["anchor"] == "complaints-or-queries":
            section.value["covers"] = ["complaint"]
    return page.body


def main_text(client, url):
    return visible_text(soup(client.get(url)).select_one("main"))


def test_tags_and_codes_are_never_strings_for_translators(
    admin_client, en_policy, django_capture_on_commit_callbacks
):
    published = publish_through_editor(
        admin_client,
        en_policy,
        body=tag_complaints_or_queries(en_policy),
        facts=with_facts(en_policy),
        update_type="minor",
    )
    translation = translate_into_french(
        published, IN_FRENCH, django_capture_on_commit_callbacks
    )
    strings = french_strings(translation)

    assert not {msgid for _context, msgid in strings} & set(ITEM_KEYS)
    assert not [context for context, _msgid in strings if "covers" in context]
    # Of the facts, only the words: no name, address, code or lawful basis.
    assert sorted(
        msgid for context, msgid in strings if context.startswith("facts")
    ) == (sorted(IN_FRENCH))


def test_the_french_page_gets_the_english_tags_and_codes_and_its_own_words(
    admin_client, client, en_policy, django_capture_on_commit_callbacks
):
    before = main_text(client, "/fr/confidentialite-et-cookies/")
    published = publish_through_editor(
        admin_client,
        en_policy,
        body=tag_complaints_or_queries(en_policy),
        facts=with_facts(en_policy),
        update_type="minor",
    )
    translate_into_french(published, IN_FRENCH, django_capture_on_commit_callbacks)
    french = french_policy()
    found = facts(french)

    assert "complaint" in [item.key for item in coverage(french).covered]
    assert found["purposes"] == [
        {
            "description": "Répondre aux demandes",
            "lawful_basis": "legitimate_interests",
            "article": "6(1)(f)",
            "legitimate_interests": "Répondre à ceux qui nous écrivent",
        }
    ]
    assert found["supervisory_authorities"] == [
        {
            "name": "Information Commissioner's Office (ICO)",
            "url": "https://ico.org.uk/make-a-complaint/",
            "country": "GB",
        }
    ]
    assert found["retention"] == [
        {
            "data": "Dossiers de réclamation",
            "period": "4 ans à compter de la clôture du dossier",
            "duration": "P4Y",
        }
    ]
    assert found["controller"]["name"] == "DMJ Computer Services Ltd"
    # Neither the tags nor the facts change what French readers read.
    assert main_text(client, "/fr/confidentialite-et-cookies/") == before


@pytest.mark.parametrize(
    ("block_type", "value", "message"),
    [
        (
            "purpose",
            {**PURPOSE, "legitimate_interests": ""},
            "Say which legitimate interests this purpose relies on.",
        ),
        (
            "purpose",
            {**PURPOSE, "lawful_basis": ""},
            "Choose the lawful basis of this purpose.",
        ),
        (
            "authority",
            {**AUTHORITY, "country": "uk"},
            "Use the country's two-letter code in capitals, such as GB or FR.",
        ),
        (
            "retention",
            {**RETENTION, "duration": "4 years"},
            "Write the duration as P, a number and Y, M, W or D, such as P4Y for 4 years.",
        ),
    ],
)
def test_a_fact_left_wrong_says_what_to_write(
    admin_client, en_policy, block_type, value, message
):
    data = policy_form_data(en_policy, update_type="minor")
    data["facts-count"] = 2
    prefix = "facts-1"
    data.update(
        {f"{prefix}-type": block_type, f"{prefix}-deleted": "", f"{prefix}-order": 1}
    )
    data.update({f"{prefix}-value-{name}": text for name, text in value.items()})

    response = admin_client.post(f"/admin/pages/{en_policy.pk}/edit/", data)

    assert response.status_code == 200
    # What the editor shows at the field (the block's arguments carry its errors).
    field = soup(response).select_one("#facts[data-w-block-arguments-value]")
    _value, errors = json.loads(field["data-w-block-arguments-value"])
    fact = errors["blockErrors"]["1"]
    shown = [
        message
        for name in value
        for message in fact.get("blockErrors", {}).get(name, {}).get("messages", [])
    ]
    assert shown == [message]
    stored = type(en_policy).objects.get(pk=en_policy.pk)
    assert [block.block_type for block in stored.facts] == ["controller"]
