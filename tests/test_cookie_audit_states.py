"""The cookie audit's rules for web storage and consent states, and what editors read of them.

Visits are written here as the browser gives them; visiting pages in three
consent states is tested in tests/browser/test_cookie_audit_states.py.
"""

import html
from datetime import timedelta

from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest

from audit.browser import Visit
from audit.compare import breaches, compare, consent_signal
from audit.models import CookieAudit
from audit.report import findings_of, text_report
from tests.roles import client_for, user_in

PAGE = "https://www.example.com/"
ORIGIN = "https://www.example.com"


def declared(name, kind="cookie", category="analytics", party="first"):
    return {
        "id": f"{kind}:{name}",
        "name": name,
        "kind": kind,
        "provider": "Google Analytics",
        "purpose": "Counts visits.",
        "duration": "1 year",
        "party": party,
        "category": category,
    }


def cookie(name, state="none", lifetime=3600):
    return {
        "name": name,
        "domain": "www.example.com",
        "path": "/",
        "lifetime": lifetime,
        "party": "first",
        "url": PAGE,
        "state": state,
    }


def stored(name, kind="localStorage", state="none", origin=ORIGIN, party="first"):
    return {
        "name": name,
        "kind": kind,
        "origin": origin,
        "party": party,
        "url": PAGE,
        "state": state,
    }


def signal(gcs, state="none", gcd="13p3p3p3p5"):
    return {
        "host": "region1.google-analytics.com",
        "gcs": gcs,
        "gcd": gcd,
        "state": state,
        "url": PAGE,
    }


POLICY = [
    declared("_ga"),
    declared("dmj_consent", category="necessary"),
    declared("ga_state", kind="localStorage"),
    declared("cart", kind="sessionStorage", category="necessary"),
    declared("ga_tab", kind="sessionStorage"),
]


# Storage, held to the policy both ways ----------------------------------------


def test_storage_keys_are_compared_by_kind_both_ways():
    findings = compare(
        POLICY,
        [
            {**stored("ga_state"), "kind": "localStorage"},
            {**stored("chat_draft"), "kind": "localStorage"},
            # Declared, but in the other storage.
            {**stored("cart", kind="localStorage")},
        ],
    )

    assert [(i["name"], i["kind"]) for i in findings["undeclared"]] == [
        ("chat_draft", "localStorage")
    ]
    assert [r["name"] for r in findings["not_seen"]] == [
        "_ga",
        "dmj_consent",
        "ga_tab",
    ]
    [different] = findings["differently"]
    assert (different["name"], different["differences"]) == ("cart", ["kind"])
    assert different["declared_kind"] == "sessionStorage"


def test_a_storage_key_of_another_site_is_third_party_and_has_no_lifetime():
    findings = compare(
        POLICY, [stored("ga_state", origin="https://ads.example.net", party="third")]
    )

    [different] = findings["differently"]
    assert different["differences"] == ["party"]


# Breaches -------------------------------------------------------------------


def test_only_strictly_necessary_storage_may_be_set_without_consent():
    seen = [
        cookie("_ga"),  # declared as analytics
        cookie("dmj_consent", state="refused"),  # declared as necessary
        stored("cart", kind="sessionStorage"),  # declared as necessary
        stored("chat_draft", state="refused"),  # declared nowhere
        cookie("_ga", state="accepted"),  # consent given
        stored("ga_state", state="accepted"),
    ]

    found = breaches(POLICY, seen, [])

    assert [(b["state"], b["name"], b["kind"], b["category"]) for b in found] == [
        ("none", "_ga", "cookie", "analytics"),
        ("refused", "chat_draft", "localStorage", None),
    ]


def test_the_banner_s_own_cookie_is_never_a_breach_even_undeclared():
    found = breaches(
        [declared("_ga")],
        [cookie("dmj_consent", state="refused")],
        [],
        exempt={"dmj_consent"},
    )

    assert found == []


def test_a_google_tag_told_consent_was_granted_without_it_is_a_breach():
    found = breaches(
        POLICY,
        [],
        [
            signal("G100"),
            signal("G101", state="refused"),
            signal("G1--"),
            signal("G111", state="accepted"),
        ],
    )

    assert [(b["state"], b["kind"], b["gcs"]) for b in found] == [
        ("refused", "signal", "G101")
    ]


@pytest.mark.parametrize(
    ("gcs", "said"),
    [
        ("G100", {"ad_storage": "denied", "analytics_storage": "denied"}),
        ("G101", {"ad_storage": "denied", "analytics_storage": "granted"}),
        ("G111", {"ad_storage": "granted", "analytics_storage": "granted"}),
        ("G1--", {"ad_storage": None, "analytics_storage": None}),
        ("G2", None),
        ("", None),
        (None, None),
    ],
)
def test_gcs_is_read_as_google_documents_it(gcs, said):
    assert consent_signal(gcs) == said


