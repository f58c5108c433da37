"""Approvers see first what a change changes for readers, and are told what their decision
did: the way they go from their dashboard, in Chromium, in the English and the French admin.

An editor has submitted a major change: `_ga` lasts 13 months instead of 2 years.
"""

import uuid

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from access.roles import APPROVERS
from tests.admin_forms import MAJOR_CHANGE_NOTE, set_cookie_duration
from tests.browser.admin import admin_message, person_in, signed_in
from tests.browser.policy_pages import english_ga_duration, visitor
from tests.pages import english_policy


@pytest.fixture
def change_awaiting_review(people):
    """The editor's major change, submitted to the Policy approval workflow.

    Written before the browser starts (tests/browser/conftest.py says why).
    """
    editor = get_user_model().objects.get(username="editor")
    policy = english_policy()
    set_cookie_duration(policy, "_ga", "13 months")
    policy.change_key = uuid.uuid4()
    policy.change_note = MAJOR_CHANGE_NOTE
    policy.save_revision(user=editor)
    policy.get_workflow().start(policy, editor)


@pytest.fixture
def french_approver(people):
    return person_in(APPROVERS, "approbatrice", admin_language="fr")


def test_the_approver_compares_first_then_approves_from_the_dashboard(
    change_awaiting_review, open_page, people, screenshot
):
    with signed_in(open_page, people["approver"]) as page:
        review = page.get_by_role("region", name="Awaiting your review")
        review.get_by_role("button", name="Actions").click()
        review.get_by_role("link", name="Compare with live version").click()

        # What readers will see change comes first: the cookie, by what changed.
        main = page.get_by_role("main")
        expect(main.get_by_role("heading", level=2).first).to_have_text(
            "What changes for readers"
        )
        expect(main.get_by_role("heading", level=3).first).to_have_text(
            "Use of Cookies"
        )
        cookie = page.get_by_role("table", name="Cookie changes: Google Analytics")
        expect(cookie.get_by_role("row").nth(1)).to_have_text(
            "_ga Changed How long it lasts: was: 2 years → now: 13 months",
            use_inner_text=True,
        )
        every_field = page.get_by_role(
            "heading", name="Every field, as Wagtail compares them"
        )
        assert cookie.bounding_box()["y"] < every_field.bounding_box()["y"]
        screenshot(page, "review-1-approver-compares-first")

        # Wagtail's comparison of every field is still there, one link away.
        page.get_by_role("link", name="Every field, as Wagtail compares them").click()
        expect(every_field).to_be_in_viewport()
        expect(page.get_by_role("cell", name="Change note:")).to_be_visible()

        page.goto("/admin/")
        review.get_by_role("button", name="Actions").click()
        review.get_by_role("button", name="Approve", exact=True).click()

        expect(
            admin_message(page, "Approved: “Privacy and Cookies” is published.")
        ).to_be_visible()
        expect(review).to_have_count(0)
        screenshot(page, "review-2-approver-approved")

    with visitor(open_page) as page:
        expect(english_ga_duration(page)).to_have_text("13 months")


def test_the_french_approver_opens_the_change_and_requests_changes(
    change_awaiting_review, french_approver, open_page, screenshot
):
    with signed_in(open_page, french_approver) as page:
        review = page.get_by_role("region", name="En attente de votre vérification")
        review.get_by_role("link", name="Privacy and Cookies").click()

        # The editor says the change awaits her, and leads to what it changes.
        awaits = admin_message(page, "Cette modification attend votre relecture")
        expect(awaits).to_be_visible()
        page.get_by_role("status").get_by_role("link", name="Ce qui change").click()
        expect(
            page.get_by_role("main").get_by_role("heading", level=2).first
        ).to_have_text("Ce qui change pour les lecteurs")
        expect(
            page.get_by_role(
                "table", name="Modifications des cookies : Google Analytics"
            )
        ).to_be_visible()
        screenshot(page, "review-3-approver-compares-first-fr")

        page.go_back()
        page.get_by_role("button", name="Plus d'actions").click()
        page.get_by_role("button", name="Demander des modifications").click()
        dialog = page.get_by_role("dialog")
        dialog.get_by_role("textbox").fill("Dites pourquoi dans la note.")
        dialog.get_by_role("button", name="Demander des modifications").click()

        expect(
            admin_message(
                page,
                "Modifications demandées\u00a0: «\u00a0Privacy and Cookies\u00a0» "
                "retourne à son rédacteur, et rien n’a été publié.",
            )
        ).to_be_visible()
        screenshot(page, "review-4-approver-requested-changes-fr")

    with visitor(open_page) as page:
        expect(english_ga_duration(page)).to_have_text("2 years")
