"""Comparing two published versions of the policy tells readers what changed, section by section."""

import json
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from bs4 import BeautifulSoup

from policy.blocks import CookieBlock, PolicyBodyBlock
from policy.public_comparison import CookieTableChange, compare_bodies

SEED = Path(__file__).resolve().parent.parent / "policy" / "seed"


def seed_body():
    """A fresh copy of the English policy body, as raw stream data."""
    text = (SEED / "privacy-and-cookies.en.json").read_text(encoding="utf-8")
    return json.loads(text)["body"]


def compare(old_raw, new_raw):
    block = PolicyBodyBlock()
    return compare_bodies(block.to_python(old_raw), block.to_python(new_raw))


def section(raw, anchor):
    return next(child for child in raw if child["value"]["anchor"] == anchor)


def content(raw, anchor, block_type):
    """The first block of a type in a section's content."""
    return next(
        child
        for child in section(raw, anchor)["value"]["content"]
        if child["type"] == block_type
    )


def google_cookies(raw):
    table = content(raw, "use-of-cookies", "cookie_table")
    assert table["value"]["provider"] == "Google Analytics"
    return table["value"]["cookies"]


def cookie(raw, name):
    return next(item for item in google_cookies(raw) if item["value"]["name"] == name)


def changed_sections(changes):
    return [change for change in changes if change.is_changed]


def only_changed_section(changes):
    [changed] = changed_sections(changes)
    return changed


def only_cookie_table_change(changes):
    [table] = only_changed_section(changes).changes
    assert isinstance(table, CookieTableChange)
    return table


def new_text(segments):
    return "".join(text for op, text in segments if op != "delete")


def old_text(segments):
    return "".join(text for op, text in segments if op != "insert")


def test_two_identical_versions_have_no_changes():
    changes = compare(seed_body(), seed_body())

    assert not any(section.is_changed for section in changes)
    assert {change.status for change in changes} == {"unchanged"}
    assert len(changes) == len(seed_body())


def test_unchanged_sections_are_left_out():
    old, new = seed_body(), seed_body()
    cookie(new, "_ga")["value"]["duration"] = "13 months"

    changes = compare(old, new)

    assert [change.anchor for change in changed_sections(changes)] == ["use-of-cookies"]
    assert all(
        change.changes == [] and not change.heading.is_changed
        for change in changes
        if change.anchor != "use-of-cookies"
    )
    page = BeautifulSoup(
        render_to_string(
            "policy/includes/body_diff.html", {"section_changes": changes}
        ),
        "html.parser",
    )
    assert [" ".join(h2.get_text().split()) for h2 in page.select("section h2")] == [
        "Use of Cookies"
    ]


def test_a_changed_cookie_duration_is_reported_as_a_changed_row():
    old, new = seed_body(), seed_body()
    cookie(new, "_ga")["value"]["duration"] = "13 months"

    table = only_cookie_table_change(compare(old, new))

    assert table.status == "changed"
    assert table.provider.text == "Google Analytics"
    [row] = table.rows
    assert row.status == "changed"
    assert row.name == "_ga"
    assert row.fields == [("How long it lasts", "2 years", "13 months")]
    assert row.old["duration"] == "2 years"
    assert row.new["duration"] == "13 months"


def test_cookie_labels_and_choices_read_in_the_language_of_the_page():
    old, new = seed_body(), seed_body()
    cookie(new, "_ga")["value"]["party"] = "third"
    cookie(new, "_ga")["value"]["duration"] = "13 months"

    with translation.override("en"):
        [row] = only_cookie_table_change(compare(old, new)).rows

    [(duration, _, _), (party, first, third)] = row.fields
    with translation.override("fr"):
        assert str(duration) == str(CookieBlock.base_blocks["duration"].label)
        assert str(duration) != "How long it lasts"
        assert str(party) == str(CookieBlock.base_blocks["party"].label)
        french_choices = dict(CookieBlock.base_blocks["party"].field.choices)
        assert (str(first), str(third)) == (
            str(french_choices["first"]),
            str(french_choices["third"]),
        )
        assert str(third) != "Third party (another company)"
    with translation.override("en"):
        assert (str(party), str(third)) == (
            "Set by",
            "Third party (another company)",
        )


def test_a_removed_cookie_row_is_reported():
    old, new = seed_body(), seed_body()
    google_cookies(new).remove(cookie(new, "_gid"))

    [row] = only_cookie_table_change(compare(old, new)).rows

    assert row.status == "removed"
    assert row.name == "_gid"
    assert row.new is None
    assert row.old["duration"] == "24 hours"
    assert ("How long it lasts", "24 hours") in row.details


