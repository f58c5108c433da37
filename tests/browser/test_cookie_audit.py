"""`manage.py audit_cookies` against pages served locally, in Debian's Chromium.

The seeded policy declares four first-party cookies: _ga (2 years), _gid
(24 hours), _gat_gtag_UA_951418_39 (1 minute) and _cfduid (30 days).
"""

import io
import json
import socket

from django.core.management import CommandError, call_command

import pytest

from audit.models import CookieAudit
from tests.browser.cookie_pages import serve
from tests.roles import client_for, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site():
    server = serve()
    yield server
    server.shutdown()


def closed_port_url():
    """An address on this machine where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def audit(*urls, options=()):
    """The command's output and exit status, as a shell would see them.

    The test site is on 127.0.0.1: an internal address the audit refuses
    unless the operator allows them (tests/browser/test_audit_egress.py).
    """
    out = io.StringIO()
    try:
        call_command(
            "audit_cookies", *urls, "--allow-private-addresses", *options, stdout=out
        )
    except CommandError as error:
        return out.getvalue(), error.returncode, str(error)
    return out.getvalue(), 0, ""


def audit_json(*urls):
    out, status, _error = audit(*urls, options=["--json"])
    return json.loads(out), status


def names(cookies):
    return sorted(cookie["name"] for cookie in cookies)


def test_declared_cookies_set_by_a_header_and_by_a_script_are_found(site):
    out, status, _error = audit(
        site.url("/declared-header"), site.url("/declared-script")
    )

    assert status == 0
    assert f"{site.url('/declared-header')}: 1 cookie(s)" in out
    assert f"{site.url('/declared-script')}: 1 cookie(s)" in out
    assert "Set but not declared: 0" in out
    assert "Declared but not seen: 2\n  - _gat_gtag_UA_951418_39 " in out
    assert "  - _cfduid (Cloudflare, first party, 30 days)" in out
    # _ga asks for 2 years as declared; the browser keeps it 400 days at most.
    assert "Declared differently: 0" in out
    assert "Nothing new: every cookie set is declared in the policy." in out


def test_an_undeclared_cookie_is_listed_and_fails_the_audit(site):
    out, status, error = audit(site.url("/undeclared"))

    assert status == 1
    assert error == "1 cookie(s) set but not declared in the policy."
    assert (
        "Set but not declared: 1\n"
        "  - chat_visitor on 127.0.0.1/ (first party, 1 hour), "
        f"set by {site.url('/undeclared')}\n"
    ) in out
    assert "The policy does not declare every cookie set" in out


def test_a_cookie_from_another_site_is_third_party(site):
    findings, status = audit_json(site.url("/third-party"))

    assert status == 1
    [cookie] = findings["undeclared"]
    assert cookie["name"] == "ad_uid"
    assert cookie["domain"] == "localhost"
    assert cookie["party"] == "third"
    assert cookie["urls"] == [site.url("/third-party")]


def test_a_declared_first_party_cookie_set_by_another_site_is_declared_differently(
    site,
):
    out, status, _error = audit(site.url("/third-party-frame"))

    assert status == 0
    assert (
        "Declared differently: 1\n"
        "  - _cfduid on localhost/ (third party, 30 days):\n"
        "      declared first party, set as third party\n"
    ) in out


def test_a_much_shorter_lifetime_is_declared_differently(site):
    findings, status = audit_json(site.url("/short-lifetime"))

    assert status == 0
    [cookie] = findings["differently"]
    assert cookie["name"] == "_gid"
    assert cookie["declared_duration"] == "24 hours"
    assert cookie["differences"] == ["lifetime"]
    assert 55 <= cookie["lifetime"] <= 60


def test_a_page_setting_every_declared_cookie_finds_nothing_new(site):
    out, status, _error = audit(site.url("/all-declared"))

    assert status == 0
    # _gat_gtag_UA_12345678_1 is the declared _gat_gtag_UA_951418_39 with another account id.
    assert "4 cookie(s)" in out
    assert "Set but not declared: 0" in out
    assert "Declared but not seen: 0" in out
    assert "Declared differently: 0" in out
    assert "Nothing new: every cookie set is declared in the policy." in out
    audit_row = CookieAudit.objects.get()
    assert audit_row.urls == [site.url("/all-declared")]
    assert (audit_row.undeclared_count, audit_row.not_seen_count) == (0, 0)


def test_bad_addresses_get_a_line_each_and_do_not_stop_the_others(site):
    closed_port = closed_port_url()
    out, status, error = audit(
        "ftp://127.0.0.1/policy.html",
        closed_port,
        site.url("/data.json"),
        site.url("/broken"),
        site.url("/slow"),
        site.url("/declared-header"),
        # Three page views of /declared-header in time, on a busy machine too;
        # /slow answers after 12 seconds.
        options=["--timeout", "6"],
    )

    assert status == 2
    assert error == "5 address(es) could not be audited."
    assert (
        "ftp://127.0.0.1/policy.html: NOT AUDITED, not an http or https address\n"
    ) in out
    assert (
        f"{closed_port}: NOT AUDITED, could not be reached "
        "(net::ERR_CONNECTION_REFUSED)\n"
    ) in out
    assert (
        f"{site.url('/data.json')}: NOT AUDITED, is not an HTML page "
        "(application/json)\n"
    ) in out
    assert (
        f"{site.url('/broken')}: NOT AUDITED, answered with an error "
        "(500 Internal Server Error)\n"
    ) in out
    assert f"{site.url('/slow')}: NOT AUDITED, did not load in time (6 s)\n" in out
    assert f"{site.url('/declared-header')}: 1 cookie(s)\n" in out
    assert "Nothing new on the addresses audited, but some could not be audited." in out


def test_an_undeclared_cookie_outranks_an_address_not_audited(site):
    _out, status, _error = audit(site.url("/broken"), site.url("/undeclared"))

    assert status == 1


def test_only_get_requests_leave_the_browser(site):
    site.requests.clear()
    out, status, _error = audit(site.url("/posts"))

    assert status == 0
    assert site.requests and {method for method, _path in site.requests} == {"GET"}
    assert (
        f"    blocked a POST request to {site.url('/collect')} "
        "(the audit sends only GET requests)\n"
    ) in out
    assert f"blocked a POST request to {site.url('/beacon')}" in out


def test_editors_see_the_latest_audit_and_the_dashboard_warns_them(site):
    audit(site.url("/undeclared"), site.url("/declared-header"))
    editor = client_for(user_in("Editors"))

    page = editor.get("/admin/cookie-audit/").content.decode()
    assert "Set but not declared: 1 cookie" in page
    assert '<th scope="row">chat_visitor</th>' in page

    dashboard = editor.get("/admin/").content.decode()
    assert "Cookies the policy does not declare" in dashboard
    assert "<code>chat_visitor</code>" in dashboard

    # The cookie is declared (or removed from the site): the next audit is clean.
    audit(site.url("/declared-header"))
    dashboard = editor.get("/admin/").content.decode()
    assert "Cookies the policy does not declare" not in dashboard
