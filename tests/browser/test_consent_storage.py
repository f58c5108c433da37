"""Withdrawing consent clears what the refused categories keep in web storage too.

The policy declares two keys of Google Analytics, `ga_state` in localStorage
and `ga_tab` in sessionStorage; the company site's page (/storage) keeps them
from a script marked for the analytics category, and keeps `site_theme`,
which no table declares, from its own.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import TIMEOUT_MS
from tests.browser.company_site import banner
from tests.pages import english_policy
from tests.storage_keys import GOOGLE_STORAGE, declare
from tests.waiting import wait_until


@pytest.fixture
def storage_declared(people):
    """The keys declared and published before the browser starts (tests/browser/conftest.py)."""
    declare(english_policy(), GOOGLE_STORAGE)


def web_storage(page):
    return page.evaluate(
        "() => ({local: Object.keys(localStorage).sort(),"
        " session: Object.keys(sessionStorage).sort()})"
    )


def answer(page, button_name):
    with page.expect_response("**/consent/records/") as response:
        banner(page).get_by_role("button", name=button_name).click()
    return response.value


def test_withdrawal_removes_the_declared_keys_and_leaves_the_others(
    storage_declared, company, visitor
):
    page = visitor()
    page.goto(company.url("/storage"))
    expect(banner(page)).to_be_visible()
    assert web_storage(page) == {"local": ["site_theme"], "session": []}

    assert answer(page, "Accept all").status == 201
    stored = wait_until(
        lambda: web_storage(page)["session"] and web_storage(page),
        TIMEOUT_MS / 1000,
        "the analytics script kept its keys",
    )
    assert stored == {"local": ["ga_state", "site_theme"], "session": ["ga_tab"]}

    page.get_by_role("button", name="Privacy settings").click()
    expect(banner(page)).to_be_visible()
    assert answer(page, "Reject all").status == 201

    expect(banner(page)).to_be_hidden()
    assert web_storage(page) == {"local": ["site_theme"], "session": []}
    assert page.csp_violations == []
