"""The admin works under its Content-Security-Policy, with no script allowed inline or by eval.

An administrator walks the admin's main screens in Chromium (the dashboard, the
page explorer, the policy's editor with its rich text and live preview, the
workflow's history, Settings → Lockouts, images, documents, users, the
account page, reports) and the French translator opens wagtail-localize's
translation editor. The browser reports every Content-Security-Policy
violation on its console; there must be none.
"""

import re

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from tests.browser.admin import Person
from tests.localize_urls import localize_url
from tests.pages import english_policy

ADMIN_SCREENS = [
    "/admin/",
    "/admin/lockouts/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/account/",
    "/admin/reports/locked/",
    "/admin/reports/site-history/",
    "/admin/workflows/list/",
    "/admin/locales/",
    "/admin/snippets/",
]


@pytest.fixture
def administrator(people):
    username = "administrator"
    password = f"{username}-Pa55word!"
    get_user_model().objects.create_superuser(
        username, f"{username}@example.com", password
    )
    person = Person(username, password)
    person.policy_id = english_policy().pk
    return person


def watched(page):
    """The page, recording each violation the browser reports (in any frame)."""
    page.csp_violations = []
    page.script_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.csp_violations.append(f"{page.url}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    return page


def sign_in(page, person):
    page.goto("/admin/")
    page.get_by_label("Username").fill(person.username)
    page.get_by_label("Password").fill(person.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=person.username, exact=True)).to_be_visible()


def test_the_admin_s_screens_break_no_rule_of_its_policy(administrator, open_page):
    page = watched(open_page("en-GB"))
    try:
        sign_in(page, administrator)
        for address in ADMIN_SCREENS:
            response = page.goto(address)
            assert response.status == 200, address
            assert "'unsafe-eval'" not in response.headers["content-security-policy"]
            page.wait_for_load_state("networkidle")

        # The calendars of the date filter (from and to), which Wagtail sets up
        # with inline scripts of its own (here: access/static/access/admin-date-choosers.js).
        page.goto("/admin/reports/site-history/")
        expect(page.locator(".xdsoft_datetimepicker")).to_have_count(2)

        # The policy's place in the page explorer, and its editor: a section
        # opened, its rich text typed in.
        page_id = administrator.policy_id
        page.goto(f"/admin/pages/{page_id}/")
        page.wait_for_load_state("networkidle")
        page.goto(f"/admin/pages/{page_id}/edit/")
        expect(page.get_by_role("heading", name="Privacy and Cookies")).to_be_visible()
        region = page.get_by_role("region", name=re.compile(r"^Section ")).first
        region.get_by_role("button", name="Toggle section").first.click()
        editor = region.locator("[contenteditable=true]").first
        editor.click()
        page.keyboard.type(" More.")
        # The live preview, in its side panel.
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.locator("body")).to_contain_text("Privacy and Cookies")
        page.wait_for_load_state("networkidle")
        # The page's history, its workflow's history, and the form that asks
        # for a translation into another language (wagtail-localize).
        for address in (
            f"/admin/pages/{page_id}/history/",
            f"/admin/pages/{page_id}/workflow_history/",
            localize_url("submit_page_translation", page_id),
        ):
            page.goto(address)
            page.wait_for_load_state("networkidle")

        # The user bar of a signed-in editor on the public page.
        page.goto("/en/privacy-and-cookies/")
        expect(
            page.get_by_role("button", name="View Wagtail quick actions")
        ).to_be_visible()
    finally:
        page.context.close()

    assert page.csp_violations == [], "\n".join(page.csp_violations)
    assert page.script_errors == [], "\n".join(page.script_errors)


def test_the_translation_editor_breaks_no_rule_of_the_policy(open_page, people):
    translator = people["translator"]
    page = watched(open_page("en-GB"))
    try:
        sign_in(page, translator)
        page.get_by_role("region", name="Traductions à jour").get_by_role(
            "link", name="Confidentialité et Cookies", exact=True
        ).click()
        expect(
            page.get_by_role("heading", name="Traduction : Anglais → Français")
        ).to_be_visible()
        page.wait_for_load_state("networkidle")
    finally:
        page.context.close()

    assert page.csp_violations == [], "\n".join(page.csp_violations)
    assert page.script_errors == [], "\n".join(page.script_errors)