def test_an_added_cookie_row_is_reported_after_the_row_before_it():
    old, new = seed_body(), seed_body()
    google_cookies(new).insert(
        1,
        {
            "type": "item",
            "id": "0f1d3c1e-5b4a-4c57-9c1d-1f5bfe7f6a01",
            "value": {
                "name": "_ga_ABC123",
                "purpose": "Keeps the session.",
                "duration": "2 years",
                "party": "first",
                "category": "analytics",
            },
        },
    )

    [row] = only_cookie_table_change(compare(old, new)).rows

    assert row.status == "added"
    assert row.name == "_ga_ABC123"
    assert row.old is None
    assert row.fields == []
    assert ("Category", "Analytics") in row.details


def test_renamed_cookie_matched_by_id():
    old, new = seed_body(), seed_body()
    cookie(new, "_gid")["value"]["name"] = "_gid_v2"

    [row] = only_cookie_table_change(compare(old, new)).rows

    assert row.status == "changed"
    assert row.name == "_gid_v2"
    assert row.fields == [("Cookie name", "_gid", "_gid_v2")]


def test_cookies_saved_without_ids_are_matched_by_name():
    old, new = seed_body(), seed_body()
    cookie(new, "_gid")["value"]["duration"] = "1 day"
    # Lists saved before Wagtail 2.16 hold bare values, without ids.
    for body in (old, new):
        cookies = google_cookies(body)
        cookies[:] = [item["value"] for item in cookies]

    [row] = only_cookie_table_change(compare(old, new)).rows

    assert (row.status, row.name) == ("changed", "_gid")
    assert row.fields == [("How long it lasts", "24 hours", "1 day")]


def test_a_changed_cookie_table_purpose_is_reported_by_paragraph():
    old, new = seed_body(), seed_body()
    table = content(new, "use-of-cookies", "cookie_table")["value"]
    table["purpose"] = table["purpose"].replace(
        "compile reports", "compile monthly reports"
    )

    change = only_cookie_table_change(compare(old, new))

    assert change.rows == []
    [purpose] = change.purpose
    assert purpose.status == "changed"
    assert [text.strip() for op, text in purpose.segments if op != "equal"] == [
        "monthly"
    ]
    assert [op for op, _ in purpose.segments].count("insert") == 1


def test_an_added_cookie_table_lists_all_its_cookies_as_added():
    old, new = seed_body(), seed_body()
    section(new, "youtube-cookies")["value"]["content"].append(
        {
            "type": "cookie_table",
            "id": "8b0c7a55-1f5e-4c1a-b7f3-3c3a0a3e2b10",
            "value": {
                "provider": "YouTube",
                "purpose": "<p>Remember your video settings.</p>",
                "cookies": [
                    {
                        "type": "item",
                        "id": "4f7a4b43-9c2b-4f14-8a9e-5a9f1b0b7c21",
                        "value": {
                            "name": "VISITOR_INFO1_LIVE",
                            "purpose": "Estimates your bandwidth.",
                            "duration": "6 months",
                            "party": "third",
                            "category": "functionality",
                        },
                    }
                ],
            },
        }
    )

    table = only_cookie_table_change(compare(old, new))

    assert table.status == "added"
    assert table.provider.status == "added"
    assert [passage.status for passage in table.purpose] == ["added"]
    assert [(row.status, row.name) for row in table.rows] == [
        ("added", "VISITOR_INFO1_LIVE")
    ]


def test_an_added_section_is_reported_as_added():
    old, new = seed_body(), seed_body()
    new.insert(
        2,
        {
            "type": "section",
            "id": "6a4b3f0e-2d4c-4b8e-9f51-0c1d2e3f4a5b",
            "value": {
                "heading": "Artificial Intelligence",
                "anchor": "artificial-intelligence",
                "content": [
                    {
                        "type": "paragraph",
                        "id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                        "value": "<p>We do not train models on your data.</p>",
                    }
                ],
            },
        },
    )

    changes = compare(old, new)

    added = only_changed_section(changes)
    assert changes.index(added) == 2
    assert added.status == "added"
    assert added.anchor == "artificial-intelligence"
    assert added.heading.status == "added"
    assert [(change.status, change.new) for change in added.changes] == [
        ("added", "We do not train models on your data.")
    ]


