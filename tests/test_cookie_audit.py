"""The cookie audit's rules, its bad input, and what editors see of it in the admin.

Visiting pages in Chromium is tested in tests/browser/test_cookie_audit.py.
"""

import html
import io
from datetime import timedelta

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import Site
from wagtail.users.models import UserProfile

import pytest

from audit.browser import Visit
from audit.compare import compare, lifetimes_differ, name_pattern
from audit.durations import lifetime_text
from audit.models import CookieAudit, CookieAuditSettings
from audit.report import findings_of
from policy.durations import SESSION, parse_duration
from tests.admin_menu import admin_menu
from tests.roles import client_for, user_in

DAY = 24 * 3600


# Durations as editors write them ------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2 years", 730 * DAY),
        ("24 hours", DAY),
        ("1 minute", 60),
        ("30 days", 30 * DAY),
        ("13 months", 390 * DAY),
        ("One year", 365 * DAY),
        ("1 year and 6 months", 545 * DAY),
        ("90 Days.", 90 * DAY),
        ("2 weeks", 14 * DAY),
        ("10 mins", 600),
    ],
)
def test_durations_in_words_are_read(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["Session", "session cookie", "Until you close your browser", "End of session"],
)
def test_a_cookie_deleted_when_the_browser_closes_is_a_session_cookie(text):
    assert parse_duration(text) == SESSION


@pytest.mark.parametrize(
    "text", ["Persistent", "varies", "2 years or until you log out", "", "years"]
)
def test_words_that_give_no_plain_duration_make_no_claim(text):
    assert parse_duration(text) is None
    assert not lifetimes_differ(text, 60)
    assert not lifetimes_differ(text, None)


def test_lifetimes_much_different_are_found():
    assert lifetimes_differ("24 hours", 60)
    assert lifetimes_differ("1 minute", DAY)
    assert lifetimes_differ("Session", 3600)
    assert lifetimes_differ("30 days", None)
    assert not lifetimes_differ("Session", None)
    assert not lifetimes_differ("24 hours", DAY - 5)
    assert not lifetimes_differ("13 months", 400 * DAY)
    # Browsers keep no cookie longer than 400 days: "2 years" is what they keep.
    assert not lifetimes_differ("2 years", 400 * DAY)
    assert lifetimes_differ("2 years", 30 * DAY)


def test_a_rows_lifetime_in_seconds_is_what_the_audit_holds_the_cookie_to():
    # Words that make no claim, with a number that does.
    assert lifetimes_differ("2 years or until you sign out", DAY, 60)
    assert not lifetimes_differ("2 years or until you sign out", 60, 60)
    # The number, capped as browsers cap it, against what the browser kept.
    assert not lifetimes_differ("2 years", 400 * DAY, 63072000)
    assert lifetimes_differ("2 years", 30 * DAY, 63072000)
    findings = compare(
        [{**declared("_ga", duration="2 ans"), "maxAgeSeconds": 60}],
        [seen("_ga", lifetime=400 * DAY)],
    )
    [differently] = findings["differently"]
    assert differently["differences"] == ["lifetime"]
    assert differently["declared_max_age_seconds"] == 60


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (None, "until the browser closes"),
        (400 * DAY, "400 days"),
        (DAY - 1, "1 day"),
        (23 * 3600, "23 hours"),
        (59, "1 minute"),
        (30, "30 seconds"),
    ],
)
def test_lifetimes_are_said_in_words(seconds, words):
    assert lifetime_text(seconds) == words


# Names that carry an id ----------------------------------------------------


def test_a_name_ending_in_an_id_stands_for_any_id():
    pattern = name_pattern("_gat_gtag_UA_951418_39")
    assert pattern.match("_gat_gtag_UA_951418_39")
    assert pattern.match("_gat_gtag_UA_12345678_1")
    assert not pattern.match("_gat_gtag_UA_")
    assert not pattern.match("_gat_gtag_UA_abc")
    assert not pattern.match("_gat_gtag")
    assert not pattern.match("_gat_gtag_XX_951418_39")

    ga4 = name_pattern("_ga_2QZ4KB8MSL")
    assert ga4.match("_ga_X9Y8Z7")
    assert not ga4.match("_ga")


def test_a_star_stands_for_any_characters():
    pattern = name_pattern("_hjSession_*")
    assert pattern.match("_hjSession_1234")
    assert pattern.match("_hjSession_abc")
    assert not pattern.match("_hjSession_")
    assert not pattern.match("_hjSessionUser_1")


