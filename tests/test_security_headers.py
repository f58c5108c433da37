"""The production settings' headers, scored the way Mozilla's HTTP Observatory scores a site.

The Observatory starts at 100, takes points off for each missing protection
and adds a few for the best ones; 100 and more is an A+. The rules below are
its tests (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring)
for what a page response can show: the redirect to HTTPS is checked apart.
"""

import json
import uuid

from django.db import connection

import pytest

from tests.production import PRODUCTION, run_with_settings
from tests.responses import csp_directives

# The responses come from another process, but from the tests' seeded database.
pytestmark = pytest.mark.django_db

HOST = "www.example.com"
SIX_MONTHS = 15_768_000


def observatory_score(headers):
    """(score, reasons) for one response's headers."""
    headers = {name.lower(): value for name, value in headers.items()}
    score, reasons = 100, []

    def adjust(points, reason):
        nonlocal score
        score += points
        reasons.append(f"{points:+d} {reason}")

    csp = csp_directives(headers.get("content-security-policy", ""))
    if not csp:
        adjust(-25, "no Content-Security-Policy")
    else:
        scripts = csp.get("script-src", csp.get("default-src", []))
        styles = csp.get("style-src", csp.get("default-src", []))
        if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
            adjust(-20, "CSP allows unsafe scripts")
        elif any(s in ("*", "http:", "https:") for s in scripts):
            adjust(-20, "CSP allows scripts from anywhere")
        elif "'unsafe-inline'" in styles:
            adjust(0, "CSP allows inline styles")
        elif csp.get("default-src") == ["'none'"]:
            adjust(+10, "CSP default-src 'none', no unsafe source")
        else:
            adjust(+5, "CSP without unsafe sources")

    hsts = headers.get("strict-transport-security", "")
    max_age = next((int(p.split("=")[1]) for p in hsts.split(";") if "max-age" in p), 0)
    if max_age < SIX_MONTHS:
        adjust(-20, "no HSTS of at least six months")
    elif "preload" in hsts:
        adjust(+5, "HSTS preload-ready")

    if headers.get("x-content-type-options", "").lower() != "nosniff":
        adjust(-5, "no X-Content-Type-Options: nosniff")

    frame_ancestors = csp.get("frame-ancestors")
    if frame_ancestors in (["'none'"], ["'self'"]):
        adjust(+5, "framing refused by CSP frame-ancestors")
    elif headers.get("x-frame-options", "").upper() not in ("DENY", "SAMEORIGIN"):
        adjust(-20, "pages may be framed by anyone")

    referrer = headers.get("referrer-policy", "").lower()
    if referrer in ("no-referrer", "same-origin", "strict-origin"):
        adjust(+5, "Referrer-Policy keeps addresses private")
    elif referrer in ("origin", "unsafe-url", "no-referrer-when-downgrade"):
        adjust(-5, "Referrer-Policy leaks addresses")

    if headers.get("access-control-allow-origin") == "*" and headers.get(
        "access-control-allow-credentials"
    ):
        adjust(-50, "any origin may read with credentials")
    return score, reasons


PAGES = [
    "/en/",
    "/fr/confidentialite-et-cookies/",
    "/en/privacy-and-cookies/history/",
    "/fr/recherche/?q=cookies",
    "/api/v2/pages/",
]

FETCH = """
import json
from django.test import Client
client = Client(HTTP_HOST={host!r})
result = {{}}
for url in {urls!r}:
    response = client.get(url, secure=True)
    result[url] = [response.status_code, dict(response.headers)]
plain = client.get("/en/privacy-and-cookies/")
result["http"] = [plain.status_code, dict(plain.headers)]
admin = client.get("/admin/login/", secure=True)
result["admin"] = [admin.status_code, dict(admin.headers)]
print(json.dumps(result))
"""


@pytest.fixture(scope="module")
def production_headers(django_db_setup, production_static_root):
    """Responses of the production settings, on the tests' seeded database.

    Asked once for the whole module, in a new process.
    """
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}"
    )
    result = run_with_settings(
        "production",
        FETCH.format(host=HOST, urls=PAGES),
        **{
            **PRODUCTION,
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": url,
            "CACHE_KEY_PREFIX": f"headers-{uuid.uuid4().hex[:8]}",
            "STATIC_ROOT": str(production_static_root),
        },
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_public_pages_and_the_api_score_an_a_plus(production_headers):
    for url in PAGES:
        status, headers = production_headers[url]
        score, reasons = observatory_score(headers)

        assert status == 200, url
        assert score >= 100, (url, reasons)


def test_plain_http_is_sent_to_https(production_headers):
    status, headers = production_headers["http"]

    assert status == 301
    assert headers["Location"] == f"https://{HOST}/en/privacy-and-cookies/"


def test_public_pages_refuse_powerful_browser_features(production_headers):
    _status, headers = production_headers["/fr/confidentialite-et-cookies/"]

    policy = headers["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()"):
        assert feature in policy


def test_the_admin_has_a_policy_of_its_own(production_headers):
    status, headers = production_headers["admin"]
    csp = csp_directives(headers["Content-Security-Policy"])

    assert status == 200
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert "Strict-Transport-Security" in headers


def test_the_admin_runs_no_script_inline_or_by_eval_but_two_of_localize(
    production_headers,
):
    """Only the admin's own files, and wagtail-localize's two inline scripts by
    their hashes (tests/browser/test_admin_csp.py walks the admin under it)."""
    _status, headers = production_headers["admin"]
    scripts = csp_directives(headers["Content-Security-Policy"])["script-src"]

    assert scripts[0] == "'self'"
    assert len(scripts) == 3
    assert all(source.startswith("'sha256-") for source in scripts[1:])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    # Its score, without its inline styles, which Wagtail still needs.
    score, reasons = observatory_score(headers)
    assert "+0 CSP allows inline styles" in reasons
    assert score >= 100, reasons


def test_the_score_takes_points_off_for_a_missing_protection():
    # The scoring above can fail: a bare response scores an F.
    score, _reasons = observatory_score({"Content-Type": "text/html"})

    assert score == 100 - 25 - 20 - 5 - 20
