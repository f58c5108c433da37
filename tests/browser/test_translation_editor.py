"""The French translator, in wagtail-localize's editor: every string says where it sits, in French.

The editor is drawn in the browser by localize's React app, so what it shows
(labels, buttons, notes, title) is only seen here, not in the HTML the server
sends.
"""

import re

import pytest
from playwright.sync_api import expect

from access.roles import TRANSLATORS
from tests.browser.admin import person_in, signed_in

ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
)


def string_segment(page, source):
    """The innermost item of the editor's list that shows the English `source`."""
    shows_source = page.get_by_text(source, exact=True)
    items = page.get_by_role("listitem").filter(has=shows_source)
    return items.filter(has_not=page.get_by_role("listitem").filter(has=shows_source))


def test_the_translator_sees_where_each_string_sits(open_page, people, screenshot):
    translator = people["translator"]
    page = open_page("en-GB")
    try:
        page.goto("/admin/")
        page.get_by_label("Username").fill(translator.username)
        page.get_by_label("Password").fill(translator.password)
        page.get_by_role("button", name="Sign in").click()

        # Nothing is waiting: the dashboard says so and leads to each French page.
        up_to_date = page.get_by_role("region", name="Traductions à jour")
        expect(up_to_date).to_contain_text("Français : toutes les pages sont à jour.")
        up_to_date.get_by_role(
            "link", name="Confidentialité et Cookies", exact=True
        ).click()

        duration = string_segment(page, "2 years")
        expect(duration).to_contain_text(
            "Tableau de cookies : Google Analytics › Cookie : _ga › "
            "Durée de conservation"
        )
        expect(string_segment(page, "24 hours")).to_contain_text(
            "Cookie : _gid › Durée de conservation"
        )
        cookie_block = page.get_by_role("listitem").filter(has=duration).first
        expect(cookie_block).to_contain_text("Section : Use of Cookies")

        link = string_segment(page, "https://www.allaboutcookies.org/")
        expect(link).to_contain_text("Texte › Adresse du lien")
        expect(link).to_contain_text("Identique à l’original (Anglais)")

        expect(
            page.get_by_role("heading", name="Traduction : Anglais → Français")
        ).to_be_visible()
        expect(
            page.get_by_role("button", name="Publier dans la langue : français")
        ).to_be_visible()
        expect(duration).to_contain_text(re.compile(r"Traduit manuellement le \d"))

        text = page.locator("body").inner_text()
        assert "English to Français" not in text
        assert " to Français translation" not in text
        assert "Utiliser la version" not in text
        assert "dansFrançais" not in text
        assert ENGLISH_MONTHS.findall(text) == []
        screenshot(page, "translator-editor-fr")
        duration.scroll_into_view_if_needed()
        screenshot(page, "translator-editor-fr-cookie-durations")
    finally:
        page.context.close()


@pytest.fixture
def english_translator(people):
    return person_in(TRANSLATORS, "english-translator", admin_language="en")


def test_the_english_admin_shows_the_translation_editor(english_translator, open_page):
    """The title is already in the user's language: nothing to rewrite, and the page
    must not keep rewriting it (it hung there, drawing nothing)."""
    with signed_in(open_page, english_translator) as page:
        page.get_by_role("region", name="Translations up to date").get_by_role(
            "link", name="Confidentialité et Cookies", exact=True
        ).click()

        expect(
            page.get_by_role("heading", name="English to French translation")
        ).to_be_visible()
        expect(string_segment(page, "2 years")).to_contain_text(
            "Cookie table: Google Analytics › Cookie: _ga › How long it lasts"
        )
        expect(page.get_by_role("button", name="Publish in French")).to_be_visible()
