"""A major change announced before it takes effect, from the approver's admin to a visitor.

An approver changes how long the `_ga` cookie lasts, calls it a major change,
sets it to go live in 60 days and publishes it; a visitor then sees the
announcement on the English and French policy and reads the upcoming version.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.admin_forms import MAJOR_CHANGE_NOTE
from tests.browser.admin import (
    admin_message,
    change_ga_to_13_months,
    open_action_menu,
    signed_in,
)
from tests.browser.policy_pages import (
    EN_POLICY,
    FR_POLICY,
    english_ga_duration,
    in_english,
    visitor,
)
from tests.pages import in_french


def test_a_scheduled_major_change_is_announced_and_readable(
    open_page, people, screenshot
):
    go_live = datetime.datetime.now(ZoneInfo("Europe/London")).replace(
        hour=9, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=60)

    # 1. The approver makes the change and schedules it.
    with signed_in(open_page, people["approver"]) as page:
        page.goto("/admin/pages/")
        page.get_by_role("link", name="Privacy and Cookies", exact=True).click()
        change_ga_to_13_months(page)
        page.get_by_role("radio", name=re.compile("^Major change")).check()
        page.get_by_role("textbox", name="Change note", exact=True).fill(
            MAJOR_CHANGE_NOTE
        )
        page.get_by_role("button", name="Status").click()
        page.get_by_role("button", name="Set schedule").click()
        go_live_field = page.get_by_label("Go live date/time")
        expect(go_live_field).to_be_visible()
        go_live_field.fill(go_live.strftime("%Y-%m-%d %H:%M"))
        expect(go_live_field).to_have_value(go_live.strftime("%Y-%m-%d %H:%M"))
        # Typed, not picked: the date picker stays open over the button, which
        # a keyboard reaches all the same.
        save = page.get_by_role("button", name="Save schedule")
        save.focus()
        save.press("Enter")
        expect(admin_message(page, "has been updated")).to_be_visible()

        open_action_menu(page)
        page.get_by_role("button", name="Schedule to publish", exact=True).click()
        expect(admin_message(page, "has been scheduled for publishing")).to_be_visible()
        screenshot(page, "upcoming-1-approver-scheduled")

    # 2. A visitor is told of it, in English and in French, and reads it.
    with visitor(open_page) as page:
        page.goto(EN_POLICY)
        announcement = page.get_by_role("complementary").filter(
            has_text="A new version of this notice"
        )
        expect(announcement.get_by_role("heading")).to_have_text(
            f"A new version of this notice takes effect on {in_english(go_live)}"
        )
        expect(announcement).to_contain_text(MAJOR_CHANGE_NOTE)
        # Until then the policy is as it was.
        expect(english_ga_duration(page)).to_have_text("2 years")
        screenshot(page, "upcoming-2-visitor-announcement")

        page.goto(FR_POLICY)
        french = page.get_by_role("complementary").filter(
            has_text="Une nouvelle version de cet avis"
        )
        expect(french.get_by_role("heading")).to_have_text(
            "Une nouvelle version de cet avis entrera en vigueur le "
            f"{in_french(go_live)}"
        )
        expect(french).to_contain_text("Sa traduction n’est pas encore publiée.")
        french.get_by_role("link", name="Lire la nouvelle version en anglais").click()

        expect(page).to_have_url(re.compile(re.escape(EN_POLICY + "upcoming/") + "$"))
        expect(page.get_by_role("note")).to_contain_text(
            "This version of the policy is not yet in force."
        )
        expect(page.get_by_role("note")).to_contain_text(
            f"It takes effect on {in_english(go_live)}."
        )
        expect(
            page.get_by_role("table", name="Google Analytics cookies in detail")
            .get_by_role("row")
            .filter(has=page.get_by_role("rowheader", name="_ga", exact=True))
        ).to_contain_text("13 months")
        screenshot(page, "upcoming-3-visitor-upcoming-version")

        page.get_by_role("link", name="Compare it with the current version").click()
        expect(page.get_by_role("note")).to_contain_text(
            f"These changes take effect on {in_english(go_live)}"
        )
        expect(page.locator("ins").first).to_contain_text("13 months")