def test_a_removed_section_stays_where_it_used_to_be():
    old, new = seed_body(), seed_body()
    new.remove(section(new, "becoming-a-client"))

    changes = compare(old, new)

    assert [change.anchor for change in changes] == [
        child["value"]["anchor"] for child in old
    ]
    removed = only_changed_section(changes)
    assert removed.status == "removed"
    assert removed.heading.old == "Becoming a Client"
    assert [change.status for change in removed.changes] == ["removed"]


def test_a_section_keeps_its_identity_when_its_heading_and_anchor_change():
    old, new = seed_body(), seed_body()
    renamed = section(new, "complaints")["value"]
    renamed["heading"] = "Complaints About Us"
    renamed["anchor"] = "complaints-about-us"

    changed = only_changed_section(compare(old, new))

    assert (changed.status, changed.anchor) == ("changed", "complaints-about-us")
    assert changed.heading.segments == [
        ("equal", "Complaints"),
        ("insert", " About Us"),
    ]
    assert changed.changes == []


def test_word_level_diff_marks_only_the_changed_words():
    old, new = seed_body(), seed_body()
    content(new, "changes-to-this-notice", "paragraph")["value"] = (
        "<p>We keep our privacy notice under annual review.</p>"
    )

    [change] = only_changed_section(compare(old, new)).changes

    assert change.status == "changed"
    assert change.old == "We keep our privacy notice under regular review."
    assert change.new == "We keep our privacy notice under annual review."
    assert change.segments == [
        ("equal", "We keep our privacy notice under "),
        ("delete", "regular"),
        ("insert", "annual"),
        ("equal", " review."),
    ]


def test_neighbouring_changed_words_read_as_one_change():
    old, new = seed_body(), seed_body()
    content(new, "changes-to-this-notice", "paragraph")["value"] = (
        "<p>We keep our privacy notice under yearly audit.</p>"
    )

    [change] = only_changed_section(compare(old, new)).changes

    assert change.segments == [
        ("equal", "We keep our privacy notice under "),
        ("delete", "regular review"),
        ("insert", "yearly audit"),
        ("equal", "."),
    ]


def test_word_diff_segments_spell_out_both_versions():
    old, new = seed_body(), seed_body()
    statement = content(new, "our-privacy-statement", "paragraph")
    statement["value"] = statement["value"].replace(
        "such as your name and email address",
        "such as your name, your email address and your IP address",
    )

    [change] = only_changed_section(compare(old, new)).changes

    assert change.status == "changed"
    assert old_text(change.segments) == change.old
    assert new_text(change.segments) == change.new
    assert "equal" in {op for op, _ in change.segments}


def test_each_list_item_is_compared_on_its_own():
    old, new = seed_body(), seed_body()
    callout = content(new, "our-privacy-statement", "callout")
    callout["value"]["text"] = callout["value"]["text"].replace(
        "<li>We are committed to protecting your privacy online</li>",
        "<li>We are committed to protecting your privacy online</li>"
        "<li>We never use your data to train AI models</li>",
    )

    changes = only_changed_section(compare(old, new)).changes

    assert [(change.status, change.new) for change in changes] == [
        ("added", "We never use your data to train AI models")
    ]


def test_an_inserted_paragraph_does_not_hide_an_edit_after_it():
    old, new = seed_body(), seed_body()
    content(new, "changes-to-this-notice", "paragraph")["value"] = (
        "<p>Our data protection officer approves every change.</p>"
        "<p>We keep our privacy notice under yearly review.</p>"
    )

    changes = only_changed_section(compare(old, new)).changes

    assert [(change.status, change.old, change.new) for change in changes] == [
        ("added", "", "Our data protection officer approves every change."),
        (
            "changed",
            "We keep our privacy notice under regular review.",
            "We keep our privacy notice under yearly review.",
        ),
    ]


def test_a_rewritten_paragraph_is_shown_as_removed_and_added():
    old, new = seed_body(), seed_body()
    content(new, "changes-to-this-notice", "paragraph")["value"] = (
        "<p>Ask Sam Jones for a paper copy at any time.</p>"
    )

    changes = only_changed_section(compare(old, new)).changes

    assert [change.status for change in changes] == ["removed", "added"]


def test_spacing_alone_is_not_a_change():
    old, new = seed_body(), seed_body()
    content(new, "changes-to-this-notice", "paragraph")["value"] = (
        "<p>We keep our\xa0privacy   notice under regular\nreview.</p>"
    )

    assert not any(section.is_changed for section in compare(old, new))


