"""Browser tests: a live server, the seeded site, people in each role, and Chromium.

Playwright's sync API keeps an asyncio event loop running in the test's thread,
and Django refuses database queries from a thread with a running loop. So every
database write (seed, users) happens in fixtures set up before the browser
starts, and the tests only look at what people see in the browser.
"""

import io
from pathlib import Path

from django.core.management import call_command

from wagtail.rich_text import RichText

import pytest
from playwright.sync_api import expect, sync_playwright

from access.roles import APPROVERS, EDITORS, TRANSLATORS
from tests.admin_forms import set_cookie_duration
from tests.browser import company_site
from tests.browser.admin import person_in
from tests.browser.chromium import LAUNCH, SCREENSHOTS, TIMEOUT_MS
from tests.pages import english_policy

BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test in this folder drives Chromium: marked `browser` (-m browser, -m "not browser")."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def people(live_server, transactional_db):
    """The seeded site and one person per role, committed so the live server sees them.

    seed_site runs in autocommit here, as in production: wagtail-localize
    publishes the French pages on commit. pytest-django empties the database
    after each live-server test; seed_site builds the site again from nothing,
    and changes nothing if the session seed is still there.
    """
    call_command("seed_site", stdout=io.StringIO())
    return {
        "editor": person_in(EDITORS, "editor"),
        "approver": person_in(APPROVERS, "approver"),
        # Translators work in French, so their admin speaks French.
        "translator": person_in(TRANSLATORS, "translator", admin_language="fr"),
    }


@pytest.fixture
def browser(people):
    """Debian's Chromium, started once the database is ready (see the module docstring)."""
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**LAUNCH)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server):
    """Opens a page in a new browser context: cookies of its own, so nobody is signed in."""

    def open_page(locale, bypass_csp=False):
        # bypass_csp lets a test inject its own checking script (axe-core);
        # the page's Content-Security-Policy is otherwise enforced.
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            timezone_id="Europe/London",
            viewport={"width": 1280, "height": 1000},
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    return open_page


@pytest.fixture
def screenshot():
    """Saves what a page shows as artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        # Transitions finished, so that the admin's message has slid fully into view.
        page.screenshot(
            path=SCREENSHOTS / f"{name}.png", full_page=True, animations="disabled"
        )

    return take


# The consent banner's visitors: a company site of another origin that embeds
# it, and browsers visiting it (each noting what its Content-Security-Policy refused).
@pytest.fixture
def company(people, live_server, settings):
    server = company_site.serve(live_server.url)
    settings.CONSENT_ALLOWED_ORIGINS = [server.origin]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def visitor(browser):
    contexts = []

    def visitor(locale="en-GB", width=1280, **options):
        context = browser.new_context(
            locale=locale, viewport={"width": width, "height": 800}, **options
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and page.csp_violations.append(message.text)
            ),
        )
        return page

    yield visitor
    for context in contexts:
        context.close()


# The English policy changed in two places far apart: the `_ga` cookie's
# duration near the top and the first paragraph of “Changes to This Privacy
# Notice” near the end. The French has two strings to translate.
CHANGED_STRINGS = {
    "13 months": "13 mois",
    "We keep our privacy notice under regular review, at least once a year.": (
        "Nous revoyons régulièrement notre avis de confidentialité, au moins une "
        "fois par an."
    ),
}


@pytest.fixture
def english_changed(people):
    """Publishes the change above, before the browser starts (see the module docstring)."""
    policy = english_policy()
    set_cookie_duration(policy, "_ga", "13 months")
    section = next(
        block
        for block in policy.body
        if block.value["heading"] == "Changes to This Privacy Notice"
    )
    section.value["content"][0].value = RichText(
        "<p>We keep our privacy notice under regular review, at least once a year.</p>"
    )
    policy.save_revision().publish()
    return CHANGED_STRINGS
