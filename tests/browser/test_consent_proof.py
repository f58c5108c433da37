"""Proof of what a visitor saw: a record per version of the banner's texts.

On a company site of another origin, under its strict Content-Security-Policy.
"""

import json
from contextlib import nullcontext
from urllib.parse import unquote

from playwright.sync_api import expect

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
