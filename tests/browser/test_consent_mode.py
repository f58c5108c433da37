"""Google Consent Mode: the commands a Google tag receives on a company site, in
Google's basic mode (the tag waits for consent) and advanced mode (the tag loads
at once, after the consent-mode snippet), read from window.dataLayer."""

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import TIMEOUT_MS
from tests.browser.company_site import banner, in_thread, records

MODES = ["basic", "advanced"]
TYPES = [
    "security_storage",
    "analytics_storage",
    "ad_storage",
    "ad_user_data",
    "ad_personalization",
    "functionality_storage",
    "personalization_storage",
]


def consent(**granted):
    """Every type denied but security_storage and those given."""
    state = dict.fromkeys(TYPES, "denied")
    state["security_storage"] = "granted"
    state.update(dict.fromkeys(granted, "granted"))
    return state


DENIED = consent()
ANALYTICS = consent(analytics_storage=True)
DEFAULT = ["consent", "default", {**DENIED, "wait_for_update": 500}]

# What the page's dataLayer holds: gtag's commands (arguments objects) as
# arrays, Tag Manager's events as they are.
READ_DATA_LAYER = """() => (window.dataLayer || []).map((entry) =>
    Object.prototype.toString.call(entry) === "[object Arguments]"
        ? Array.from(entry) : entry)"""


def data_layer(page):
    return page.evaluate(READ_DATA_LAYER)


def consent_commands(page):
    return [
        entry
        for entry in data_layer(page)
        if isinstance(entry, list) and entry[0] == "consent"
    ]


def events(page):
    return [
        entry
        for entry in data_layer(page)
        if isinstance(entry, dict) and entry.get("event") == "consent_update"
    ]


def google_tag(page):
    """When the stand-in Google tag ran (the dataLayer's length then) and the
    consent it holds; None if it has not run."""
    return page.evaluate("window.googleTagStandIn || null")


def wait_for_tag(page):
    """Not page.wait_for_function: the page's policy refuses its eval."""
    for _ in range(TIMEOUT_MS // 50):
        if google_tag(page):
            return google_tag(page)
        page.wait_for_timeout(50)
    raise AssertionError("the Google tag never ran")


def choose(page, button_name):
    with page.expect_response("**/consent/records/"):
        banner(page).get_by_role("button", name=button_name).click()


def open_page(company, visitor, mode, **options):
    page = visitor(**options)
    page.goto(company.url(f"/{mode}"))
    return page


@pytest.mark.parametrize("mode", MODES)
def test_before_any_choice_only_the_default(company, visitor, mode):
    page = open_page(company, visitor, mode)
    expect(banner(page)).to_be_visible()

    entries = data_layer(page)
    assert entries[:2] == [DEFAULT, ["set", "ads_data_redaction", True]]
    # One default, whichever script came first, and nothing else about consent.
    assert consent_commands(page) == [DEFAULT]
    assert events(page) == []
    if mode == "basic":
        assert google_tag(page) is None
    else:
        # The tag loaded at once, after the default, with everything denied.
        tag = wait_for_tag(page)
        assert tag["ranAt"] >= 1
        assert tag["consent"] == {**DENIED, "wait_for_update": 500}
    assert page.csp_violations == []


@pytest.mark.parametrize("mode", MODES)
def test_accepting_grants_what_the_categories_map_to(company, visitor, mode):
    page = open_page(company, visitor, mode)
    choose(page, "Accept all")

    tag = wait_for_tag(page)
    assert consent_commands(page) == [DEFAULT, ["consent", "update", ANALYTICS]]
    assert events(page) == [
        {
            "event": "consent_update",
            "consent": ANALYTICS,
            "categories": {"analytics": True},
        }
    ]
    assert tag["consent"]["analytics_storage"] == "granted"
    assert tag["consent"]["ad_storage"] == "denied"
    if mode == "basic":
        # The marked tag ran only once the default and the update were there.
        entries = data_layer(page)
        update = entries.index(["consent", "update", ANALYTICS])
        assert tag["ranAt"] > update
    assert page.csp_violations == []


@pytest.mark.parametrize("mode", MODES)
def test_rejecting_denies_everything(company, visitor, mode):
    page = open_page(company, visitor, mode)
    choose(page, "Reject all")

    assert consent_commands(page) == [DEFAULT, ["consent", "update", DENIED]]
    assert events(page)[-1]["categories"] == {"analytics": False}
    if mode == "basic":
        assert google_tag(page) is None
    else:
        assert wait_for_tag(page)["consent"]["analytics_storage"] == "denied"


@pytest.mark.parametrize("mode", MODES)
def test_withdrawing_after_accepting_denies_again(company, visitor, mode):
    page = open_page(company, visitor, mode)
    choose(page, "Accept all")
    wait_for_tag(page)

    page.get_by_role("button", name="Cookie choices").click()
    choose(page, "Reject all")

    assert consent_commands(page) == [
        DEFAULT,
        ["consent", "update", ANALYTICS],
        ["consent", "update", DENIED],
    ]
    assert google_tag(page)["consent"]["analytics_storage"] == "denied"
    assert [r["choices"] for r in records()] == [
        {"analytics": True},
        {"analytics": False},
    ]


@pytest.mark.parametrize("mode", MODES)
def test_global_privacy_control_denies_everything(company, visitor, mode):
    page = visitor()
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', "
        "{get: () => true})"
    )
    with page.expect_response("**/consent/records/"):
        page.goto(company.url(f"/{mode}"))

    expect(banner(page)).to_be_hidden()
    assert consent_commands(page) == [DEFAULT, ["consent", "update", DENIED]]
    if mode == "basic":
        assert google_tag(page) is None
    assert records()[0]["gpc"] is True


