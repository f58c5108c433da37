"""A change to the cookie policy, from an editor's keyboard to a French reader's screen.

Four people, each in a browser of their own, do what the admin offers them:
an editor changes how long the `_ga` cookie lasts and submits it, an approver
calls it a major change, writes the note, makes it an exception to the notice
period and approves it, a translator sees the French policy waiting on the
dashboard and translates the new strings in wagtail-localize's editor, and a visitor reads the French policy. After every
step the test checks what these people see, and saves a screenshot in
artifacts/screenshots/.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.admin_forms import MAJOR_CHANGE_NOTE, MAJOR_CHANGE_NOTE_FR
from tests.browser.admin import (
    admin_message,
    change_ga_to_13_months,
    ga_duration_field,
    open_action_menu,
    signed_in,
)
from tests.browser.policy_pages import (
    english_ga_duration,
    french_behind_notice,
    french_ga_duration,
    in_english,
    last_updated,
    visitor,
)
from tests.pages import in_french

NOTE_EN = MAJOR_CHANGE_NOTE
NOTE_FR = MAJOR_CHANGE_NOTE_FR


def today_in_london():
    # The site's TIME_ZONE: readers are told the date of the change in Swindon.
    return datetime.datetime.now(ZoneInfo("Europe/London")).date()


# What people see --------------------------------------------------------------


def string_segment(page, source):
    """The item of localize's editor where `source` is translated.

    Segments are list items inside the list item of their block, so it is the
    innermost one showing the English text.
    """
    shows_source = page.get_by_text(source, exact=True)
    items = page.get_by_role("listitem").filter(has=shows_source)
    return items.filter(has_not=page.get_by_role("listitem").filter(has=shows_source))


def translate(page, source, translation):
    segment = string_segment(page, source)
    segment.get_by_role("button", name="Traduire").click()
    segment.get_by_role("textbox").fill(translation)
    segment.get_by_role("button", name="Enregistrer").click()
    # The "translated manually" note comes back from the server once it is stored.
    expect(segment).to_contain_text("Traduit manuellement")
    expect(segment.get_by_text(translation, exact=True)).to_be_visible()


def awaiting_review(page):
    return page.get_by_role("region", name="Awaiting your review")


# The test ------------------------------------------------------------------


def test_a_change_reaches_french_readers(open_page, people, screenshot):
    # 1. The editor changes the duration and submits it for approval.
    with signed_in(open_page, people["editor"]) as page:
        page.goto("/admin/pages/")
        page.get_by_role("link", name="Privacy and Cookies", exact=True).click()
        expect(ga_duration_field(page)).to_have_value("2 years")
        change_ga_to_13_months(page)
        # A new number looks like a detail to the editor; the approver decides
        # what readers are told (step 2).
        page.get_by_role("radio", name=re.compile("^Minor change")).check()
        open_action_menu(page)
        # Editors cannot publish: their only way forward is the approval workflow.
        expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
        page.get_by_role("button", name="Submit to Policy approval").click()

        expect(
            admin_message(
                page, "Page 'Privacy and Cookies' has been submitted for moderation."
            )
        ).to_be_visible()
        expect(page.get_by_text("Live + in moderation")).to_be_visible()
        screenshot(page, "workflow-1-editor-submitted")

    with visitor(open_page) as page:
        expect(english_ga_duration(page)).to_have_text("2 years")

    # 2. The approver makes it a major change with a note, and approves it.
    with signed_in(open_page, people["approver"]) as page:
        awaiting_review(page).get_by_role("link", name="Privacy and Cookies").click()
        expect(ga_duration_field(page)).to_have_value("13 months")
        # The approver sees the editor's answer, and decides otherwise.
        expect(
            page.get_by_role("radio", name=re.compile("^Minor change"))
        ).to_be_checked()
        page.get_by_role("radio", name=re.compile("^Major change")).check()
        page.get_by_role("textbox", name="Change note", exact=True).fill(NOTE_EN)
        # The notice readers are given shows at once, with a go-live date that
        # gives it; the approver makes this change an exception, live at once.
        expect(
            page.get_by_text(re.compile("^Readers are told of a major change 30"))
        ).to_be_visible()
        page.get_by_role("checkbox", name="Publish with less notice").check()
        open_action_menu(page)
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
        expect(
            admin_message(page, "Approved: “Privacy and Cookies” is published.")
        ).to_be_visible()

        expect(page.get_by_text("Live + in moderation")).to_have_count(0)
        screenshot(page, "workflow-2-approver-approved")

    published_on = today_in_london()
    with visitor(open_page) as page:
        expect(english_ga_duration(page)).to_have_text("13 months")
        expect(
            page.get_by_text(last_updated("Last updated", in_english(published_on)))
        ).to_be_visible()
        # French readers are told that the English changed, and still read the old text.
        expect(french_ga_duration(page)).to_have_text("2 ans")
        expect(french_behind_notice(page)).to_contain_text(
            f"modifiée le {in_french(published_on)}"
        )
        # The French date stays that of the seed's only version until the French catches up.
        expect(
            page.get_by_text(last_updated("Dernière mise à jour", "23 janvier 2018"))
        ).to_be_visible()

    # 3. The translator finds the French policy waiting and translates what changed.
    with signed_in(open_page, people["translator"]) as page:
        waiting = page.get_by_role("region", name="Traductions à mettre à jour")
        row = waiting.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name="Confidentialité et Cookies")
        )
        expect(row.get_by_role("cell")).to_have_text(
            ["Français", "2 chaînes à traduire"]
        )
        row.get_by_role("link", name="Confidentialité et Cookies").click()

        translate(page, "13 months", "13 mois")
        translate(page, NOTE_EN, NOTE_FR)
        # localize labels it "Publish in <language>" ("Publier dans…" in French).
        page.get_by_role("button", name=re.compile(r"^Publier")).click()
        expect(
            admin_message(
                page, "Confidentialité et Cookies » a été publié(e) en français."
            )
        ).to_be_visible()
        screenshot(page, "workflow-3-translator-published")

        page.goto("/admin/")
        expect(waiting).to_have_count(0)

    # 4. A visitor reads the French policy: the new duration, dated today.
    with visitor(open_page) as page:
        expect(french_ga_duration(page)).to_have_text("13 mois")
        expect(
            page.get_by_text(
                last_updated("Dernière mise à jour", in_french(published_on))
            )
        ).to_be_visible()
        expect(french_behind_notice(page)).to_have_count(0)
        screenshot(page, "workflow-4-visitor-french-policy")

        page.get_by_role("link", name="Voir toutes les mises à jour").first.click()
        expect(page.get_by_text(NOTE_FR)).to_be_visible()
