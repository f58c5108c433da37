"""A policy page in the API: typed blocks, cookies as plain fields, date, history, languages."""

from django.utils.html import escape

import pytest

from policy.models import PolicyPage
from tests.pages import (
    cookie_duration,
    english_policy,
    french_policy,
    soup,
    visible_text,
)

# The seeded site answers at WAGTAILADMIN_BASE_URL (config.settings.test).
BASE = "http://testserver"


@pytest.fixture
def policy_data(client, db):
    return client.get(f"/api/v2/pages/{english_policy().pk}/").json()


def content_blocks(data, block_type):
    return [
        child
        for section in data["body"]
        for child in section["value"]["content"]
        if child["type"] == block_type
    ]


def test_body_is_a_list_of_sections_with_heading_anchor_and_typed_content(
    policy_data,
):
    sections = policy_data["body"]

    assert {section["type"] for section in sections} == {"section"}
    first = sections[0]
    assert first["id"]
    assert first["value"]["heading"] == "Our Privacy Statement"
    assert first["value"]["anchor"] == "our-privacy-statement"
    paragraph, callout = first["value"]["content"]
    assert paragraph["type"] == "paragraph"
    assert paragraph["value"].startswith(
        "<p>At DMJ Computer Services Ltd, we recognise the importance"
    )
    assert callout["type"] == "callout"
    assert callout["value"]["text"].startswith(
        "<ul><li>We are committed to protecting your privacy online</li>"
    )
    assert [section["value"]["anchor"] for section in sections] == [
        anchor for anchor, _heading in english_policy().sections()
    ]


def test_cookie_table_gives_each_cookie_as_plain_fields(policy_data):
    google, cloudflare = content_blocks(policy_data, "cookie_table")

    assert google["value"]["provider"] == "Google Analytics"
    assert google["value"]["purpose"].startswith(
        "<p>These cookies are used to collect information"
    )
    assert [cookie["name"] for cookie in google["value"]["cookies"]] == [
        "_ga",
        "_gid",
        "_gat_gtag_UA_951418_39",
    ]
    cookie = google["value"]["cookies"][0]
    assert cookie["id"]
    assert {key: value for key, value in cookie.items() if key != "id"} == {
        "name": "_ga",
        "purpose": "Tells visitors apart, so that we can count them without knowing who they are.",
        "duration": "2 years",
        "maxAgeSeconds": 63072000,
        "refreshed": True,
        "party": "first",
        "party_label": "First party (this website)",
        "category": "analytics",
        "category_label": "Analytics",
        "kind": "cookie",
        "kind_label": "Cookie",
    }
    assert cloudflare["value"]["cookies"][0]["category"] == "necessary"
    assert cloudflare["value"]["cookies"][0]["category_label"] == "Strictly necessary"


def test_contact_block_gives_its_fields(policy_data):
    (contact,) = content_blocks(policy_data, "contact")

    assert contact["value"] == {
        "recipient": "Internal Compliance Department",
        "address": ["55 Home Close", "Chiseldon", "Swindon", "Wiltshire SN4 0ND"],
        "country": "United Kingdom",
        "email": "",
        "telephone": "",
    }


def test_last_updated_is_an_iso_date_in_the_page_and_in_its_block(policy_data):
    assert policy_data["last_updated"] == "2018-01-23"
    (block,) = content_blocks(policy_data, "last_updated")
    assert block["value"] == {
        "date": "2018-01-23",
        "history_url": f"{BASE}/en/privacy-and-cookies/history/",
    }


def test_history_gives_date_note_and_the_address_of_each_version(policy_data):
    assert policy_data["history_url"] == f"{BASE}/en/privacy-and-cookies/history/"
    assert policy_data["history"] == [
        {
            "version": 1,
            "date": "2018-01-23",
            "note": "First published.",
            "html_url": f"{BASE}/en/privacy-and-cookies/versions/1/",
            "compare_html_url": None,
        }
    ]


def test_version_address_is_the_public_archived_page(client, policy_data):
    response = client.get(policy_data["history"][0]["html_url"].removeprefix(BASE))

    assert response.status_code == 200
    # The version the API describes: the policy as it read on that date.
    page = soup(response)
    assert visible_text(page.h1) == policy_data["title"]
    assert "last updated on 23 January 2018" in visible_text(
        page.select_one(".last-updated")
    )
    assert cookie_duration(page, "_ga") == "2 years"


def test_translations_link_to_the_page_in_each_language(policy_data):
    assert policy_data["translations"] == [
        {
            "locale": "en",
            "id": english_policy().pk,
            "title": "Privacy and Cookies",
            "html_url": f"{BASE}/en/privacy-and-cookies/",
            "detail_url": f"{BASE}/api/v2/pages/{english_policy().pk}/",
        },
        {
            "locale": "fr",
            "id": french_policy().pk,
            "title": "Confidentialité et Cookies",
            "html_url": f"{BASE}/fr/confidentialite-et-cookies/",
            "detail_url": f"{BASE}/api/v2/pages/{french_policy().pk}/",
        },
    ]


def test_source_page_is_never_behind(policy_data):
    assert policy_data["translation_behind"] is False
    assert policy_data["newer_source_version"] is None


def test_rich_text_links_to_pages_are_expanded_to_real_addresses(client, en_policy):
    home = en_policy.get_parent()
    body = en_policy.body.raw_data
    paragraph = body[0]["value"]["content"][0]
    paragraph["value"] += (
        f'<p>Back to <a linktype="page" id="{home.pk}">our home page</a>.</p>'
    )
    en_policy.body = list(body)
    en_policy.save_revision().publish()

    data = client.get(f"/api/v2/pages/{en_policy.pk}/").json()

    text = data["body"][0]["value"]["content"][0]["value"]
    assert '<a href="/en/">our home page</a>' in text
    assert "linktype" not in text


def test_listing_of_policies_can_ask_for_the_policy_fields(client, db):
    response = client.get(
        "/api/v2/pages/?type=policy.PolicyPage&fields=last_updated,history,translation_behind"
    )

    items = response.json()["items"]
    assert [(item["meta"]["locale"], item["last_updated"]) for item in items] == [
        ("en", "2018-01-23"),
        ("fr", "2018-01-23"),
    ]
    assert [item["history"][0]["note"] for item in items] == [
        "First published.",
        "Première publication.",
    ]
    assert PolicyPage.objects.live().count() == 2


def test_html_in_plain_fields_is_not_interpreted(client, en_policy):
    # A cookie's purpose is plain text: markup typed into it comes back as typed.
    body = en_policy.body.raw_data
    for section in body:
        for child in section["value"]["content"]:
            if child["type"] == "cookie_table":
                child["value"]["cookies"][0]["value"]["purpose"] = "<b>bold</b> claim"
    en_policy.body = list(body)
    en_policy.save_revision().publish()

    response = client.get(f"/api/v2/pages/{en_policy.pk}/")

    (google, _cloudflare) = content_blocks(response.json(), "cookie_table")
    assert google["value"]["cookies"][0]["purpose"] == "<b>bold</b> claim"
    assert escape("<b>") not in response.content.decode()
