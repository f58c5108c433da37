"""The consent banner in each language the site has, on company pages of that language."""

import pytest
from playwright.sync_api import expect

from tests.browser.company_site import banner, records
from tests.third_language import (
    GERMAN_CONSENT_INTRO,
    GERMAN_POLICY_PATH,
    add_german,
)


@pytest.fixture
def german(people, settings):
    """The site with German added, committed before the browser starts."""
    return add_german(settings)


def test_a_french_page_gets_the_banner_in_french(
    company, visitor, live_server, screenshot
):
    page = visitor(locale="en-GB")
    page.goto(company.url("/fr"))

    dialog = page.get_by_role("dialog", name="Les cookies de ce site")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("lang", "fr")
    expect(dialog).to_contain_text("Nous utilisons des cookies")
    expect(dialog.get_by_role("link", name="Son historique")).to_have_attribute(
        "href", f"{live_server.url}/fr/confidentialite-et-cookies/historique/"
    )
    dialog.get_by_role("button", name="Choisir").click()
    expect(dialog.get_by_role("switch", name="Mesure d’audience")).to_be_visible()
    expect(dialog).to_contain_text("Ils comptent les visites")
    screenshot(page, "consent-banner-fr-choices-desktop-1280")
    with page.expect_response("**/consent/records/"):
        dialog.get_by_role("button", name="Tout accepter").click()

    assert [(r["language"], r["choices"]) for r in records()] == [
        ("fr", {"analytics": True})
    ]


def test_a_german_page_gets_the_banner_in_german_once_the_site_has_german(
    german, company, visitor, live_server
):
    page = visitor(locale="en-GB")
    page.goto(company.url("/de"))

    # The policy's words in German; the banner's own, until a German
    # catalogue comes, in the source language.
    dialog = banner(page)
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("lang", "de")
    expect(dialog).to_contain_text(GERMAN_CONSENT_INTRO)
    expect(
        dialog.get_by_role("link", name="Privacy and cookie policy")
    ).to_have_attribute("href", f"{live_server.url}{GERMAN_POLICY_PATH}")
    with page.expect_response("**/consent/records/"):
        dialog.get_by_role("button", name="Reject all").click()

    assert [(r["language"], r["choices"]) for r in records()] == [
        ("de", {"analytics": False})
    ]
    assert page.csp_violations == []
