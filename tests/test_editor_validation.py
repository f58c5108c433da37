"""The policy editor in the Wagtail admin, as an editor meets it.

A policy that cannot be published says, in plain words and at the right field,
what to fix; once a change is published, the revision comparison shows it
cookie by cookie.
"""

import copy
import json
import uuid

from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from policy.models import PolicyPage
from tests.admin_forms import policy_form_data
from tests.pages import soup, visible_text

PUBLIC_URL = "/en/privacy-and-cookies/"
# What an editor gives in seconds with "13 months": 396 days.
THIRTEEN_MONTHS = 396 * 24 * 3600


def body_json(page):
    """The page's body as stored: a list of sections, each a dict, safe to change."""
    return copy.deepcopy(page.body.get_prep_value())


def position(body, heading):
    """Index of the section with this heading."""
    return next(
        index
        for index, section in enumerate(body)
        if section["value"]["heading"] == heading
    )


def content_of(body, heading):
    return body[position(body, heading)]["value"]["content"]


def table_position(body, provider):
    """(section index, index in its content) of the cookie table of `provider`."""
    for section_index, section in enumerate(body):
        for index, child in enumerate(section["value"]["content"]):
            if (
                child["type"] == "cookie_table"
                and child["value"]["provider"] == provider
            ):
                return section_index, index
    raise LookupError(provider)


def cookies_of(body, provider):
    section_index, index = table_position(body, provider)
    return body[section_index]["value"]["content"][index]["value"]["cookies"]


def publish(admin_client, page, body, **fields):
    """Publish `body` through the page editor, as a minor change."""
    stream = page.body.stream_block.to_python(body)
    return admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form_data(page, body=stream, update_type="minor", **fields),
    )


def editor_errors(response):
    """The errors the page editor shows in the policy's blocks."""
    field = soup(response).select_one("#body[data-w-block-arguments-value]")
    _value, errors = json.loads(field["data-w-block-arguments-value"])
    return errors


def messages_at(errors, *path):
    """The messages shown at one field, found by section, block and field."""
    node = errors
    for step in path:
        node = node.get("blockErrors", {}).get(str(step), {})
    return node.get("messages", [])


def assert_nothing_published(page, response, stored_body):
    assert response.status_code == 200
    assert "The page could not be saved due to validation errors" in (
        response.content.decode()
    )
    assert PolicyPage.objects.get(pk=page.pk).body.get_prep_value() == stored_body


def test_a_cookie_without_a_purpose_or_duration_asks_for_them(admin_client, en_policy):
    stored = body_json(en_policy)
    body = body_json(en_policy)
    ga = cookies_of(body, "Google Analytics")[0]["value"]
    ga["purpose"] = ""
    ga["duration"] = "  "

    response = publish(admin_client, en_policy, body)

    assert_nothing_published(en_policy, response, stored)
    section, table = table_position(body, "Google Analytics")
    cookie = (section, "content", table, "cookies", 0)
    errors = editor_errors(response)
    assert messages_at(errors, *cookie, "purpose") == ["Say what this cookie does."]
    assert messages_at(errors, *cookie, "duration") == [
        "Say how long this cookie lasts."
    ]
    assert "Tells visitors apart, so that we can count them" in visible_text(
        soup(admin_client.get(PUBLIC_URL))
    )


def test_a_cookie_listed_twice_in_a_table_is_pointed_out_on_the_repeated_row(
    admin_client, en_policy
):
    stored = body_json(en_policy)
    body = body_json(en_policy)
    cookies = cookies_of(body, "Google Analytics")
    repeated = copy.deepcopy(cookies[0])
    repeated["id"] = str(uuid.uuid4())
    repeated["value"]["duration"] = "13 months"
    repeated["value"]["max_age_seconds"] = THIRTEEN_MONTHS
    cookies.append(repeated)

    response = publish(admin_client, en_policy, body)

    assert_nothing_published(en_policy, response, stored)
    section, table = table_position(body, "Google Analytics")
    errors = editor_errors(response)
    assert messages_at(
        errors, section, "content", table, "cookies", len(cookies) - 1, "name"
    ) == ["“_ga” is already in this table: remove this row or correct the name."]
    assert messages_at(errors, section, "content", table, "cookies", 0, "name") == []


def test_an_empty_section_asks_for_content(admin_client, en_policy):
    stored = body_json(en_policy)
    body = body_json(en_policy)
    content_of(body, "Becoming a Client").clear()

    response = publish(admin_client, en_policy, body)

    assert_nothing_published(en_policy, response, stored)
    section = position(body, "Becoming a Client")
    assert messages_at(editor_errors(response), section, "content") == [
        "This section is empty: add some text, or remove the section."
    ]
    assert "we will need to collect further information about you" in visible_text(
        soup(admin_client.get(PUBLIC_URL))
    )


