"""Proof of what a visitor saw: the receipt the banner shows them, its page on this
site, and a record per version of the banner's texts.

On a company site of another origin, under its strict Content-Security-Policy.
"""

import json
from contextlib import nullcontext
from urllib.parse import unquote

from playwright.sync_api import expect

from consent.views import script_digest
from tests.browser.chromium import axe_violations
from tests.browser.company_site import banner, in_thread, proofs
from tests.consent_texts import publish_english_texts, publish_french_texts

CONSENT_COOKIE = "dmj_consent"
NEW_INTRO = "We use cookies: some to make the site work, others only if you agree."
NEW_INTRO_FR = (
    "Nous utilisons des cookies : certains pour faire fonctionner le site, "
    "d’autres seulement si vous êtes d’accord."
)


def choice_in_cookie(page):
    (cookie,) = [c for c in page.context.cookies() if c["name"] == CONSENT_COOKIE]
    return json.loads(unquote(cookie["value"]))


def answer(page, button_name):
    with page.expect_response("**/consent/records/") as response:
        banner(page).get_by_role("button", name=button_name).click()
    assert response.value.status == 201


def receipt_facts(dialog):
    """What the receipt in the banner says: each term and what it says."""
    receipt = dialog.locator("details")
    terms = receipt.locator("dt").all_inner_texts()
    values = receipt.locator("dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def no_commit_capture(**_options):
    """Localize publishes on commit; the live server's database commits at once."""
    return nullcontext()


def test_the_visitor_sees_their_receipt_and_its_page(
    company, visitor, live_server, screenshot
):
    page = visitor()
    page.goto(company.url("/en"))
    # No choice yet: no receipt.
    expect(banner(page).get_by_text("Your receipt")).to_be_hidden()
    banner(page).get_by_role("button", name="Choose").click()
    banner(page).get_by_role("switch", name="Analytics").check()
    answer(page, "Save my choices")
    choice = choice_in_cookie(page)

    page.get_by_role("button", name="Cookie settings").click()
    dialog = banner(page)
    expect(dialog).to_be_visible()
    dialog.get_by_text("Your receipt").click()

    facts = receipt_facts(dialog)
    assert {name: facts[name] for name in facts if name != "When"} == {
        "Accepted": "Analytics",
        "Refused": "None",
        "Policy version": "1",
        "Banner texts version": "1",
        "Receipt number": choice["r"],
    }
    assert str(page.evaluate("new Date().getFullYear()")) in facts["When"]
    screenshot(page, "consent-banner-receipt-en-desktop-1280")
    assert proofs() == [("en", 1, script_digest(), choice["r"])]

    # Another choice is another receipt.
    answer(page, "Reject all")
    second = choice_in_cookie(page)["r"]
    assert second != choice["r"]
    assert [proof[3] for proof in proofs()] == [choice["r"], second]

    page.get_by_role("button", name="Cookie settings").click()
    dialog.get_by_text("Your receipt").click()
    assert receipt_facts(dialog)["Refused"] == "Analytics"
    link = dialog.get_by_role("link", name="See the record we keep of it")
    expect(link).to_have_attribute(
        "href", f"{live_server.url}/consent/receipts/{second}/"
    )
    assert page.csp_violations == []

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your consent receipt")
    main = page.get_by_role("main")
    expect(main).to_contain_text(second)
    expect(main).to_contain_text("Analytics")
    expect(main).to_contain_text(script_digest())
    expect(main).to_contain_text("“Reject all”")


def test_a_french_receipt_from_the_keyboard(company, visitor, live_server):
    page = visitor(locale="en-GB", bypass_csp=True)
    page.goto(company.url("/fr"))
    dialog = page.get_by_role("dialog", name="Les cookies de ce site")
    with page.expect_response("**/consent/records/"):
        dialog.get_by_role("button", name="Tout refuser").click()
    receipt = choice_in_cookie(page)["r"]

    opener = page.get_by_role("button", name="Cookie settings")
    opener.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    # After the buttons, the receipt, then round to the first link.
    summary = dialog.get_by_text("Votre reçu")
    dialog.get_by_role("button", name="Fermer").focus()
    page.keyboard.press("Tab")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    facts = receipt_facts(dialog)
    assert facts["Refusés"] == "Mesure d’audience"
    assert facts["Acceptés"] == "Aucun"
    assert facts["Numéro du reçu"] == receipt
    assert facts["Version des textes du bandeau"] == "1"
    page.keyboard.press("Tab")
    link = dialog.get_by_role("link", name="Voir l’enregistrement que nous en gardons")
    expect(link).to_be_focused()
    page.keyboard.press("Tab")
    expect(
        dialog.get_by_role("link", name="Politique de confidentialité")
    ).to_be_focused()
    assert axe_violations(page) == []

    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Votre reçu de consentement"
    )
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("main")).to_contain_text(receipt)
    assert axe_violations(page) == []


def test_a_record_per_version_of_the_texts(admin_client, company, visitor):
    def choose(path, intro, button="Reject all"):
        """A new visitor reads `intro` in the banner and answers."""
        page = visitor()
        page.goto(company.url(path))
        dialog = page.get_by_role("dialog")
        expect(dialog).to_contain_text(intro)
        with page.expect_response("**/consent/records/"):
            dialog.get_by_role("button", name=button).click()

    choose("/en", "We use cookies to make this site work")
    in_thread(
        lambda: publish_english_texts(admin_client, no_commit_capture, intro=NEW_INTRO)
    )
    choose("/en", NEW_INTRO)
    # The French stays as it was until its translation is published.
    choose("/fr", "Nous utilisons des cookies pour faire", "Tout refuser")
    in_thread(
        lambda: publish_french_texts({NEW_INTRO: NEW_INTRO_FR}, no_commit_capture)
    )
    choose("/fr", NEW_INTRO_FR, "Tout refuser")

    assert [(language, texts) for language, texts, _script, _r in proofs()] == [
        ("en", 1),
        ("en", 2),
        ("fr", 1),
        ("fr", 2),
    ]
