"""A company site that embeds the consent banner, served on another origin.

The live server answers at http://localhost:<port>; this one at
http://127.0.0.1:<port>: another origin, and another site to the browser. Its
pages run under a strict Content-Security-Policy that allows this site's
script, stylesheet and records, and the page's own nonce for inline scripts.
Its pages are in English (/en), French (/fr) and German (/de). /basic,
/advanced and /advanced-hosts carry a Google tag (a stand-in, /gtag.js) in
Google's basic and advanced consent modes, the last under a policy that
allows hosts rather than a nonce. Those with web storage, and a tag that
sends hits for the cookie audit, are in tests/browser/tagged_pages.py.

Also what the tests read of a visit: the banner, and the records its
visitors' choices became.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.db import connection

from tests.browser.tagged_pages import tagged_page

NONCE = "c0mpanyn0nce"
# The stand-in for Google's tag that make run's demo company site uses too.
GOOGLE_TAG = (
    Path(__file__).resolve().parents[2] / "consent/static/consent/demo/gtag-stand-in.js"
)
# The Google tag's own settings, as Google's snippet gives them.
GTAG_CONFIG = """window.dataLayer = window.dataLayer || [];
function gtag() { dataLayer.push(arguments); }
gtag("js", new Date());
gtag("config", "G-TEST");"""
PAGE_LANGUAGES = {"/fr": "fr-FR", "/de": "de-DE"}


def company_page(consent_origin, lang):
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Company site</title>
<script src="{consent_origin}/consent.js" defer></script>
</head>
<body>
<main>
<h1>Company site</h1>
<p>Our products.</p>
<p><button type="button" data-consent-open>Cookie settings</button></p>
</main>
<script type="text/plain" data-consent-category="analytics" nonce="{NONCE}">
document.cookie = "_ga=GA1.1.123; max-age=3600; path=/";
(window.ran = window.ran || []).push("analytics inline");
</script>
<script type="text/plain" data-consent-category="analytics" src="/analytics.js"></script>
<script type="text/plain" data-consent-category="marketing" nonce="{NONCE}">
document.cookie = "ad_id=42; max-age=3600; path=/";
(window.ran = window.ran || []).push("marketing inline");
</script>
</body>
</html>"""


def google_page(consent_origin, mode):
    """A page with a Google tag: marked for analytics (basic), or loaded at
    once after the consent-mode snippet, under a nonce or a list of hosts."""
    if mode == "basic":
        head = f'<script src="{consent_origin}/consent.js" defer></script>'
        tag = (
            '<script type="text/plain" data-consent-category="analytics" '
            f'nonce="{NONCE}" src="/gtag.js"></script>\n'
            '<script type="text/plain" data-consent-category="analytics" '
            f'nonce="{NONCE}">\n{GTAG_CONFIG}\n</script>'
        )
    elif mode == "advanced":
        head = (
            f'<script nonce="{NONCE}" src="{consent_origin}/consent-mode.js"></script>\n'
            f'<script nonce="{NONCE}" async src="/gtag.js"></script>\n'
            f'<script nonce="{NONCE}">\n{GTAG_CONFIG}\n</script>\n'
            f'<script nonce="{NONCE}" src="{consent_origin}/consent.js" defer></script>'
        )
        tag = ""
    else:  # advanced, under a policy that lists hosts: no inline script
        head = (
            f'<script src="{consent_origin}/consent-mode.js"></script>\n'
            '<script async src="/gtag.js"></script>\n'
            f'<script src="{consent_origin}/consent.js" defer></script>'
        )
        tag = ""
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Company site</title>
{head}
</head>
<body>
<main>
<h1>Company site</h1>
<p>Our products.</p>
</main>
{tag}
</body>
</html>"""


def google_policy(consent, mode):
    scripts = {
        "basic": f"'self' 'nonce-{NONCE}' {consent}",
        "advanced": f"'nonce-{NONCE}' 'strict-dynamic'",
        "advanced-hosts": f"'self' {consent}",
    }[mode]
    return (
        f"default-src 'none'; script-src {scripts}; style-src {consent}; "
        f"connect-src {consent}; base-uri 'none'"
    )


class CompanyPages(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        consent = self.server.consent_origin
        headers = {
            "Content-Security-Policy": (
                f"default-src 'none'; script-src 'self' 'nonce-{NONCE}' {consent}; "
                f"style-src {consent}; connect-src {consent}; base-uri 'none'"
            )
        }
        path = self.path.split("?")[0]
        if path == "/analytics.js":
            content_type = "text/javascript"
            body = '(window.ran = window.ran || []).push("analytics file");'
        elif path == "/gtag.js":
            content_type = "text/javascript"
            body = GOOGLE_TAG.read_text()
        elif path in ("/basic", "/advanced", "/advanced-hosts"):
            content_type = "text/html; charset=utf-8"
            body = google_page(consent, path[1:])
            headers["Content-Security-Policy"] = google_policy(consent, path[1:])
        elif path in ("/en", "/fr", "/de", "/returning"):
            content_type = "text/html; charset=utf-8"
            body = company_page(consent, PAGE_LANGUAGES.get(path, "en-GB"))
            if path == "/returning" and self.server.returning_cookie:
                # A visitor who answered before: their browser sends the cookie
                # back, as a fresh profile's cannot.
                headers["Set-Cookie"] = self.server.returning_cookie + "; Path=/"
        elif (tagged := tagged_page(path, consent, NONCE)) is not None:
            content_type, body, more_headers = tagged
            headers.update(more_headers)
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class CompanySite(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, consent_origin, host="127.0.0.1"):
        super().__init__((host, 0), CompanyPages)
        self.consent_origin = consent_origin
        self.returning_cookie = None

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path):
        return self.origin + path


def serve(consent_origin):
    server = CompanySite(consent_origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def banner(page):
    return page.get_by_role("dialog", name="Cookies on this site")


def in_thread(function):
    """function()'s result, computed in a thread of its own.

    Playwright keeps an event loop running in the test's thread, where Django
    refuses database queries (and a second Playwright cannot start).
    """
    result = {}

    def target():
        try:
            result["value"] = function()
        except BaseException as error:  # noqa: BLE001 - raised again below
            result["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def records():
    from consent.models import ConsentRecord

    return in_thread(
        lambda: list(
            ConsentRecord.objects.order_by("created_at").values(
                "policy_version", "language", "choices", "gpc", "origin"
            )
        )
    )


def proofs():
    """What each record says the visitor was shown: (language, texts version,
    script digest, receipt), oldest first."""
    from consent.models import ConsentRecord

    return in_thread(
        lambda: [
            (r.language, r.texts.number, r.script, str(r.receipt))
            for r in ConsentRecord.objects.select_related("texts").order_by(
                "created_at"
            )
        ]
    )
