"""A block type added to the policy later is never invisible to readers.

The public comparison and the search read blocks through one generic walk
(policy/plain_text.py): a new kind of content shows in “what changed” and
is found by the search without anyone teaching them about it.
"""

import uuid

from wagtail import blocks

import pytest

from policy.models import PolicyPage
from tests.pages import soup, visible_text

QUOTE = "Regulators read zanzibarian footnotes carefully."


@pytest.fixture
def quotation_block(monkeypatch):
    """A “quotation” block in the policy's sections, which no module names."""
    section = PolicyPage._meta.get_field("body").stream_block.child_blocks["section"]
    content = section.child_blocks["content"]
    block = blocks.StructBlock(
        [
            ("quote", blocks.TextBlock()),
            (
                "source",
                blocks.ChoiceBlock(choices=[("regulator", "The regulator's guidance")]),
            ),
        ]
    )
    block.set_name("quotation")
    monkeypatch.setitem(content.child_blocks, "quotation", block)
    return block


@pytest.fixture
def policy_with_a_quotation(quotation_block, en_policy):
    """A major change that adds a quotation to the “Use of Cookies” section."""
    body = list(en_policy.body.raw_data)
    for section in body:
        if section["value"]["anchor"] == "use-of-cookies":
            section["value"]["content"].append(
                {
                    "type": "quotation",
                    "value": {"quote": QUOTE, "source": "regulator"},
                    "id": str(uuid.uuid4()),
                }
            )
    en_policy.body = body
    en_policy.change_key = uuid.uuid4()
    en_policy.change_note = "We quote the regulator."
    en_policy.save_revision().publish()
    return en_policy


def test_the_comparison_shows_the_new_block(client, policy_with_a_quotation):
    page = soup(client.get("/en/privacy-and-cookies/compare/1/2/"))

    added = [
        visible_text(passage) for passage in page.select(".policy-diff__passage--added")
    ]
    assert any(QUOTE in text for text in added)
    assert any("The regulator's guidance" in text for text in added)


def test_the_search_finds_the_new_block(client, policy_with_a_quotation):
    page = soup(client.get("/en/search/", {"q": "zanzibarian"}))

    results = page.select(".search-result a")
    assert [link["href"] for link in results] == [
        "/en/privacy-and-cookies/#use-of-cookies"
    ]