def test_a_section_whose_text_was_emptied_asks_for_text(admin_client, en_policy):
    stored = body_json(en_policy)
    body = body_json(en_policy)
    section = position(body, "Becoming a Client")

    # An emptied rich text editor sends null.
    response = publish(
        admin_client,
        en_policy,
        body,
        **{f"body-{section}-value-content-0-value": "null"},
    )

    assert_nothing_published(en_policy, response, stored)
    assert messages_at(editor_errors(response), section, "content", 0) == [
        "This text is empty: write some text here, or delete it."
    ]
    assert "we will need to collect further information about you" in visible_text(
        soup(admin_client.get(PUBLIC_URL))
    )


@pytest.mark.parametrize("left_behind", ["<p></p>", "<p> </p><ul><li></li></ul>"])
def test_a_text_with_nothing_to_read_counts_as_empty(
    admin_client, en_policy, left_behind
):
    stored = body_json(en_policy)
    body = body_json(en_policy)
    content_of(body, "Becoming a Client")[0]["value"] = left_behind

    response = publish(admin_client, en_policy, body)

    assert_nothing_published(en_policy, response, stored)
    section = position(body, "Becoming a Client")
    assert messages_at(editor_errors(response), section, "content", 0) == [
        "This text is empty: write some text here, or delete it."
    ]


def test_a_section_without_a_heading_asks_for_one(admin_client, en_policy):
    stored = body_json(en_policy)
    body = body_json(en_policy)
    section = position(body, "Becoming a Client")
    body[section]["value"]["heading"] = ""

    response = publish(admin_client, en_policy, body)

    assert_nothing_published(en_policy, response, stored)
    assert messages_at(editor_errors(response), section, "heading") == [
        "Give this section a heading."
    ]


def test_a_draft_may_keep_an_empty_section_until_it_is_published(
    admin_client, en_policy
):
    body = body_json(en_policy)
    content_of(body, "Becoming a Client").clear()
    stream = en_policy.body.stream_block.to_python(body)

    response = admin_client.post(
        f"/admin/pages/{en_policy.pk}/edit/",
        policy_form_data(en_policy, action="action-save", body=stream),
    )

    assert response.status_code == 302
    draft = PolicyPage.objects.get(pk=en_policy.pk).get_latest_revision_as_object()
    assert [
        len(section.value["content"])
        for section in draft.body
        if section.value["heading"] == "Becoming a Client"
    ] == [0]
    assert "we will need to collect further information about you" in visible_text(
        soup(admin_client.get(PUBLIC_URL))
    )


def test_the_same_checks_let_a_correct_policy_through(admin_client, en_policy):
    body = body_json(en_policy)
    cookies_of(body, "Google Analytics")[0]["value"]["duration"] = "13 months"
    cookies_of(body, "Google Analytics")[0]["value"]["max_age_seconds"] = (
        THIRTEEN_MONTHS
    )

    response = publish(admin_client, en_policy, body)

    assert response.status_code == 302
    assert "13 months" in visible_text(soup(admin_client.get(PUBLIC_URL)))


# The revision comparison (Page → History → Compare) ---------------------------


def compare_latest_revisions(admin_client, page):
    new, old = page.revisions.order_by("-created_at", "-id").values_list(
        "id", flat=True
    )[:2]
    return admin_client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, old, new))
    )


def cookie_in_comparison(response, name):
    """The comparison of one cookie: {field label: (old, new)}, and its element."""
    page = soup(response)
    for element in page.select("td.comparison div.comparison__child-object"):
        code = element.select_one(":scope > p > code")
        if code is not None and name in visible_text(code):
            changes = {
                visible_text(dt): (
                    [visible_text(span) for span in dd.select(".deletion")],
                    [visible_text(span) for span in dd.select(".addition")],
                )
                for dt, dd in zip(
                    element.select(":scope > dl > dt"),
                    element.select(":scope > dl > dd"),
                    strict=True,
                )
            }
            return changes, element
    raise LookupError(name)


def change_ga_cookie(admin_client, page):
    body = body_json(page)
    ga = cookies_of(body, "Google Analytics")[0]["value"]
    ga["duration"] = "13 months"
    ga["max_age_seconds"] = THIRTEEN_MONTHS
    ga["category"] = "functionality"
    assert publish(admin_client, page, body).status_code == 302


