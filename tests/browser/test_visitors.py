"""What visitors get, checked in Chromium: accessible, readable at any width, private."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from policy.models import PolicyPage
from tests.admin_forms import MAJOR_CHANGE_IN_FRENCH, publish_major_change
from tests.browser.chromium import SCREENSHOTS, axe_violations
from tests.pages import translate_into_french

PAGES = {
    "en": {
        "home": "/en/",
        "policy": "/en/privacy-and-cookies/",
        "history": "/en/privacy-and-cookies/history/",
        "archived-version": "/en/privacy-and-cookies/versions/1/",
        "comparison": "/en/privacy-and-cookies/compare/1/2/",
        "search": "/en/search/?q=cookie",
        "not-found": "/en/no-such-page/",
    },
    "fr": {
        "home": "/fr/",
        "policy": "/fr/confidentialite-et-cookies/",
        "history": "/fr/confidentialite-et-cookies/historique/",
        "archived-version": "/fr/confidentialite-et-cookies/versions/1/",
        "comparison": "/fr/confidentialite-et-cookies/comparer/1/2/",
        "search": "/fr/recherche/?q=cookie",
        "not-found": "/fr/pas-de-page/",
    },
}


@pytest.fixture
def two_versions(people, admin_client, django_capture_on_commit_callbacks):
    """The seeded policy plus a major change, translated, so every page type exists."""
    page = publish_major_change(
        admin_client, PolicyPage.objects.get(locale__language_code="en")
    )
    translate_into_french(
        page, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_type_is_accessible_and_fits_a_phone(
    two_versions, open_page, screenshot, language
):
    page = open_page(language, bypass_csp=True)
    for name, url in PAGES[language].items():
        for width, device in ((320, "phone-320"), (375, "phone"), (1280, "desktop")):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(url)
            assert response.status == (404 if name == "not-found" else 200), url
            if device == "phone-320":
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"
                )
                assert overflow <= 0, f"{url} scrolls sideways at 320 px"
            else:
                screenshot(page, f"{language}-{name}-{device}")
            # The narrowest phone and the desktop: the cookie tables change
            # layout between them (one card per cookie on a phone).
            if device in ("phone-320", "desktop"):
                assert axe_violations(page) == [], f"{url} at {width} px"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_type_works_under_its_content_security_policy(
    two_versions, open_page, language
):
    page = open_page(language)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for url in PAGES[language].values():
        response = page.goto(url)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        # The stylesheet applied: the header is laid out, not a bare list.
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.site-header')).display"
            )
            != "inline"
        )

    assert violations == []


def test_the_keyboard_reaches_everything_in_order_with_a_visible_focus(
    two_versions, open_page
):
    page = open_page("en")
    page.goto("/en/privacy-and-cookies/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to main content")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 10, "the skip link shows when focused"

    order = []
    for _ in range(7):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return (e.getAttribute('aria-label') || e.labels?.[0]?.textContent"
                " || e.textContent).trim(); }"
            )
        )
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", f"no visible focus on {order[-1]}"
    assert order == [
        "DMJ Computer Services",
        "Search this site",
        "Search",
        "English",
        "Français",
        "See all updates",
        "Our Privacy Statement",
    ]

    page.goto("/en/privacy-and-cookies/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width", [375, 1280])
def test_cookie_tables_are_announced_with_caption_and_headers(
    two_versions, open_page, width
):
    page = open_page("fr")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/fr/confidentialite-et-cookies/")

    table = page.get_by_role("table", name="Les cookies Google Analytics en détail")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Cookie", "À quoi il sert", "Durée de conservation", "Déposé par", "Catégorie"]
    )
    row = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="_ga", exact=True)
    )
    expect(row.get_by_role("cell")).to_have_text(
        [
            "Distingue les visiteurs les uns des autres, pour les compter sans savoir qui ils sont.",
            "13 mois",
            "Ce site (cookie interne)",
            "Mesure d’audience",
        ]
    )


def test_text_in_the_other_language_is_marked_as_such(two_versions, open_page):
    page = open_page("fr")
    page.goto("/fr/confidentialite-et-cookies/")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="English")).to_have_attribute("lang", "en")


def test_the_policy_needs_no_javascript_sets_no_cookie_and_calls_no_other_host(
    two_versions, browser, live_server
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto("/fr/confidentialite-et-cookies/")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confidentialité et Cookies"
    )
    expect(page.get_by_role("rowheader", name="_cfduid")).to_be_visible()
    assert page.locator("script").count() == 0
    assert context.cookies() == []
    assert hosts == {urlsplit(live_server.url).netloc}
    context.close()


def test_the_printed_policy_shows_its_address_and_date(
    two_versions, open_page, screenshot
):
    page = open_page("en")
    page.goto("/en/privacy-and-cookies/")
    page.emulate_media(media="print")

    expect(page.locator(".print-only")).to_have_text(f"Printed from {page.url}")
    expect(page.locator(".policy-meta")).to_contain_text("Last updated:")
    expect(page.locator(".site-search")).to_be_hidden()
    expect(page.locator(".toc")).to_be_hidden()
    screenshot(page, "en-policy-print")
    page.pdf(path=str(SCREENSHOTS / "en-policy-print.pdf"))
