"""The policy's editor as an editor sees it on a 1280-pixel screen.

The policy has sixteen sections and a dozen cookies: open, they made a form
many screens long, with the question every publication asks at the very end.
Here the sections start collapsed, each showing its heading, the question comes
before them, nothing sticky covers the field being typed in, and a mistake
inside a collapsed section opens it.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.admin import block, signed_in

SEED = Path(__file__).resolve().parents[2] / "policy/seed/privacy-and-cookies.en.json"
HEADINGS = [
    section["value"]["heading"]
    for section in json.loads(SEED.read_text(encoding="utf-8"))["body"]
]
# The form fits in three screens of the browser the tests open (1000 pixels high).
SHORT_FORM = 3000


def open_policy_editor(page):
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Privacy and Cookies", exact=True).click()
    expect(page.get_by_role("heading", name="Privacy and Cookies")).to_be_visible()


def section_toggle(page, heading):
    region = page.get_by_role("region", name=f"Section {heading}", exact=True)
    return region.get_by_role("button", name="Toggle section").first


def form_height(page):
    """How far the editor scrolls: the height of the admin's scrolling content."""
    return page.locator("main").evaluate("main => main.scrollHeight")


def save_bar(page):
    return page.locator("footer").filter(
        has=page.get_by_role("button", name="Save draft")
    )


def wait_until_still(page):
    """Wagtail's editor scrolls smoothly: wait until it has stopped moving."""
    page.evaluate("() => { delete window.lastScrollTop; }")
    page.wait_for_function(
        """() => {
            const top = document.querySelector("main").scrollTop;
            const still = window.lastScrollTop === top;
            window.lastScrollTop = top;
            return still;
        }""",
        polling=250,
    )


def bottom(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"]


def test_the_sections_start_collapsed_under_their_headings(open_page, people):
    with signed_in(open_page, people["editor"]) as page:
        open_policy_editor(page)

        for heading in HEADINGS:
            toggle = section_toggle(page, heading)
            expect(toggle).to_have_attribute("aria-expanded", "false")
            region = page.get_by_role("region", name=f"Section {heading}", exact=True)
            expect(region.get_by_text(heading, exact=True).first).to_be_visible()
        assert form_height(page) < SHORT_FORM

        # At the end of the form, the last section clears the save bar.
        last = section_toggle(page, HEADINGS[-1])
        page.locator("main").evaluate("main => main.scrollTo(0, main.scrollHeight)")
        wait_until_still(page)
        expect(last).to_be_in_viewport()
        assert bottom(last) <= save_bar(page).bounding_box()["y"]

        # Opening a section shows its fields; its cookies are listed by name.
        section = block(page, "Section Use of Cookies")
        expect(section.get_by_label(re.compile("^Heading"))).to_have_value(
            "Use of Cookies"
        )
        table = block(section, "Cookie table Google Analytics")
        expect(
            table.get_by_role("region", name="Cookie _ga", exact=True)
        ).to_be_visible()


def test_the_change_question_comes_before_the_sections(open_page, people):
    with signed_in(open_page, people["editor"]) as page:
        open_policy_editor(page)

        major = page.get_by_role("radio", name=re.compile("^Major change"))
        expect(major).to_be_in_viewport()
        expect(
            page.get_by_role("textbox", name="Change note", exact=True)
        ).to_be_in_viewport()
        first_section = page.get_by_role(
            "region", name=f"Section {HEADINGS[0]}", exact=True
        )
        assert major.bounding_box()["y"] < first_section.bounding_box()["y"]


# 700 pixels high, the note sits behind the save bar until the form scrolls.
@pytest.mark.parametrize("screen_height", [1000, 700])
def test_the_save_bar_does_not_cover_the_change_note(open_page, people, screen_height):
    with signed_in(open_page, people["editor"]) as page:
        page.set_viewport_size({"width": 1280, "height": screen_height})
        open_policy_editor(page)
        page.get_by_role("radio", name=re.compile("^Major change")).check()
        note = page.get_by_role("textbox", name="Change note", exact=True)

        note.focus()
        note.type("We now use Cloudflare.")

        expect(note).to_be_focused()
        wait_until_still(page)
        header = page.locator("header").filter(has_text="Privacy and Cookies").first
        assert bottom(note) <= save_bar(page).bounding_box()["y"]
        assert note.bounding_box()["y"] >= bottom(header)


def test_a_mistake_in_a_collapsed_section_opens_it(open_page, people, screenshot):
    with signed_in(open_page, people["editor"]) as page:
        open_policy_editor(page)
        section = block(page, "Section Use of Cookies")
        table = block(section, "Cookie table Google Analytics")
        block(table, "Cookie _ga").get_by_label("How long it lasts").fill("")
        section_toggle(page, "Use of Cookies").click()
        expect(section_toggle(page, "Use of Cookies")).to_have_attribute(
            "aria-expanded", "false"
        )
        page.get_by_role("radio", name=re.compile("^Minor change")).check()
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Policy approval").click()

        expect(
            page.get_by_role("status").get_by_text(
                "The page could not be saved due to validation errors"
            )
        ).to_be_visible()
        error = page.get_by_text("Say how long this cookie lasts.", exact=True)
        error.scroll_into_view_if_needed()
        expect(error).to_be_visible()
        expect(error).to_be_in_viewport()
        # The section, its cookie table and the cookie are open again.
        for region in (
            page.get_by_role("region", name="Section Use of Cookies", exact=True),
            page.get_by_role("region", name="Cookie table Google Analytics"),
            page.get_by_role("region", name="Cookie _ga", exact=True),
        ):
            expect(
                region.get_by_role("button", name="Toggle section").first
            ).to_have_attribute("aria-expanded", "true")
        expect(
            page.get_by_role("region", name="Cookie _ga", exact=True).get_by_label(
                "How long it lasts"
            )
        ).to_have_value("")
        # The sections without a mistake stay collapsed.
        expect(section_toggle(page, HEADINGS[0])).to_have_attribute(
            "aria-expanded", "false"
        )
        screenshot(page, "admin-policy-editor-error-opens-its-section")


def test_words_and_seconds_that_disagree_are_pointed_out_on_the_cookie(
    open_page, people
):
    with signed_in(open_page, people["editor"]) as page:
        open_policy_editor(page)
        section = block(page, "Section Use of Cookies")
        table = block(section, "Cookie table Google Analytics")
        cookie = block(table, "Cookie _ga")
        expect(cookie.get_by_label("Lifetime in seconds")).to_have_value("63072000")
        cookie.get_by_label("How long it lasts").fill("13 months")
        page.get_by_role("radio", name=re.compile("^Minor change")).check()
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Policy approval").click()

        expect(
            page.get_by_role("status").get_by_text(
                "The page could not be saved due to validation errors"
            )
        ).to_be_visible()
        cookie = page.get_by_role("region", name="Cookie _ga", exact=True)
        error = cookie.get_by_text(
            "63072000 seconds is not “13 months”, which is between 33928200 and "
            "34446600 seconds: correct the number or the words.",
            exact=True,
        )
        error.scroll_into_view_if_needed()
        expect(error).to_be_in_viewport()
        # The editor gives the number the words mean, and the change goes through.
        cookie.get_by_label("Lifetime in seconds").fill("34214400")
        page.get_by_role("radio", name=re.compile("^Minor change")).check()
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Policy approval").click()
        expect(
            page.get_by_role("status").get_by_text(
                "Page 'Privacy and Cookies' has been submitted for moderation."
            )
        ).to_be_visible()