def test_the_comparison_shows_what_changed_in_a_cookie_in_words(
    admin_client, en_policy
):
    change_ga_cookie(admin_client, en_policy)

    response = compare_latest_revisions(admin_client, en_policy)

    assert response.status_code == 200
    changes, _element = cookie_in_comparison(response, "_ga")
    assert changes == {
        "How long it lasts": (["2 years"], ["13 months"]),
        "Lifetime in seconds": (["63072000"], ["34214400"]),
        "Category": (["Analytics"], ["Functionality"]),
    }
    shown = [
        visible_text(span) for span in soup(response).select(".deletion, .addition")
    ]
    assert "analytics" not in shown
    assert "functionality" not in shown


def test_the_comparison_shows_a_renamed_cookie_by_its_old_and_new_name(
    admin_client, en_policy
):
    body = body_json(en_policy)
    cookies_of(body, "Google Analytics")[1]["value"]["name"] = "_gid_v2"
    assert publish(admin_client, en_policy, body).status_code == 302

    response = compare_latest_revisions(admin_client, en_policy)

    changes, element = cookie_in_comparison(response, "_gid_v2")
    assert visible_text(element.select_one("p > code")) == "_gid → _gid_v2"
    assert changes == {}


def test_the_comparison_names_the_cookies_a_change_left_alone(admin_client, en_policy):
    change_ga_cookie(admin_client, en_policy)

    response = compare_latest_revisions(admin_client, en_policy)

    _changes, element = cookie_in_comparison(response, "_gid")
    assert visible_text(element) == "_gid — unchanged"


def test_the_comparison_shows_an_added_cookie_in_full(admin_client, en_policy):
    body = body_json(en_policy)
    cookies_of(body, "Google Analytics").append(
        {
            "type": "item",
            "id": str(uuid.uuid4()),
            "value": {
                "name": "_gcl_au",
                "purpose": "Measures how well adverts lead to enquiries.",
                "duration": "90 days",
                "max_age_seconds": 7776000,
                "party": "third",
                "category": "marketing",
            },
        }
    )
    assert publish(admin_client, en_policy, body).status_code == 302

    response = compare_latest_revisions(admin_client, en_policy)

    _changes, element = cookie_in_comparison(response, "_gcl_au")
    assert "addition" in element["class"]
    assert visible_text(element) == (
        "_gcl_au What it does Measures how well adverts lead to enquiries. "
        "How long it lasts 90 days Lifetime in seconds 7776000 "
        "Set again at each visit no Set by Third party (another company) "
        "Category Marketing"
    )


def test_an_added_cookie_table_lists_its_cookies_one_by_one(admin_client, en_policy):
    body = body_json(en_policy)
    content_of(body, "YouTube Cookies").append(
        {
            "type": "cookie_table",
            "id": str(uuid.uuid4()),
            "value": {
                "provider": "YouTube",
                "purpose": "<p>Set when you play one of our videos.</p>",
                "cookies": [
                    {
                        "type": "item",
                        "id": str(uuid.uuid4()),
                        "value": {
                            "name": "VISITOR_INFO1_LIVE",
                            "purpose": "Estimates your bandwidth to choose the "
                            "video quality.",
                            "duration": "6 months",
                            "max_age_seconds": 183 * 24 * 3600,
                            "party": "third",
                            "category": "functionality",
                        },
                    }
                ],
            },
        }
    )
    assert publish(admin_client, en_policy, body).status_code == 302

    response = compare_latest_revisions(admin_client, en_policy)

    _changes, element = cookie_in_comparison(response, "VISITOR_INFO1_LIVE")
    assert visible_text(element) == (
        "VISITOR_INFO1_LIVE What it does Estimates your bandwidth to choose the "
        "video quality. How long it lasts 6 months Lifetime in seconds "
        "15811200 Set again at each visit no Set by Third party (another "
        "company) Category Functionality"
    )
    table = element.find_parent("div", class_="comparison__child-object")
    assert "addition" in table["class"]


def test_a_french_speaking_editor_reads_the_cookie_changes_in_french(
    admin_client, en_policy, django_user_model
):
    change_ga_cookie(admin_client, en_policy)
    french_editor = django_user_model.objects.create_superuser(
        "redacteur", "f@example.com", "pw"
    )
    profile = UserProfile.get_for_user(french_editor)
    profile.preferred_language = "fr"
    profile.save()
    admin_client.force_login(french_editor)

    response = compare_latest_revisions(admin_client, en_policy)

    changes, _element = cookie_in_comparison(response, "_ga")
    assert changes["Durée de conservation"] == (["2 years"], ["13 months"])
    assert changes["Durée en secondes"] == (["63072000"], ["34214400"])
    assert changes["Catégorie"][0] == ["Mesure d’audience"]