def test_a_changed_contact_line_is_reported():
    old, new = seed_body(), seed_body()
    contact = content(new, "how-to-contact-us", "contact")["value"]
    contact["address"][0]["value"] = "57 Home Close"
    contact["email"] = "privacy@example.com"

    changes = only_changed_section(compare(old, new)).changes

    assert [(change.status, change.old, change.new) for change in changes] == [
        ("changed", "55 Home Close", "57 Home Close"),
        ("added", "", "privacy@example.com"),
    ]


def test_the_last_updated_sentence_is_not_compared():
    old, new = seed_body(), seed_body()
    section(new, "complaints")["value"]["content"].append(
        {
            "type": "last_updated",
            "id": "5d6e7f80-1a2b-4c3d-9e8f-7a6b5c4d3e2f",
            "value": None,
        }
    )

    assert not any(section.is_changed for section in compare(old, new))


def test_a_moved_and_changed_table_is_reported_once_where_it_is_now():
    old, new = seed_body(), seed_body()
    cookie(new, "_ga")["value"]["duration"] = "13 months"
    blocks = section(new, "use-of-cookies")["value"]["content"]
    blocks.append(blocks.pop(1))

    table = only_cookie_table_change(compare(old, new))

    assert table.status == "changed"
    assert [row.name for row in table.rows] == ["_ga"]


def render(changes):
    return BeautifulSoup(
        render_to_string(
            "policy/includes/body_diff.html", {"section_changes": changes}
        ),
        "html.parser",
    )


def words(element):
    return " ".join(element.get_text().split())


def test_a_changed_cookie_is_rendered_as_a_table_row_with_hidden_labels():
    old, new = seed_body(), seed_body()
    cookie(new, "_ga")["value"]["duration"] = "13 months"

    with translation.override("en"):
        page = render(compare(old, new))

    [table] = page.select("section table")
    assert words(table.caption) == "Cookie changes: Google Analytics"
    assert [(th["scope"], words(th)) for th in table.select("thead th")] == [
        ("col", "Cookie"),
        ("col", "Change"),
        ("col", "Details"),
    ]
    [row] = table.select("tbody tr")
    assert row.th["scope"] == "row"
    assert words(row.th) == "_ga"
    change, details = row.find_all("td")
    assert words(change) == "Changed"
    removed, added = details.find("del"), details.find("ins")
    assert words(removed.select_one(".visually-hidden")) == "was:"
    assert words(added.select_one(".visually-hidden")) == "now:"
    assert words(removed) == "was: 2 years"
    assert words(added) == "now: 13 months"
    assert details.select_one("[aria-hidden=true]").get_text() == "→"
    assert words(details).startswith("How long it lasts:")


def test_changed_words_are_marked_in_words_not_only_in_colour():
    old, new = seed_body(), seed_body()
    content(new, "changes-to-this-notice", "paragraph")["value"] = (
        "<p>We keep our privacy notice under annual review.</p>"
        "<p>Each update is listed on this page.</p>"
    )

    with translation.override("en"):
        page = render(compare(old, new))

    [section_element] = page.select("section")
    assert [words(label) for label in page.select(".policy-diff__label")] == [
        "Changed paragraph",
        "Added paragraph",
    ]
    assert words(section_element.find("del")) == "removed text: regular"
    assert words(section_element.find("ins")) == "added text: annual"
    for mark in page.find_all(["ins", "del"]):
        assert "visually-hidden" in mark.contents[0]["class"]
    assert "Each update is listed on this page." in words(section_element)
    assert words(page.select_one(".policy-diff__summary")) == (
        f"{len(old) - 1} sections did not change."
    )


def test_the_comparison_has_no_inline_styles_or_scripts():
    old, new = seed_body(), seed_body()
    google_cookies(new).remove(cookie(new, "_gid"))
    section(new, "complaints")["value"]["heading"] = "Complaints and Appeals"

    page = render(compare(old, new))

    assert page.select("section")
    assert not page.select("[style], script, style")


def test_text_from_the_policy_is_escaped():
    old, new = seed_body(), seed_body()
    section(new, "complaints")["value"]["heading"] = "Complaints <script>x</script>"

    html = render_to_string(
        "policy/includes/body_diff.html", {"section_changes": compare(old, new)}
    )

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_an_unchanged_policy_says_nothing_changed():
    with translation.override("en"):
        page = render(compare(seed_body(), seed_body()))

    assert not page.select("section")
    assert words(page.select_one(".policy-diff__summary")) == (
        "Nothing changed between these two versions."
    )
