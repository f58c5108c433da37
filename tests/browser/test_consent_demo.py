"""make run's demo company site, as a new user tries it: accept, withdraw, and the records."""

from playwright.sync_api import expect

from tests.browser.company_site import banner, records


def test_a_new_user_tries_the_banner_on_the_demo(
    people, live_server, visitor, settings, screenshot
):
    # What make run's settings do: DEBUG on, and the demo's origin allowed.
    settings.DEBUG = True
    settings.CONSENT_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")
    page = visitor()
    page.goto(f"{live_server.url}/demo/company-site/")
    tag = page.locator("#google-tag")

    expect(banner(page)).to_be_visible()
    expect(tag).to_have_text("The Google tag has not run yet.")
    with page.expect_response("**/consent/records/") as response:
        banner(page).get_by_role("button", name="Accept all").click()
    assert response.value.status == 201

    expect(tag).to_contain_text("analytics_storage: granted")
    expect(page.locator("#data-layer")).to_contain_text('gtag("consent", "update"')
    screenshot(page, "consent-demo-company-site-en")

    page.get_by_role("button", name="Cookie settings").click()
    with page.expect_response("**/consent/records/"):
        banner(page).get_by_role("button", name="Reject all").click()
    expect(tag).to_contain_text("analytics_storage: denied")
    assert [(r["origin"], r["choices"]) for r in records()] == [
        (live_server.url, {"analytics": True}),
        (live_server.url, {"analytics": False}),
    ]
    assert page.csp_violations == []
