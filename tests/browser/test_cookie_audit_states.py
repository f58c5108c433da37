"""The cookie audit of pages that show the consent banner: before any choice,
after “Reject all” and after “Accept all”, each in a fresh profile.

The company site (tests/browser/company_site.py, pages in tagged_pages.py)
embeds the banner from the live server; both run on this machine, which the
audit is told it may reach. The policy declares Google Analytics' `ga_state`
(localStorage) and `ga_tab` (sessionStorage) and the banner's own cookie.
"""

import io
import json

from django.core.management import CommandError, call_command

import pytest

from audit.report import text_report
from tests.pages import english_policy
from tests.roles import client_for, user_in
from tests.storage_keys import CONSENT_COOKIE, GOOGLE_STORAGE, declare


@pytest.fixture
def declared(people):
    declare(english_policy(), GOOGLE_STORAGE)
    declare(english_policy(), [CONSENT_COOKIE], provider="Cloudflare")


def audit(*urls, options=()):
    """The findings as JSON, the exit status and the report in words (as the command prints it)."""
    out = io.StringIO()
    try:
        call_command(
            "audit_cookies",
            *urls,
            "--allow-private-addresses",
            "--json",
            *options,
            stdout=out,
        )
        status = 0
    except CommandError as error:
        status = error.returncode
    findings = json.loads(out.getvalue())
    return findings, status, text_report(findings)


def by_state(page):
    return {state["state"]: state for state in page["states"]}


def test_a_tag_that_sets_cookies_and_storage_before_consent_is_a_breach(
    declared, company
):
    url = company.url("/tag-before-consent")
    findings, status, text = audit(url)

    assert status == 3
    [page] = findings["pages"]
    assert page["problem"] == ""
    assert page["banner"] is True
    states = by_state(page)
    assert list(states) == ["none", "refused", "accepted"]
    assert states["none"]["cookies"] == ["_ga"]
    assert states["none"]["storage"] == [
        {"name": "ga_state", "kind": "localStorage", "origin": company.origin}
    ]
    # Refusing removes them; the tag, which does not wait, sets them again.
    assert states["refused"]["cookies"] == ["_ga", "dmj_consent"]
    assert [s["name"] for s in states["refused"]["storage"]] == ["ga_state"]
    assert states["accepted"]["cookies"] == ["_ga", "dmj_consent"]
    # Its hits are beacons: stopped, and read all the same.
    assert {s["gcs"] for s in states["none"]["signals"]} == {"G100"}
    assert states["none"]["signals"][0]["gcd"].startswith("13")
    assert {s["gcs"] for s in states["refused"]["signals"]} == {"G100"}
    assert any(
        request["method"] == "POST" and "gcs=G100" in request["url"]
        for request in page["blocked"]
    )

    assert [
        (b["state"], b["kind"], b["name"], b["category"]) for b in findings["breaches"]
    ] == [
        ("none", "cookie", "_ga", "analytics"),
        ("none", "localStorage", "ga_state", "analytics"),
        ("refused", "cookie", "_ga", "analytics"),
        ("refused", "localStorage", "ga_state", "analytics"),
    ]
    assert text.index("BREACHES: 4") < text.index(f"{url}: ")
    assert (
        f"  - before any choice, {url} set ga_state in the local storage of "
        f"{company.origin} (first party), declared as analytics\n"
    ) in text
    assert f"  - after “Reject all”, {url} set _ga on 127.0.0.1/" in text
    assert (
        "    before any choice: Google consent: gcs=G100 (ad_storage denied, "
        "analytics_storage denied)"
    ) in text
    assert text.endswith(
        "BREACH: a page sets more than the strictly necessary before a visitor "
        "chooses, or after they refuse.\n"
    )

    editor = client_for(user_in("Editors"))
    report = editor.get("/admin/cookie-audit/").content.decode()
    assert report.index("Set without consent: 4") < report.index("Pages visited")
    dashboard = editor.get("/admin/").content.decode()
    assert "Set without consent" in dashboard


def test_a_tag_that_waits_for_consent_sets_nothing_before_it(declared, company):
    url = company.url("/tag-after-consent")
    findings, status, text = audit(url)

    assert status == 0
    assert findings["breaches"] == []
    states = by_state(findings["pages"][0])
    assert (states["none"]["cookies"], states["none"]["storage"]) == ([], [])
    assert (states["refused"]["cookies"], states["refused"]["storage"]) == (
        ["dmj_consent"],
        [],
    )
    assert states["accepted"]["cookies"] == ["_ga", "dmj_consent"]
    assert states["accepted"]["storage"] == [
        {"name": "ga_state", "kind": "localStorage", "origin": company.origin}
    ]
    assert states["none"]["signals"] == states["refused"]["signals"] == []
    assert (
        "    after “Accept all”: cookies: _ga, dmj_consent; storage: ga_state (local storage)"
        in text
    )
    # Storage is held to the policy both ways: ga_tab is declared, never kept here.
    assert ("ga_tab", "sessionStorage") in [
        (row["name"], row["kind"]) for row in findings["not_seen"]
    ]
    assert "  - ga_tab (session storage key, Google Analytics, first party" in text
    assert "Nothing new: every cookie set is declared in the policy." in text


def test_google_tags_carry_the_consent_of_each_state(declared, company):
    """Needs consent.js to send Google's consent commands (Consent Mode).

    The seeded policy asks consent for analytics only: accepting everything
    grants analytics_storage, and ad_storage stays denied (G101).
    """
    findings, _status, _text = audit(
        company.url("/tag-before-consent"), company.url("/tag-after-consent")
    )
    before, after = (by_state(page) for page in findings["pages"])

    assert {s["gcs"] for s in before["none"]["signals"]} == {"G100"}
    assert {s["gcs"] for s in before["refused"]["signals"]} == {"G100"}
    assert "G101" in {s["gcs"] for s in before["accepted"]["signals"]}
    assert after["none"]["signals"] == after["refused"]["signals"] == []
    assert {s["gcs"] for s in after["accepted"]["signals"]} == {"G101"}


def test_a_page_that_never_settles_is_still_audited_in_each_state(declared, company):
    """--timeout bounds the three page views together: each wait for the network
    to settle takes a share of it, and the page is audited as it is then."""
    findings, status, _text = audit(company.url("/chatty"), options=["--timeout", "20"])

    assert status == 0
    states = by_state(findings["pages"][0])
    assert [(s["state"], s["problem"]) for s in states.values()] == [
        ("none", ""),
        ("refused", ""),
        ("accepted", ""),
    ]
    assert states["accepted"]["cookies"] == ["_ga", "dmj_consent"]
