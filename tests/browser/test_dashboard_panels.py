"""The dashboard's panels as people see them in Chromium, in the English and the
French admin: each heading in line with what it heads; the policy in each
language for editors, approvers and administrators, one click from its editor."""

import re

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from access.roles import EDITORS, TRANSLATORS
from tests.browser.admin import Person, person_in, signed_in

TRANSLATIONS_BEHIND = {
    "fr": "Traductions à mettre à jour",
    "en": "Translations to bring up to date",
}


@pytest.fixture
def translators(people):
    return {
        "fr": people["translator"],
        "en": person_in(TRANSLATORS, "english-translator", admin_language="en"),
    }


def lines_up(region, heading_name):
    """The left edges of the panel's heading and of its content, in pixels."""
    heading = region.get_by_role("heading", name=heading_name, exact=True)
    content = region.locator(".w-panel__content > *").first
    return round(heading.bounding_box()["x"]), round(content.bounding_box()["x"])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_translators_panel_heading_lines_up_with_its_table(
    english_changed, translators, open_page, screenshot, language
):
    with signed_in(open_page, translators[language]) as page:
        name = TRANSLATIONS_BEHIND[language]
        panel = page.get_by_role("region", name=name)

        heading_x, content_x = lines_up(panel, name)

        assert heading_x == content_x, (
            f"the heading starts at {heading_x} px, its table at {content_x} px"
        )
        screenshot(page, f"translator-dashboard-{language}")


@pytest.fixture
def admin_person(people):
    username = "administrator"
    password = f"{username}-Pa55word!"
    get_user_model().objects.create_superuser(
        username, f"{username}@example.com", password
    )
    return Person(username, password)


@pytest.fixture
def french_editor(people):
    return person_in(EDITORS, "editrice", admin_language="fr")


def policy_row(page, panel_name, language):
    panel = page.get_by_role("region", name=panel_name)
    return panel.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=language, exact=True)
    )


def test_the_editor_starts_from_the_policy(
    english_changed, people, open_page, screenshot
):
    with signed_in(open_page, people["editor"]) as page:
        panel = page.get_by_role("region", name="Privacy and Cookies")
        expect(panel.get_by_role("table")).to_have_accessible_name(
            "“Privacy and Cookies” in each language"
        )
        english = policy_row(page, "Privacy and Cookies", "English")
        french = policy_row(page, "Privacy and Cookies", "French")
        expect(english.get_by_role("cell").first).to_have_text("Live")
        expect(french.get_by_role("cell").first).to_have_text(
            re.compile(r"Live\s+Translation behind: 2 strings to translate")
        )
        # Editors do not edit the French: they may read it.
        expect(french.get_by_role("link")).to_have_accessible_name("View live – French")
        heading_x, content_x = lines_up(panel, "Privacy and Cookies")
        assert heading_x == content_x
        screenshot(page, "editor-dashboard-en")

        # One click (here, a key) to Wagtail's editor of the English policy.
        edit = english.get_by_role("link", name="Edit – English")
        edit.focus()
        page.keyboard.press("Enter")
        expect(
            page.get_by_role("radio", name=re.compile("^Major change"))
        ).to_be_visible()
        assert re.search(r"/admin/pages/\d+/edit/$", page.url)


def test_the_french_admin_shows_the_policy_in_french(
    french_editor, open_page, screenshot
):
    with signed_in(open_page, french_editor) as page:
        panel_name = "Privacy and Cookies"
        anglais = policy_row(page, panel_name, "Anglais")
        francais = policy_row(page, panel_name, "Français")
        expect(anglais.get_by_role("cell").first).to_have_text("En ligne")
        expect(francais.get_by_role("cell").first).to_have_text("En ligne")
        expect(
            page.get_by_role("region", name=panel_name).get_by_role("columnheader")
        ).to_have_text(["Langue", "État", "Dernière publication", "Actions"])
        screenshot(page, "editor-dashboard-fr")

        anglais.get_by_role("link", name="Modifier – Anglais").click()
        expect(
            page.get_by_role("radio", name=re.compile("^Modification majeure"))
        ).to_be_visible()


def test_an_administrator_goes_to_the_translation_editor_in_one_click(
    english_changed, people, admin_person, open_page
):
    with signed_in(open_page, admin_person) as page:
        policy_row(page, "Privacy and Cookies", "French").get_by_role(
            "link", name="Edit – French"
        ).click()

        expect(
            page.get_by_role("heading", name="English to French translation")
        ).to_be_visible()
        expect(page.get_by_role("status").filter(has_text="to translate")).to_have_text(
            "2 strings to translate"
        )
