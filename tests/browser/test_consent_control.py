"""The "Cookie choices" button the banner adds to every page, so that a visitor
can always change their mind, whatever the embedding site's own links."""

from playwright.sync_api import expect

from tests.browser.chromium import axe_violations
from tests.browser.company_site import banner, in_thread


def control(page, name="Cookie choices"):
    return page.get_by_role("button", name=name, exact=True)


def reject(page):
    with page.expect_response("**/consent/records/"):
        banner(page).get_by_role("button", name="Reject all").click()


def overlaps(one, other):
    return not (
        one["x"] + one["width"] <= other["x"]
        or other["x"] + other["width"] <= one["x"]
        or one["y"] + one["height"] <= other["y"]
        or other["y"] + other["height"] <= one["y"]
    )


def content_boxes(page):
    """Where each element of the page's own content is, in the viewport."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("main *")).map((node) => {
            const box = node.getBoundingClientRect();
            return {x: box.x, y: box.y, width: box.width, height: box.height};
        })"""
    )


def test_it_reopens_the_banner_and_is_hidden_while_the_banner_is_open(
    company, visitor, screenshot
):
    page = visitor()
    page.goto(company.url("/en"))
    expect(banner(page)).to_be_visible()
    # Not while the banner asks.
    expect(control(page)).to_be_hidden()

    reject(page)
    expect(control(page)).to_be_visible()
    screenshot(page, "consent-control-en-desktop-1280")
    control(page).click()
    expect(banner(page)).to_be_visible()
    expect(control(page)).to_be_hidden()
    banner(page).get_by_role("button", name="Close").click()
    expect(control(page)).to_be_focused()
    assert page.csp_violations == []


def test_the_keyboard_reaches_it_and_axe(company, visitor):
    page = visitor(bypass_csp=True)
    page.goto(company.url("/en"))
    reject(page)
    expect(control(page)).to_be_visible()

    # The last stop of the page's Tab order: after the page's own button.
    page.locator("body").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Cookie choices":
            break
    expect(control(page)).to_be_focused()
    assert axe_violations(page) == []

    page.keyboard.press("Enter")
    expect(banner(page)).to_be_visible()
    page.keyboard.press("Escape")
    expect(banner(page)).to_be_hidden()
    expect(control(page)).to_be_focused()


LONGER_PAGE = """() => {
    const main = document.querySelector("main");
    for (let line = 1; line <= 60; line++) {
        const paragraph = document.createElement("p");
        paragraph.textContent = `Line ${line} about our products.`;
        main.appendChild(paragraph);
    }
}"""


def test_on_a_phone_it_covers_nothing(company, visitor, screenshot):
    page = visitor(width=375)
    page.goto(company.url("/en"))
    reject(page)
    expect(control(page)).to_be_visible()
    page.evaluate(LONGER_PAGE)
    height = page.evaluate("document.documentElement.scrollHeight")

    # Wherever the visitor has scrolled to, nothing of the page is under it.
    for position in (0, height // 2, height):
        page.evaluate(f"window.scrollTo(0, {position})")
        box = control(page).bounding_box()
        assert not [b for b in content_boxes(page) if overlaps(b, box)]
    screenshot(page, "consent-control-en-mobile-375")
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 375
    assert box["height"] >= 44  # large enough to touch
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_on_a_wide_screen_the_end_of_the_page_scrolls_clear_of_it(company, visitor):
    page = visitor()
    page.goto(company.url("/en"))
    reject(page)
    page.evaluate(LONGER_PAGE)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")

    box = control(page).bounding_box()
    # In the bottom-left corner of the window, over none of the page's last lines.
    assert box["x"] < 50
    assert box["y"] + box["height"] > 800 - 50
    assert not [b for b in content_boxes(page) if overlaps(b, box)]


def test_in_french_on_a_french_page(company, visitor):
    page = visitor(locale="fr-FR")
    page.goto(company.url("/fr"))
    dialog = page.get_by_role("dialog", name="Les cookies de ce site")
    with page.expect_response("**/consent/records/"):
        dialog.get_by_role("button", name="Tout refuser").click()

    french = control(page, "Choix des cookies")
    expect(french).to_be_visible()
    expect(page.locator(".dmj-consent-control")).to_have_attribute("lang", "fr")
    french.click()
    expect(dialog).to_be_visible()


def test_editors_may_turn_it_off(company, visitor):
    def turn_off():
        from wagtail.models import Site

        from consent.models import ConsentBannerSettings

        ConsentBannerSettings.objects.create(
            site=Site.objects.get(is_default_site=True), show_control=False
        )

    in_thread(turn_off)
    page = visitor()
    page.goto(company.url("/en"))
    reject(page)

    # The button comes with the stylesheet, which the banner waited for.
    expect(control(page)).to_have_count(0)
    # The site's own link still opens the banner.
    page.get_by_role("button", name="Cookie settings").click()
    expect(banner(page)).to_be_visible()
