"""Editors choosing a block see what it is for and a preview of it, as readers will see it."""

import json

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from wagtail import blocks
from wagtail.users.models import UserProfile

import pytest

from policy.models import PolicyPage
from tests.pages import soup, visible_text

# What each block's preview shows of its sample content.
SAMPLE_TEXT = {
    "section": "Becoming a Client",
    "paragraph": "we recognise the importance of protecting your personal information",
    "callout": "We are committed to protecting your privacy online",
    "cookie_table": "Lets Cloudflare recognise legitimate visitors",
    "contact": "Internal Compliance Department",
    "last_updated": "This privacy notice was last updated on",
}


@pytest.fixture
def french_admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "redactrice", "r@example.com", "pw"
    )
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(admin)
    return client


def insertable_blocks(block):
    """Every block an editor can insert under `block`, by name: the children of each stream."""
    found = {}
    if isinstance(block, blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            found[name] = child
    if isinstance(block, blocks.StreamBlock | blocks.StructBlock):
        children = block.child_blocks.values()
    elif isinstance(block, blocks.ListBlock):
        children = [block.child_block]
    else:
        children = []
    for child in children:
        found.update(insertable_blocks(child))
    return found


def unpack(packed):
    """The page editor's block definitions (telepath JSON) with shared values resolved."""
    shared = {}

    def collect(node):
        if isinstance(node, dict):
            if "_id" in node:
                shared[node["_id"]] = node
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    def resolve(node):
        if isinstance(node, list):
            return [resolve(value) for value in node]
        if not isinstance(node, dict):
            return node
        if "_ref" in node:
            return resolve(shared[node["_ref"]])
        if "_val" in node:
            return node["_val"]
        if "_list" in node:
            return [resolve(value) for value in node["_list"]]
        if "_dict" in node:
            return {key: resolve(value) for key, value in node["_dict"].items()}
        return {key: resolve(value) for key, value in node.items() if key != "_id"}

    collect(packed)
    return resolve(packed)


def offered_blocks(stream):
    """What a stream's block chooser offers: each block's options by name."""
    return {
        child["_args"][0]: child["_args"][-1]
        for _group, children in stream["_args"][1]
        for child in children
    }


def block_chooser(admin_client, page):
    """What the policy editor's block choosers offer, at the top and inside a section."""
    editor = soup(admin_client.get(f"/admin/pages/{page.pk}/edit/"))
    body = unpack(json.loads(editor.select_one("#body")["data-w-block-data-value"]))
    section = next(child for _group, children in body["_args"][1] for child in children)
    content = next(
        child for child in section["_args"][1] if child["_args"][0] == "content"
    )
    return offered_blocks(body) | offered_blocks(content)


def preview(admin_client, block_def_id):
    return admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block_def_id})


def test_every_block_an_editor_can_insert_has_a_preview_and_a_description():
    insertable = insertable_blocks(PolicyPage.body.field.stream_block)

    assert set(insertable) == set(SAMPLE_TEXT)
    for name, block in insertable.items():
        assert block.is_previewable, name
        assert str(block.get_description()).strip(), name


def test_the_editor_offers_each_block_with_its_description_and_preview(
    admin_client, en_policy
):
    offered = block_chooser(admin_client, en_policy)

    assert set(offered) == set(SAMPLE_TEXT)
    assert offered["cookie_table"]["description"] == (
        "A table listing the cookies of one family or provider, with what each "
        "cookie does, how long it lasts and who sets it."
    )
    for name, options in offered.items():
        assert options["isPreviewable"], name
        assert options["description"].strip(), name


@pytest.mark.parametrize("name", sorted(SAMPLE_TEXT))
def test_a_preview_shows_sample_content_as_the_public_site_shows_it(
    admin_client, en_policy, name
):
    block_def_id = block_chooser(admin_client, en_policy)[name]["blockDefId"]

    response = preview(admin_client, block_def_id)

    assert response.status_code == 200
    page = soup(response)
    assert SAMPLE_TEXT[name] in visible_text(page.select_one("article.policy"))
    assert page.select_one("link[rel=stylesheet]")["href"].endswith("css/site.css")


def test_the_cookie_table_preview_is_the_public_cookie_table(admin_client, en_policy):
    block_def_id = block_chooser(admin_client, en_policy)["cookie_table"]["blockDefId"]

    page = soup(preview(admin_client, block_def_id))

    assert visible_text(page.select_one(".cookie-family h3")) == (
        "Cookie family: Cloudflare"
    )
    row = page.select_one("table.cookie-table tbody tr")
    assert [visible_text(cell) for cell in row.select("th, td")] == [
        "_cfduid",
        "Lets Cloudflare recognise legitimate visitors who share an internet "
        "connection with others.",
        "30 days",
        "First party (this website)",
        "Strictly necessary",
    ]


def test_the_last_updated_preview_shows_a_date_and_the_link_to_all_updates(
    admin_client, en_policy
):
    block_def_id = block_chooser(admin_client, en_policy)["last_updated"]["blockDefId"]

    page = soup(preview(admin_client, block_def_id))

    sentence = page.select_one("p.last-updated")
    today = format_date(timezone.localdate(), "j F Y")
    assert visible_text(sentence) == (
        f"This privacy notice was last updated on {today}. See all updates"
    )


def test_a_french_speaking_editor_reads_descriptions_and_labels_in_french(
    french_admin_client, en_policy
):
    offered = block_chooser(french_admin_client, en_policy)

    assert offered["paragraph"]["description"] == (
        "Des paragraphes de texte, avec des listes et des liens."
    )
    page = soup(preview(french_admin_client, offered["cookie_table"]["blockDefId"]))
    headings = [visible_text(th) for th in page.select("table.cookie-table thead th")]
    assert "Durée de conservation" in headings
    # The sample content itself stays in English.
    assert "30 days" in visible_text(page.select_one("table.cookie-table"))
