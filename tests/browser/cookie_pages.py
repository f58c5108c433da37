"""Pages that set cookies, served locally for the cookie audit's tests.

One server on 127.0.0.1, reached under two names: 127.0.0.1 is the audited
site, localhost another website (a different site to the browser), whose image
or frame on a page sets third-party cookies. Third-party cookies need
SameSite=None and Secure, which browsers accept from http://localhost.
"""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TWO_YEARS = 2 * 365 * 24 * 3600
THIRTY_DAYS = 30 * 24 * 3600


def page(body):
    return f"<!doctype html><html><head><title>Test</title></head><body>{body}</body></html>"


def script_cookie(cookie):
    return f'<script>document.cookie = "{cookie}";</script>'


class CookiePages(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.requests.append(("GET", self.path))
        port = self.server.server_address[1]
        other_site = f"http://localhost:{port}"
        headers = []
        content_type = "text/html; charset=utf-8"
        status = 200
        match self.path:
            case "/declared-header":
                headers.append(f"_ga=GA1.1.123; Max-Age={TWO_YEARS}; Path=/")
                body = page("<p>Analytics, from a header.</p>")
            case "/declared-script":
                body = page(script_cookie("_gid=GA1.1.456; max-age=86400; path=/"))
            case "/undeclared":
                headers.append("chat_visitor=abc; Max-Age=3600; Path=/")
                body = page("<p>A chat widget.</p>")
            case "/third-party":
                body = page(f'<img src="{other_site}/pixel.gif" alt="">')
            case "/pixel.gif":
                headers.append(
                    "ad_uid=42; Max-Age=31536000; Path=/; SameSite=None; Secure"
                )
                content_type = "image/gif"
                body = "GIF89a"
            case "/third-party-frame":
                body = page(f'<iframe src="{other_site}/frame" title="Ad"></iframe>')
            case "/frame":
                body = page(
                    script_cookie(
                        f"_cfduid=d41; max-age={THIRTY_DAYS}; path=/; "
                        "SameSite=None; Secure"
                    )
                )
            case "/all-declared":
                headers.append(f"_ga=GA1.1.123; Max-Age={TWO_YEARS}; Path=/")
                headers.append(f"_cfduid=d41; Max-Age={THIRTY_DAYS}; Path=/")
                body = page(
                    script_cookie("_gid=GA1.1.456; max-age=86400; path=/")
                    + script_cookie("_gat_gtag_UA_12345678_1=1; max-age=60; path=/")
                )
            case "/short-lifetime":
                body = page(script_cookie("_gid=GA1.1.456; max-age=60; path=/"))
            case "/posts":
                body = page(
                    "<script>"
                    "fetch('/collect', {method: 'POST', body: 'hit'});"
                    "navigator.sendBeacon('/beacon', 'bye');"
                    "</script>"
                    '<form method="post" action="/form"><button>Send</button></form>'
                )
            case "/data.json":
                content_type = "application/json"
                body = '{"cookies": []}'
            case "/broken":
                status = 500
                body = page("<p>Server error.</p>")
            case "/slow":
                # Longer than any --timeout the tests give the audit.
                time.sleep(12)
                body = page("<p>Too late.</p>")
            case _:
                status = 404
                body = page("<p>Not found.</p>")
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for cookie in headers:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        # The browser may have given up waiting (/slow).
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(data)

    def do_POST(self):
        self.server.requests.append((self.command, self.path))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_DELETE = do_HEAD = do_POST


class CookiePagesServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), CookiePages)
        self.requests = []

    def url(self, path):
        """An address on the audited site."""
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


def serve():
    server = CookiePagesServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
