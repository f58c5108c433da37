"""A company site that embeds the consent banner, served on another origin.

The live server answers at http://localhost:<port>; this one at
http://127.0.0.1:<port>: another origin, and another site to the browser. Its
pages run under a strict Content-Security-Policy that allows this site's
script, stylesheet and records, and the page's own nonce for inline scripts.
Its pages are in English (/en), French (/fr) and German (/de).

Also what the tests read of a visit: the banner, and the records its
visitors' choices became.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.db import connection

NONCE = "c0mpanyn0nce"
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
        elif path in ("/en", "/fr", "/de", "/returning"):
            content_type = "text/html; charset=utf-8"
            body = company_page(consent, PAGE_LANGUAGES.get(path, "en-GB"))
            if path == "/returning" and self.server.returning_cookie:
                # A visitor who answered before: their browser sends the cookie
                # back, as a fresh profile's cannot.
                headers["Set-Cookie"] = self.server.returning_cookie + "; Path=/"
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