def banner_visit():
    """A page that shows the banner, whose tag does not wait for consent."""
    return Visit(
        PAGE,
        final_url=PAGE,
        banner=True,
        states=[
            {"state": state, "problem": "", "detail": ""}
            for state in ("none", "refused", "accepted")
        ],
        cookies=[
            cookie("_ga"),
            cookie("_ga", state="refused"),
            cookie("dmj_consent", state="refused"),
            cookie("_ga", state="accepted"),
            cookie("dmj_consent", state="accepted"),
        ],
        storage=[stored("ga_state"), stored("ga_state", state="accepted")],
        signals=[
            signal("G100"),
            signal("G100", state="refused"),
            signal("G101", state="accepted", gcd="13p3r3p3p5"),
        ],
    )


def test_pages_without_the_banner_are_never_in_breach():
    visit = banner_visit()
    visit.banner = False

    findings = findings_of([visit], POLICY, "Privacy and Cookies", PAGE)

    assert findings["breaches"] == []


def test_the_report_says_the_breaches_first_then_each_state():
    findings = findings_of([banner_visit()], POLICY, "Privacy and Cookies", PAGE)

    text = text_report(findings)

    assert text.startswith(
        "Cookies and web storage set by 1 address(es), against the 5 cookies and "
        f"storage keys declared in “Privacy and Cookies” ({PAGE}):\n\n"
        "BREACHES: 3\n"
        f"  - before any choice, {PAGE} set _ga on www.example.com/ (first party, "
        "1 hour), declared as analytics\n"
        f"  - before any choice, {PAGE} set ga_state in the local storage of {ORIGIN} "
        "(first party), declared as analytics\n"
        f"  - after “Reject all”, {PAGE} set _ga on www.example.com/ (first party, "
        "1 hour), declared as analytics\n"
    )
    assert (
        f"{PAGE}: 2 cookie(s), 1 storage key(s)\n"
        "    shows the consent banner: audited in each state\n"
        "    before any choice: cookies: _ga; storage: ga_state (local storage)\n"
        "    before any choice: Google consent: gcs=G100 (ad_storage denied, "
        "analytics_storage denied), gcd=13p3p3p3p5 to region1.google-analytics.com\n"
        "    after “Reject all”: cookies: _ga, dmj_consent; storage: none\n"
    ) in text
    assert (
        "    after “Accept all”: Google consent: gcs=G101 (ad_storage denied, "
        "analytics_storage granted)"
    ) in text
    assert text.endswith(
        "BREACH: a page sets more than the strictly necessary before a visitor "
        "chooses, or after they refuse.\n"
    )


# What editors see -----------------------------------------------------------


def store(findings, when=None):
    finished = when or timezone.now()
    return CookieAudit.objects.create(
        started_at=finished - timedelta(minutes=1),
        finished_at=finished,
        urls=[page["url"] for page in findings["pages"]],
        findings=findings,
        undeclared_count=len(findings["undeclared"]),
        not_seen_count=len(findings["not_seen"]),
        differently_count=len(findings["differently"]),
        failed_count=0,
    )


def french(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    return user


def test_editors_read_the_breaches_first_and_each_state(db):
    store(findings_of([banner_visit()], POLICY, "Privacy and Cookies", PAGE))
    editor = client_for(user_in("Editors"))

    page = html.unescape(editor.get("/admin/cookie-audit/").content.decode())
    dashboard = html.unescape(editor.get("/admin/").content.decode())

    assert page.index("Set without consent: 3 breaches") < page.index("Pages visited")
    assert (
        "Before visitors choose, and after they refuse, a page may set only strictly "
        "necessary cookies and storage."
    ) in page
    assert "Category: Analytics" in page
    assert "It shows the consent banner: audited before any choice" in page
    assert "After “Accept all”" in page
    assert "gcs=G101, gcd=13p3r3p3p5 (to region1.google-analytics.com)" in page
    assert "ad_storage denied, analytics_storage granted" in page
    assert "Set without consent" in dashboard
    assert (
        "found a page that sets cookies or storage beyond the strictly necessary"
        in dashboard
    )


def test_a_french_editor_reads_the_breaches_in_french(db):
    store(findings_of([banner_visit()], POLICY, "Privacy and Cookies", PAGE))
    client = client_for(french(user_in("Editors")))

    page = html.unescape(client.get("/admin/cookie-audit/").content.decode())
    dashboard = html.unescape(client.get("/admin/").content.decode())

    assert "Définis sans consentement : 3 infractions" in page
    assert "Après « Tout refuser »" in page
    assert "stockage local" in page
    assert "Définis sans consentement" in dashboard


def test_an_audit_stored_before_storage_and_states_still_reads(db):
    old = findings_of([banner_visit()], POLICY, "Privacy and Cookies", PAGE)
    for key in ("breaches",):
        del old[key]
    for page in old["pages"]:
        for key in ("storage_count", "banner", "states"):
            del page[key]
    old["undeclared"] = [
        {k: v for k, v in cookie("chat").items() if k not in ("state", "url")}
        | {"urls": [PAGE]}
    ]
    old["not_seen"] = [{k: v for k, v in declared("_gid").items() if k != "kind"}]
    store(old)

    response = client_for(user_in("Editors")).get("/admin/cookie-audit/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Set without consent" not in page
    assert '<th scope="row">chat</th>' in page