@pytest.mark.parametrize("mode", MODES)
def test_a_returning_visitor_s_choice_is_sent_at_once(company, visitor, mode):
    page = open_page(company, visitor, mode)
    choose(page, "Accept all")
    wait_for_tag(page)

    page.reload()
    tag = wait_for_tag(page)
    page.wait_for_load_state("networkidle")

    expect(banner(page)).to_be_hidden()
    entries = data_layer(page)
    # The default and the stored choice come first, before the tag runs; in
    # advanced mode the snippet sends both and the banner sends neither again.
    assert entries[:4] == [
        DEFAULT,
        ["set", "ads_data_redaction", True],
        ["consent", "update", ANALYTICS],
        {
            "event": "consent_update",
            "consent": ANALYTICS,
            "categories": {"analytics": True},
        },
    ]
    assert consent_commands(page) == [DEFAULT, ["consent", "update", ANALYTICS]]
    assert tag["ranAt"] >= 4
    assert tag["consent"]["analytics_storage"] == "granted"
    # Nothing new was recorded: the visitor did not choose again.
    assert len(records()) == 1


def test_the_snippet_works_under_a_policy_that_lists_hosts(company, visitor):
    page = open_page(company, visitor, "advanced-hosts")
    expect(banner(page)).to_be_visible()

    tag = wait_for_tag(page)
    assert tag["ranAt"] >= 1
    assert consent_commands(page) == [DEFAULT]
    choose(page, "Accept all")
    assert consent_commands(page)[-1] == ["consent", "update", ANALYTICS]
    assert page.csp_violations == []


def test_the_editors_settings_change_what_the_tag_receives(company, visitor):
    def edit():
        from wagtail.models import Site

        from consent.models import ConsentBannerSettings

        settings = ConsentBannerSettings(site=Site.objects.get(is_default_site=True))
        # ad_storage listed under marketing too: the policy declares no
        # marketing cookies, so accepting everything does not grant it.
        settings.analytics_types = ["analytics_storage", "ad_storage", "ad_user_data"]
        settings.marketing_types = ["ad_storage"]
        settings.regions = "GB, FR"
        settings.wait_for_update = 800
        settings.ads_data_redaction = False
        settings.url_passthrough = True
        settings.save()

    in_thread(edit)
    page = open_page(company, visitor, "advanced")
    choose(page, "Accept all")

    default = {**DENIED, "wait_for_update": 800, "region": ["GB", "FR"]}
    assert data_layer(page)[:2] == [
        ["consent", "default", default],
        ["set", "url_passthrough", True],
    ]
    assert consent_commands(page)[1:] == [
        ["consent", "update", consent(analytics_storage=True, ad_user_data=True)]
    ]