def test_other_names_stand_for_themselves():
    assert name_pattern("_ga").match("_ga")
    assert not name_pattern("_ga").match("_gat")
    assert not name_pattern("_ga").match("_ga_X9Y8Z7")
    assert not name_pattern("_gid").match("_gidx")


def declared(name, party="first", duration="1 day"):
    return {"id": name, "name": name, "party": party, "duration": duration}


def seen(name, party="first", lifetime=DAY):
    return {
        "name": name,
        "domain": "example.com",
        "path": "/",
        "party": party,
        "lifetime": lifetime,
    }


def test_findings_compare_names_parties_and_lifetimes():
    findings = compare(
        [
            declared("_ga"),
            declared("_gat_gtag_UA_951418_39"),
            declared("_gone"),
            declared("_cfduid", party="first"),
        ],
        [
            seen("_ga"),
            seen("_gat_gtag_UA_1_2"),
            seen("_cfduid", party="third", lifetime=60),
            seen("chat"),
        ],
    )

    assert [cookie["name"] for cookie in findings["undeclared"]] == ["chat"]
    assert [row["name"] for row in findings["not_seen"]] == ["_gone"]
    [different] = findings["differently"]
    assert different["name"] == "_cfduid"
    assert different["differences"] == ["party", "lifetime"]


# The command's bad input (no browser needed) --------------------------------


