"""The admin's second factor in Chromium: a passkey made and used with the
DevTools virtual authenticator, an authenticator app set up in French with the
keyboard, and axe-core finding nothing on any of the pages."""

import re
from base64 import b32decode

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.chromium import axe_violations

PASSWORD = "Right-Pa55word!"  # noqa: S105


@pytest.fixture
def accounts(people, live_server, settings):
    """Two administrators without a second factor yet: one with the admin in
    English, one in French. The second factor is required, and passkeys are
    accepted from the live server's origin."""
    settings.ADMIN_REQUIRE_SECOND_FACTOR = True
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    for username, language in (("merlin", "en"), ("heron", "fr")):
        user = get_user_model().objects.create_superuser(
            username, f"{username}@example.com", PASSWORD
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()


def with_virtual_authenticator(page):
    """A platform authenticator (like a laptop's fingerprint reader) that says yes."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def sign_in_with_password(page, username):
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


def test_a_passkey_is_made_at_the_first_sign_in_and_asked_for_at_the_next(
    accounts, browser, open_page
):
    page = open_page("en-GB", bypass_csp=True)
    with_virtual_authenticator(page)

    sign_in_with_password(page, "merlin")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-step verification"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Add a passkey or security key").click()

    # The recovery codes, once.
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    codes = page.get_by_role("list", name="Your recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.get_by_role("button", name="merlin", exact=True)).to_be_visible()

    # The passkey is listed among the account's devices.
    page.goto("/admin/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-step verification")
    expect(page.get_by_role("button", name=re.compile("^Remove"))).to_have_count(1)
    assert_accessible(page)

    # Signed out (the browser forgets the session), then in again: the password,
    # then the passkey.
    page.context.clear_cookies()
    sign_in_with_password(page, "merlin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-step verification")
    assert_accessible(page)
    page.get_by_role("button", name="Use a passkey or security key").click()
    expect(page.get_by_role("button", name="merlin", exact=True)).to_be_visible()
    assert page.url.endswith("/admin/")

    # Removing their only passkey, they choose a second factor again.
    page.goto("/admin/two-factor/")
    passkey = re.compile(r"^Passkey added on \d{1,2} \w+ \d{4}$")
    expect(page.get_by_text(passkey)).to_be_visible()
    page.get_by_role("button", name=re.compile("^Remove")).click()
    expect(page.get_by_text(re.compile(r"^Removed “Passkey added on"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-step verification"
    )


def test_an_authenticator_app_is_set_up_in_french_with_the_keyboard(
    accounts, browser, open_page
):
    page = open_page("en-GB", bypass_csp=True)
    sign_in_with_password(page, "heron")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Configurer la vérification en deux étapes"
    )
    link = page.get_by_role(
        "link", name="Configurer une application d’authentification"
    )
    link.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Configurer une application d’authentification"
    )
    expect(page.get_by_role("img", name=re.compile("Code QR"))).to_be_visible()
    assert_accessible(page)
    secret = page.locator("code.two-factor-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))

    field = page.get_by_label("Code")
    field.fill("000000" if f"{TOTP(key).token():06d}" != "000000" else "111111")
    field.press("Enter")
    field = page.get_by_label("Code")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("Ce code n’est pas le bon"))
    assert_accessible(page)

    # django-otp holds the device back a second after a wrong code: the person
    # waits that second out (the wait is what is tested; a little over it).
    page.wait_for_timeout(1500)
    field.fill(f"{TOTP(key).token():06d}")
    field.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Codes de secours")
    expect(
        page.get_by_role("list", name="Vos codes de secours").get_by_role("listitem")
    ).to_have_count(10)
    page.get_by_role("link", name="Je les ai gardés : continuer").click()
    expect(page.get_by_role("button", name="heron", exact=True)).to_be_visible()
