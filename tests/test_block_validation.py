"""The policy blocks tell an editor what to fix before anything is saved."""

from django.core.exceptions import ValidationError

import pytest

from policy.blocks import CookieTableBlock, PolicyBodyBlock, SectionBlock


def cookie(name):
    return {
        "name": name,
        "purpose": "Tells visitors apart.",
        "duration": "2 years",
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

    assert "_ga" in str(error.value.block_errors["cookies"])


def test_a_cookie_name_with_a_space_is_refused():
    block = CookieTableBlock()
    value = block.to_python(
        {
            "provider": "Google Analytics",
            "purpose": "<p>Statistics.</p>",
            "cookies": [cookie("my cookie")],
        }
    )

    with pytest.raises(ValidationError):
        block.clean(value)


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