def run(*args):
    out = io.StringIO()
    try:
        call_command("audit_cookies", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error.returncode, str(error)
    return out.getvalue(), 0, ""


def test_an_address_that_is_not_http_gets_a_line(db):
    out, status, error = run("ftp://example.com/policy", "javascript:alert(1)")

    assert status == 2
    assert "ftp://example.com/policy: NOT AUDITED, not an http or https address" in out
    assert "javascript:alert(1): NOT AUDITED, not an http or https address" in out
    assert error == "2 address(es) could not be audited."
    # Nothing was visited: no declared cookie is said to be missing.
    assert "Declared but not seen: 0" in out


def test_without_an_address_the_command_audits_the_setting(db):
    settings = CookieAuditSettings.for_site(Site.objects.get(is_default_site=True))
    settings.urls = "ftp://example.com/from-the-setting\n"
    settings.save()

    out, status, _error = run()

    assert status == 2
    assert "ftp://example.com/from-the-setting: NOT AUDITED" in out


def test_without_any_address_the_command_says_what_to_do(db):
    out, status, error = run()

    assert status == 2
    assert "No address to audit" in error
    assert "Settings → Cookie audit addresses" in error
    assert not CookieAudit.objects.exists()


def test_a_missing_chromium_is_said_plainly(db, settings):
    settings.COOKIE_AUDIT_CHROMIUM = "/nowhere/chromium"

    _out, status, error = run("https://example.com/")

    assert status == 2
    assert error.startswith("Chromium is not installed at /nowhere/chromium.")
    assert "apt-get install chromium" in error
    assert not CookieAudit.objects.exists()


def test_a_timeout_below_one_second_is_refused(db):
    _out, status, error = run("--timeout", "0", "https://example.com/")

    assert status == 1
    assert error == "--timeout must be at least 1 second."


# What editors and approvers see -------------------------------------------


def stored_audit(undeclared=True, when=None):
    """An audit as the command stores it, from visits written here."""
    cookies = [
        {
            **seen("_ga", lifetime=400 * DAY),
            "domain": "127.0.0.1",
            "url": "http://127.0.0.1/",
        },
        {
            **seen("_gid", lifetime=60),
            "domain": "127.0.0.1",
            "url": "http://127.0.0.1/",
        },
    ]
    if undeclared:
        cookies.append(
            {
                **seen("chat_visitor", party="third", lifetime=None),
                "domain": "chat.example",
                "url": "http://127.0.0.1/",
            }
        )
    visits = [
        Visit("http://127.0.0.1/", final_url="http://127.0.0.1/", cookies=cookies),
        Visit(
            "http://127.0.0.1:1/",
            problem="unreachable",
            detail="net::ERR_CONNECTION_REFUSED",
        ),
    ]
    rows = [
        declared("_ga", duration="2 years"),
        declared("_gid", duration="24 hours"),
        {**declared("_cfduid", duration="30 days"), "provider": "Cloudflare"},
    ]
    findings = findings_of(
        visits, rows, "Privacy and Cookies", "http://127.0.0.1/en/privacy-and-cookies/"
    )
    finished = when or timezone.now()
    return CookieAudit.objects.create(
        started_at=finished - timedelta(minutes=1),
        finished_at=finished,
        urls=[visit.url for visit in visits],
        findings=findings,
        undeclared_count=len(findings["undeclared"]),
        not_seen_count=len(findings["not_seen"]),
        differently_count=len(findings["differently"]),
        failed_count=1,
    )


@pytest.mark.parametrize("group", ["Editors", "Approvers"])
def test_editors_and_approvers_see_the_latest_audit(db, group):
    stored_audit(undeclared=False, when=timezone.now() - timedelta(days=7))
    stored_audit()
    client = client_for(user_in(group))

    page = client.get("/admin/cookie-audit/").content.decode()

    assert "Set but not declared: 1 cookie" in page
    assert '<th scope="row">chat_visitor</th>' in page
    assert "third party (another website)" in page
    assert "until the browser closes" in page
    assert "Declared but not seen: 1 cookie" in page
    assert '<th scope="row">_cfduid</th>' in page
    assert "Cloudflare" in page
    assert "Declared differently: 1 cookie" in page
    assert "first party (this website), 24 hours" in page
    assert "1 minute" in page
    assert "Not audited: could not be reached (net::ERR_CONNECTION_REFUSED)" in page
    assert "Earlier audits" in page
    assert "/admin/pages/" in page  # the link to the policy's cookie tables


def test_the_reports_menu_leads_editors_to_the_audit(db):
    menu = admin_menu(client_for(user_in("Editors")).get("/admin/"))

    assert menu[("Reports", "Cookie audit")] == "/admin/cookie-audit/"


def test_translators_may_not_see_the_audit(db):
    stored_audit()
    translator = client_for(user_in("Translators"))

    response = translator.get("/admin/cookie-audit/")
    dashboard = translator.get("/admin/").content.decode()

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert "/admin/cookie-audit/" not in dashboard
    assert "Cookies the policy does not declare" not in dashboard


def test_before_any_audit_the_page_says_so(db):
    page = client_for(user_in("Editors")).get("/admin/cookie-audit/").content.decode()

    assert "No cookie audit has run yet." in page
    assert "No addresses are set for the audit yet." in page


def test_the_dashboard_warns_when_the_last_audit_found_an_undeclared_cookie(
    db, en_policy
):
    stored_audit()
    dashboard = client_for(user_in("Editors")).get("/admin/").content.decode()

    assert "Cookies the policy does not declare" in dashboard
    assert "<code>chat_visitor</code>" in dashboard
    assert f'href="/admin/pages/{en_policy.pk}/edit/"' in dashboard


def test_the_dashboard_says_nothing_when_the_last_audit_found_nothing_new(db):
    stored_audit(when=timezone.now() - timedelta(days=7))
    stored_audit(undeclared=False)
    dashboard = client_for(user_in("Editors")).get("/admin/").content.decode()

    assert "Cookies the policy does not declare" not in dashboard


def test_the_audit_speaks_french_to_a_french_editor(db):
    stored_audit()
    user = user_in("Editors")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    client = client_for(user)

    page = client.get("/admin/cookie-audit/").content.decode()
    dashboard = client.get("/admin/").content.decode()

    assert "Définis mais non déclarés : 1 cookie" in page
    assert "tiers (un autre site web)" in page
    assert "jusqu’à la fermeture du navigateur" in page
    assert "Cookies que la politique ne déclare pas" in dashboard


# The addresses to audit: a setting editors change --------------------------


def settings_url():
    return f"/admin/settings/audit/cookieauditsettings/{Site.objects.get(is_default_site=True).pk}/"


def test_editors_set_the_addresses_to_audit(db):
    editor = client_for(user_in("Editors"))

    response = editor.post(
        settings_url(),
        {"urls": "https://www.example.com/en/\n\nhttps://www.example.com/contact/\n"},
    )

    assert response.status_code == 302
    saved = CookieAuditSettings.for_site(Site.objects.get(is_default_site=True))
    assert saved.url_list() == [
        "https://www.example.com/en/",
        "https://www.example.com/contact/",
    ]


def test_an_address_that_is_not_http_is_refused_in_the_setting(db):
    editor = client_for(user_in("Editors"))

    response = editor.post(
        settings_url(), {"urls": "https://ok.example/\nwww.example.com\n"}
    )

    assert response.status_code == 200
    assert "Not an http or https address: www.example.com" in response.content.decode()


def test_translators_may_not_change_the_addresses(db):
    response = client_for(user_in("Translators")).get(settings_url())

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


INTERNAL_ADDRESSES = [
    "http://127.0.0.1:8000/admin/",
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f000001/",  # in hexadecimal
    "http://0177.0.0.1/",  # in octal
    "http://127.1/",  # short form
    "http://0x7f.1/",
    "http://127.0.0.1./",  # trailing dot
    "https://%31%32%37.0.0.1/",  # percent-encoded
    "http://１２７.０.０.１/",  # full-width digits
    "http://user:password@127.0.0.1/",
    "http://localhost:8000/",
    "http://LOCALHOST./",
    "http://admin.localhost/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[0:0:0:0:0:ffff:7f00:1]/",
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://2852039166/",  # the same, in decimal
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",  # link-local
    "http://10.0.0.5:5432/",  # RFC 1918
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",  # carrier-grade NAT
    "http://[fc00::1]/",  # unique local
    "http://[fd12:3456::1]/",
    "http://0.0.0.0:8000/",  # unspecified
    "http://0/",
    "http://[::]/",
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://255.255.255.255/",
    "http://[fec0::1]/",  # IPv6 site-local
]


@pytest.mark.parametrize("address", INTERNAL_ADDRESSES)
def test_an_internal_address_is_refused_in_the_setting(db, address):
    editor = client_for(user_in("Editors"))

    response = editor.post(
        settings_url(), {"urls": f"https://www.example.com/\n{address}\n"}
    )

    assert response.status_code == 200
    assert (
        f"Not a public address: {address}. The audit visits only addresses on the "
        "internet, never this server or a private network."
    ) in html.unescape(response.content.decode())
    saved = CookieAuditSettings.for_site(Site.objects.get(is_default_site=True))
    assert saved.url_list() == []


@pytest.mark.parametrize(
    "address",
    [
        "http://93.184.215.14/",
        "https://[2606:2800:21f:cb07:6820:80da:af6b:3c50]/",
        "https://8.8.8.8:8443/",
        # Not resolvable here: checked again when the audit runs.
        "https://www.example.com/",
    ],
)
def test_a_public_address_is_accepted_in_the_setting(db, address):
    response = client_for(user_in("Editors")).post(
        settings_url(), {"urls": f"{address}\n"}
    )

    assert response.status_code == 302
    saved = CookieAuditSettings.for_site(Site.objects.get(is_default_site=True))
    assert saved.url_list() == [address]


def test_an_address_python_and_browsers_read_differently_is_refused(db):
    response = client_for(user_in("Editors")).post(
        settings_url(), {"urls": "http://127.0.0.1\\@www.example.com/\nhttp://[::1/\n"}
    )

    assert response.status_code == 200
    assert (
        "Not an http or https address: http://127.0.0.1\\@www.example.com/, "
        "http://[::1/"
    ) in html.unescape(response.content.decode())


def test_a_french_editor_reads_why_an_address_is_refused(db):
    user = user_in("Editors")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()

    response = client_for(user).post(
        settings_url(), {"urls": "http://2130706433:8000/admin/\n"}
    )

    assert response.status_code == 200
    assert (
        "Adresse non publique : http://2130706433:8000/admin/. L’audit ne visite que "
        "des adresses sur Internet, jamais ce serveur ni un réseau privé."
    ) in html.unescape(response.content.decode())


def test_the_command_refuses_an_internal_address_before_starting_a_browser(
    db, settings
):
    # No browser is needed to refuse: a missing one is not even looked for.
    settings.COOKIE_AUDIT_CHROMIUM = "/nowhere/chromium"

    out, status, error = run("http://2130706433:8000/admin/", "http://[::1]/")

    assert status == 2
    assert (
        "http://2130706433:8000/admin/: NOT AUDITED, refused as an internal address\n"
    ) in out
    assert "http://[::1]/: NOT AUDITED, refused as an internal address\n" in out
    assert "pass --allow-private-addresses" in error


def test_editors_read_refusals_without_what_was_refused(db):
    visits = [
        Visit("http://127.0.0.1:8000/admin/", problem="internal"),
        Visit(
            "https://www.example.com/", final_url="https://www.example.com/", refused=2
        ),
    ]
    findings = findings_of(visits, [], "Privacy and Cookies", "https://example.com/")
    CookieAudit.objects.create(
        started_at=timezone.now(),
        finished_at=timezone.now(),
        urls=[visit.url for visit in visits],
        findings=findings,
        undeclared_count=0,
        not_seen_count=0,
        differently_count=0,
        failed_count=1,
    )
    user = user_in("Editors")

    page = client_for(user).get("/admin/cookie-audit/").content.decode()

    assert "Not audited: refused as an internal address" in html.unescape(page)
    assert "Refused the page’s requests to 2 internal addresses." in html.unescape(page)

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    page = html.unescape(client_for(user).get("/admin/cookie-audit/").content.decode())

    assert "Non auditée : est refusée, car c’est une adresse interne" in page
    assert "Requêtes de la page vers 2 adresses internes refusées." in page
