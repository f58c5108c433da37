"""The notice period, up front: picking “Major change” shows the rule at once and sets the
go-live date to the earliest day that respects it, so that the first submission goes
through; “Publish with less notice” stays for the exceptions. In the English and the
French admin, in Chromium."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from access.roles import EDITORS
from tests.admin_forms import MAJOR_CHANGE_NOTE
from tests.browser.admin import (
    admin_message,
    change_ga_to_13_months,
    open_action_menu,
    person_in,
    signed_in,
)
from tests.browser.policy_pages import in_english
from tests.pages import in_french

NOTICE_DAYS = 30


def earliest_go_live():
    """30 days after today in Swindon (the site's time zone), at midnight."""
    today = datetime.datetime.now(ZoneInfo("Europe/London")).date()
    return today + datetime.timedelta(days=NOTICE_DAYS)


def open_policy_editor(page):
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Privacy and Cookies", exact=True).click()


def go_live_field(page):
    # In the Status panel's “Set schedule” dialog; its value is what is sent.
    return page.locator('input[name="go_live_at"]')


def test_a_major_change_is_given_its_notice_and_goes_through_first_time(
    open_page, people, screenshot
):
    earliest = earliest_go_live()
    with signed_in(open_page, people["editor"]) as page:
        open_policy_editor(page)
        change_ga_to_13_months(page)
        rule = page.get_by_text(re.compile("^Readers are told of a major change 30"))
        expect(rule).to_have_count(0)

        page.get_by_role("radio", name=re.compile("^Major change")).check()

        expect(rule).to_have_text(
            "Readers are told of a major change 30 days before it takes effect: its "
            f"go-live date (“Set schedule” in the Status panel) is {in_english(earliest)} "
            f"or later. It is set to {in_english(earliest)} for you; a later date is "
            "fine too. For an exception, tick “Publish with less notice”."
        )
        expect(go_live_field(page)).to_have_value(f"{earliest:%Y-%m-%d} 00:00")
        page.get_by_role("textbox", name="Change note", exact=True).fill(
            MAJOR_CHANGE_NOTE
        )
        rule.scroll_into_view_if_needed()
        screenshot(page, "notice-period-1-editor-picks-major")

        open_action_menu(page)
        page.get_by_role("button", name="Submit to Policy approval").click()

        # No “Publish with less notice” step: submitted at the first attempt.
        expect(
            admin_message(
                page, "Page 'Privacy and Cookies' has been submitted for moderation."
            )
        ).to_be_visible()
        screenshot(page, "notice-period-2-editor-submitted")


def test_less_notice_and_minor_changes_take_the_date_back(open_page, people):
    earliest = earliest_go_live()
    with signed_in(open_page, people["editor"]) as page:
        open_policy_editor(page)
        major = page.get_by_role("radio", name=re.compile("^Major change"))
        less_notice = page.get_by_role("checkbox", name="Publish with less notice")
        rule = page.get_by_text(re.compile("^Readers are told of a major change 30"))
        proposed = f"{earliest:%Y-%m-%d} 00:00"

        major.check()
        expect(go_live_field(page)).to_have_value(proposed)

        # The exception: live as soon as it is approved, so no date is proposed.
        less_notice.check()
        expect(go_live_field(page)).to_have_value("")
        expect(rule).to_have_text(re.compile(f"is {in_english(earliest)} or later.$"))
        less_notice.uncheck()
        expect(go_live_field(page)).to_have_value(proposed)

        page.get_by_role("radio", name=re.compile("^Minor change")).check()
        expect(go_live_field(page)).to_have_value("")
        expect(rule).to_be_hidden()


@pytest.fixture
def french_editor(people):
    return person_in(EDITORS, "editrice", admin_language="fr")


def test_the_french_admin_gives_the_rule_in_french(
    french_editor, open_page, screenshot
):
    earliest = earliest_go_live()
    with signed_in(open_page, french_editor) as page:
        open_policy_editor(page)
        page.get_by_role("radio", name=re.compile("^Modification majeure")).check()

        rule = page.get_by_text(re.compile("^Les lecteurs sont prévenus .* 30 jours"))
        expect(rule).to_have_text(
            "Les lecteurs sont prévenus d’une modification majeure 30 jours avant son "
            "entrée en vigueur\u00a0: sa date de mise en ligne («\u00a0Programmer\u00a0» "
            f"dans le panneau Statut) est le {in_french(earliest)} ou plus tard. "
            f"Elle est fixée au {in_french(earliest)} pour vous\u202f; une date plus "
            "tardive convient aussi. Pour une exception, cochez «\u00a0Publier avec un "
            "préavis plus court\u00a0»."
        )
        expect(go_live_field(page)).to_have_value(f"{earliest:%Y-%m-%d} 00:00")
        rule.scroll_into_view_if_needed()
        screenshot(page, "notice-period-3-editor-picks-major-fr")
