"""The consent banner on a company site of another origin, as its visitors meet it."""

import json
from urllib.parse import unquote

from playwright.sync_api import expect

from tests.browser.chromium import TIMEOUT_MS, axe_violations
from tests.browser.company_site import banner, in_thread, records

CONSENT_COOKIE = "dmj_consent"


def what_ran(page):
    return page.evaluate("window.ran || []")


def wait_until_ran(page, count):
    """Waits until `count` marked scripts have run.

    Not page.wait_for_function: it evaluates its predicate with eval, which
    the company site's Content-Security-Policy rightly refuses.
    """
    for _ in range(TIMEOUT_MS // 50):
        if len(what_ran(page)) >= count:
            break
        page.wait_for_timeout(50)
    assert len(what_ran(page)) == count


def cookie_names(page):
    return sorted(cookie["name"] for cookie in page.context.cookies())


def consent_cookie(page):
    (cookie,) = [c for c in page.context.cookies() if c["name"] == CONSENT_COOKIE]
    return cookie


def answer(page, button_name):
    with page.expect_response("**/consent/records/") as response:
        banner(page).get_by_role("button", name=button_name).click()
    return response.value


def test_nothing_runs_before_the_choice_and_nothing_after_a_refusal(
    company, visitor, live_server, screenshot
):
    page = visitor()
    page.goto(company.url("/en"))

    expect(banner(page)).to_be_visible()
    screenshot(page, "consent-banner-en-desktop-1280")
    dialog = banner(page)
    # Accepting and refusing are side by side, alike.
    accept = dialog.get_by_role("button", name="Accept all")
    reject = dialog.get_by_role("button", name="Reject all")
    assert accept.bounding_box()["height"] == reject.bounding_box()["height"]
    assert accept.evaluate("b => getComputedStyle(b).backgroundColor") == (
        reject.evaluate("b => getComputedStyle(b).backgroundColor")
    )
    expect(
        dialog.get_by_role("link", name="Privacy and cookie policy")
    ).to_have_attribute("href", f"{live_server.url}/en/privacy-and-cookies/")
    expect(dialog.get_by_role("link", name="Its history")).to_have_attribute(
        "href", f"{live_server.url}/en/privacy-and-cookies/history/"
    )
    assert what_ran(page) == []
    assert cookie_names(page) == []

    response = answer(page, "Reject all")

    assert response.status == 201
    expect(banner(page)).to_be_hidden()
    assert what_ran(page) == []
    assert cookie_names(page) == [CONSENT_COOKIE]
    cookie = consent_cookie(page)
    assert cookie["sameSite"] == "Lax"
    assert cookie["path"] == "/"
    assert json.loads(unquote(cookie["value"]))["c"] == {"analytics": False}
    assert records() == [
        {
            "policy_version": 1,
            "language": "en",
            "choices": {"analytics": False},
            "gpc": False,
            "origin": company.origin,
        }
    ]

    page.reload()
    page.wait_for_load_state("networkidle")
    expect(banner(page)).to_be_hidden()
    assert what_ran(page) == []
    assert cookie_names(page) == [CONSENT_COOKIE]
    assert page.csp_violations == []

    # The cookie audit, on the page as this visitor gets it: the audit's
    # browser starts afresh, so the page hands it the visitor's consent cookie.
    from audit.addresses import Egress, allowed_pairs
    from audit.browser import visit_pages

    company.returning_cookie = f"{CONSENT_COOKIE}={cookie['value']}"
    # The company's site runs on this machine: allowed by its address, as an
    # operator would with audit_cookies --allow-address.
    egress = Egress(allowed=allowed_pairs([company.url("/").split("/")[2]]))
    (visit,) = in_thread(
        lambda: visit_pages([company.url("/returning")], egress=egress)
    )
    assert visit.problem == ""
    assert [c["name"] for c in visit.cookies] == [CONSENT_COOKIE]


def test_one_category_accepted_then_withdrawn(company, visitor):
    page = visitor()
    page.goto(company.url("/en"))
    dialog = banner(page)
    dialog.get_by_role("button", name="Choose").click()
    necessary = dialog.get_by_role("switch", name="Strictly necessary")
    expect(necessary).to_be_checked()
    expect(necessary).to_be_disabled()
    expect(dialog).to_contain_text("Always on: the site cannot work without them.")
    analytics = dialog.get_by_role("switch", name="Analytics")
    expect(analytics).not_to_be_checked()
    expect(analytics).to_be_focused()
    analytics.check()

    assert answer(page, "Save my choices").status == 201

    expect(banner(page)).to_be_hidden()
    wait_until_ran(page, 2)
    assert sorted(what_ran(page)) == ["analytics file", "analytics inline"]
    assert cookie_names(page) == ["_ga", CONSENT_COOKIE]

    # Withdrawing is as easy: the page's link reopens the banner.
    page.get_by_role("button", name="Cookie settings").click()
    expect(banner(page)).to_be_visible()
    assert answer(page, "Reject all").status == 201
    expect(page.get_by_role("button", name="Cookie settings")).to_be_focused()
    assert cookie_names(page) == [CONSENT_COOKIE]

    page.reload()
    page.wait_for_load_state("networkidle")
    expect(banner(page)).to_be_hidden()
    assert what_ran(page) == []
    assert [r["choices"] for r in records()] == [
        {"analytics": True},
        {"analytics": False},
    ]
    assert page.csp_violations == []


def test_global_privacy_control_refuses_everything(company, visitor):
    page = visitor()
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', "
        "{get: () => true})"
    )
    with page.expect_response("**/consent/records/") as response:
        page.goto(company.url("/en"))

    assert response.value.status == 201
    expect(banner(page)).to_be_hidden()
    assert what_ran(page) == []
    assert cookie_names(page) == [CONSENT_COOKIE]
    assert records() == [
        {
            "policy_version": 1,
            "language": "en",
            "choices": {"analytics": False},
            "gpc": True,
            "origin": company.origin,
        }
    ]


