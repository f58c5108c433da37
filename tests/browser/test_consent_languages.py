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


def providers_of(dialog, category):
    """Each provider listed under a category: its name, what it does, how long."""
    row = dialog.locator(".dmj-consent__category").filter(
        has=dialog.page.get_by_role("switch", name=category, exact=True)
    )
    expect(row.get_by_role("listitem").first).to_be_visible()
    return [
        (
            item.locator("strong").inner_text(),
            item.locator("span").first.inner_text().strip(),
            item.locator("span").last.inner_text(),
        )
        for item in row.get_by_role("listitem").all()
    ]


def lifetimes_of(dialog, category):
    """Each <time> of a category's providers: the words shown and its datetime."""
    row = dialog.locator(".dmj-consent__category").filter(
        has=dialog.page.get_by_role("switch", name=category, exact=True)
    )
    return [
        (time.inner_text(), time.get_attribute("datetime"))
        for time in row.locator(".dmj-consent__lasts time").all()
    ]


def test_who_sets_the_cookies_in_english_and_in_french(company, visitor):
    english = visitor(locale="en-GB")
    english.goto(company.url("/en"))
    dialog = banner(english)
    dialog.get_by_role("button", name="Choose").click()

    ((name, purpose, lasts),) = providers_of(dialog, "Analytics")
    assert name == "Google Analytics"
    assert purpose.startswith("These cookies are used to collect information")
    assert lasts == "_ga: 2 years, _gid: 24 hours, _gat_gtag_UA_951418_39: 1 minute"
    # Each lifetime in words, and in seconds for programs (an ISO 8601 duration).
    assert lifetimes_of(dialog, "Analytics") == [
        ("2 years", "PT63072000S"),
        ("24 hours", "PT86400S"),
        ("1 minute", "PT60S"),
    ]
    assert providers_of(dialog, "Strictly necessary")[0][0] == "Cloudflare"
    assert providers_of(dialog, "Strictly necessary")[0][2] == "_cfduid: 30 days"

    french = visitor(locale="en-GB")
    french.goto(company.url("/fr"))
    dialog = french.get_by_role("dialog", name="Les cookies de ce site")
    dialog.get_by_role("button", name="Choisir").click()

    ((name, purpose, lasts),) = providers_of(dialog, "Mesure d’audience")
    assert name == "Google Analytics"
    assert purpose.startswith("Ces cookies servent à recueillir des informations")
    assert lasts == "_ga : 2 ans, _gid : 24 heures, _gat_gtag_UA_951418_39 : 1 minute"
    assert lifetimes_of(dialog, "Mesure d’audience") == [
        ("2 ans", "PT63072000S"),
        ("24 heures", "PT86400S"),
        ("1 minute", "PT60S"),
    ]
    ((name, purpose, lasts),) = providers_of(dialog, "Strictement nécessaire")
    assert (name, lasts) == ("Cloudflare", "_cfduid : 30 jours")
    assert purpose.startswith("Notre site web utilise le service Cloudflare")
    assert french.csp_violations == []
