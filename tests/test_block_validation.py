"""The policy blocks tell an editor what to fix before anything is saved."""

from django.core.exceptions import ValidationError

import pytest

from policy.blocks import (
    CookieBlock,
    CookieTableBlock,
    PolicyBodyBlock,
    SectionBlock,
    SectionContentBlock,
)


def cookie(name):
    return {
        "name": name,
        "purpose": "Tells visitors apart.",
        "duration": "2 years",
        "max_age_seconds": 63072000,
        "party": "first",
        "category": "analytics",
    }


def test_a_cookie_table_refuses_the_same_cookie_twice():
    block = CookieTableBlock()
    value = block.to_python(
        {
            "provider": "Google Analytics",
            "purpose": "<p>Statistics.</p>",
            "cookies": [cookie("_ga"), cookie("_gid"), cookie("_ga")],
        }
    )

    with pytest.raises(ValidationError) as error:
        block.clean(value)

    rows = error.value.block_errors["cookies"].block_errors
    assert list(rows) == [2]
    assert rows[2].block_errors["name"].messages == [
        "“_ga” is already in this table: remove this row or correct the name."
    ]


def test_a_cookie_name_with_a_space_is_refused():
    block = CookieTableBlock()
    value = block.to_python(
        {
            "provider": "Google Analytics",
            "purpose": "<p>Statistics.</p>",
            "cookies": [cookie("my cookie")],
        }
    )

    with pytest.raises(ValidationError) as error:
        block.clean(value)

    row = error.value.block_errors["cookies"].block_errors[0]
    assert row.block_errors["name"].messages == [
        "A cookie name has no spaces, commas or semicolons."
    ]


def section(heading, anchor=""):
    return {
        "heading": heading,
        "anchor": anchor,
        "content": [{"type": "paragraph", "value": "<p>Text.</p>"}],
    }


def test_a_section_without_a_link_name_gets_one_from_its_heading():
    block = SectionBlock()

    value = block.clean(block.to_python(section("Use of Cookies")))

    assert value["anchor"] == "use-of-cookies"


def test_two_sections_with_the_same_link_name_are_refused():
    block = PolicyBodyBlock()
    value = block.to_python(
        [
            {"type": "section", "value": section("Cookies")},
            {"type": "section", "value": section("Other", anchor="cookies")},
        ]
    )

    with pytest.raises(ValidationError) as error:
        block.clean(value)

    assert list(error.value.block_errors) == [1]
    assert error.value.block_errors[1].block_errors["anchor"].messages == [
        "Another section already uses the link name “cookies”: choose a different one."
    ]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Give the cookie's name, exactly as the browser shows it."),
        ("purpose", "Say what this cookie does."),
        ("duration", "Say how long this cookie lasts."),
        ("category", "Choose the category this cookie belongs to."),
    ],
)
def test_a_cookie_left_incomplete_says_what_is_missing(field, message):
    block = CookieBlock()
    value = block.to_python({**cookie("_ga"), field: ""})

    with pytest.raises(ValidationError) as error:
        block.clean(value)

    assert list(error.value.block_errors) == [field]
    assert error.value.block_errors[field].messages == [message]


def test_an_empty_section_says_what_to_do():
    block = SectionContentBlock()

    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python([]))

    assert [str(e) for e in error.value.non_block_errors] == [
        "This section is empty: add some text, or remove the section."
    ]


def test_a_draft_may_keep_an_empty_section_or_an_empty_text():
    block = SectionContentBlock()
    block.defer_required_validation()

    empty = block.clean(block.to_python([]))
    empty_text = block.clean(
        block.to_python([{"type": "paragraph", "value": "<p></p>"}])
    )

    assert len(empty) == 0
    assert empty_text[0].value.source == "<p></p>"