def test_the_keyboard_alone_and_axe(company, visitor):
    page = visitor(bypass_csp=True)
    page.goto(company.url("/en"))
    dialog = banner(page)
    expect(dialog).to_be_visible()

    # The first question must be answered: Escape leaves it open.
    page.keyboard.press("Escape")
    expect(dialog).to_be_visible()
    # Focus stays in the banner, going round.
    seen = []
    for _ in range(6):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.textContent"))
    assert seen == [
        "Privacy and cookie policy",
        "Its history",
        "Accept all",
        "Reject all",
        "Choose",
        "Privacy and cookie policy",
    ]
    assert axe_violations(page) == []

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    with page.expect_response("**/consent/records/"):
        page.keyboard.press("Enter")  # Reject all
    expect(dialog).to_be_hidden()
    assert what_ran(page) == []

    # Reopened from the keyboard, Escape closes it and focus goes back.
    opener = page.get_by_role("button", name="Cookie settings")
    opener.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()


def test_usable_at_320_px(company, visitor, screenshot):
    page = visitor(width=320)
    page.goto(company.url("/en"))
    dialog = banner(page)
    dialog.get_by_role("button", name="Choose").click()
    screenshot(page, "consent-banner-choices-mobile-320")

    box = dialog.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    dialog.get_by_role("button", name="Save my choices").click()
    expect(dialog).to_be_hidden()


def test_a_new_major_version_asks_again(admin_client, company, visitor):
    page = visitor()
    page.goto(company.url("/en"))
    with page.expect_response("**/consent/records/"):
        banner(page).get_by_role("button", name="Accept all").click()
    wait_until_ran(page, 2)

    def publish():
        from policy.models import PolicyPage
        from tests.admin_forms import publish_major_change

        publish_major_change(
            admin_client, PolicyPage.objects.get(locale__language_code="en")
        )

    in_thread(publish)
    # The visitor comes back later, with their cookie.
    returning = visitor(storage_state=page.context.storage_state())
    returning.goto(company.url("/en"))

    expect(banner(returning)).to_be_visible()
    assert what_ran(returning) == []
    with returning.expect_response("**/consent/records/"):
        banner(returning).get_by_role("button", name="Reject all").click()
    assert [(r["policy_version"], r["choices"]) for r in records()] == [
        (1, {"analytics": True}),
        (2, {"analytics": False}),
    ]


def test_without_this_site_the_page_works_and_nothing_runs(
    company, visitor, live_server
):
    page = visitor()
    page.route(f"{live_server.url}/**", lambda route: route.abort())
    page.goto(company.url("/en"))
    page.wait_for_load_state("networkidle")

    expect(page.get_by_role("heading", name="Company site")).to_be_visible()
    expect(banner(page)).to_have_count(0)
    assert what_ran(page) == []
    assert cookie_names(page) == []


def test_records_from_another_site_are_refused(company, visitor, settings):
    settings.CONSENT_ALLOWED_ORIGINS = ["https://www.dmj.example"]
    page = visitor()
    page.goto(company.url("/en"))

    # Refused, without the header that would let the page read the answer.
    with page.expect_event(
        "requestfailed", lambda request: request.url.endswith("/consent/records/")
    ):
        banner(page).get_by_role("button", name="Accept all").click()

    # The visitor's choice still holds on the page.
    wait_until_ran(page, 2)
    assert records() == []
