"""The translator goes from one string to translate to the next, with the keyboard,
in wagtail-localize's editor: from the dashboard's count straight to the first,
then to the next as each is saved, hearing which string it is and “1 of 2”.

The English policy changed in two places far apart (the fixture
`english_changed`): the `_ga` cookie's duration near the top, a paragraph
near the end of the editor's 80 strings.
"""

import pytest
from playwright.sync_api import expect

from access.roles import TRANSLATORS
from tests.browser.admin import admin_message, person_in, signed_in
from tests.waiting import wait_until

GA_DURATION = {
    "fr": "Section : Use of Cookies › Tableau de cookies : Google Analytics › "
    "Cookie : _ga › Durée de conservation",
    "en": "Section: Use of Cookies › Cookie table: Google Analytics › "
    "Cookie: _ga › How long it lasts",
}
REVIEW = {
    "fr": "Section : Changes to This Privacy Notice › Texte",
    "en": "Section: Changes to This Privacy Notice › Text",
}
REVIEW_SOURCE = "We keep our privacy notice under regular review, at least once a year."


def string_segment(page, source):
    """The innermost item of the editor's list that shows the English `source`."""
    shows_source = page.get_by_text(source, exact=True)
    items = page.get_by_role("listitem").filter(has=shows_source)
    return items.filter(has_not=page.get_by_role("listitem").filter(has=shows_source))


def in_view(page, field):
    """Whether the field shows between the editor's sticky header and the window's bottom."""
    box = field.bounding_box()
    header = page.locator("main .w-sticky.w-top-0").first.bounding_box()
    return header["y"] + header["height"] <= box["y"] and (
        box["y"] + box["height"] <= page.viewport_size["height"]
    )


def scrolled_to(page, field):
    """The admin scrolls smoothly: waits for the field to come into view."""
    wait_until(lambda: in_view(page, field), 10, "the field did not come into view")


def test_the_french_translator_goes_from_string_to_string_with_the_keyboard(
    english_changed, people, open_page, screenshot
):
    with signed_in(open_page, people["translator"]) as page:
        waiting = page.get_by_role("region", name="Traductions à mettre à jour")
        count = waiting.get_by_role("link", name="2 chaînes à traduire")
        count.focus()
        page.keyboard.press("Enter")

        # The first string's field is open, with focus in it, and says which string it is.
        first = page.get_by_role("textbox", name=GA_DURATION["fr"])
        expect(first).to_be_focused()
        expect(first).to_have_accessible_description(
            "Chaîne 1 sur 2 à traduire 13 months"
        )
        expect(page.get_by_role("status").filter(has_text="à traduire")).to_have_text(
            "2 chaînes à traduire"
        )
        scrolled_to(page, first)
        screenshot(page, "translator-first-string-to-translate-fr")

        page.keyboard.type(english_changed["13 months"])
        page.keyboard.press("Enter")

        # Saved: one left, and focus on the way to it.
        expect(page.get_by_role("status").filter(has_text="à traduire")).to_have_text(
            "1 chaîne à traduire"
        )
        following = page.get_by_role("button", name="Chaîne suivante à traduire")
        expect(following).to_be_focused()
        page.keyboard.press("Enter")

        second = page.get_by_role("textbox", name=REVIEW["fr"])
        expect(second).to_be_focused()
        expect(second).to_have_accessible_description(
            f"Chaîne 1 sur 1 à traduire {REVIEW_SOURCE}"
        )
        scrolled_to(page, second)
        screenshot(page, "translator-next-string-to-translate-fr")

        page.keyboard.type(english_changed[REVIEW_SOURCE])
        page.keyboard.press("Enter")

        expect(page.get_by_role("status").filter(has_text="traduites")).to_have_text(
            "Toutes les chaînes sont traduites."
        )
        expect(following).to_be_hidden()
        # Focus stays with the string just saved, on its button to edit it again.
        saved = string_segment(page, REVIEW_SOURCE)
        expect(saved.get_by_role("button", name="Modifier")).to_be_focused()

        page.get_by_role("button", name="Publier dans la langue : français").click()
        expect(admin_message(page, "a été publié(e) en français.")).to_be_visible()
        page.goto("/admin/")
        expect(waiting).to_have_count(0)


@pytest.fixture
def english_translator(people):
    return person_in(TRANSLATORS, "english-translator", admin_language="en")


def test_the_next_string_button_goes_round_the_strings_to_translate(
    english_changed, english_translator, open_page, screenshot
):
    with signed_in(open_page, english_translator) as page:
        page.get_by_role("region", name="Translations to bring up to date").get_by_role(
            "link", name="Confidentialité et Cookies"
        ).click()
        following = page.get_by_role("button", name="Next string to translate")
        expect(page.get_by_role("status").filter(has_text="to translate")).to_have_text(
            "2 strings to translate"
        )

        for place, position, source in (
            (GA_DURATION, "String 1 of 2 to translate", "13 months"),
            (REVIEW, "String 2 of 2 to translate", REVIEW_SOURCE),
            (GA_DURATION, "String 1 of 2 to translate", "13 months"),
        ):
            following.click()
            field = page.get_by_role("textbox", name=place["en"])
            expect(field).to_be_focused()
            expect(field).to_have_accessible_description(f"{position} {source}")
            expect(page.get_by_text(position, exact=True)).to_be_visible()
            scrolled_to(page, field)
        screenshot(page, "translator-next-string-to-translate-en")
