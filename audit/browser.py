"""Visiting pages as a visitor would, in headless Chromium, and keeping the cookies.

Each address is opened in a fresh profile's window with no cookies: the page
loads, the network settles, the page is scrolled once and settles again, and
every cookie the browser then holds is kept, whoever set it (the page's
headers or scripts, or another site's image, script or frame).

The profile lets third-party cookies through, as Chrome does by default: the
policy must declare every cookie a visitor can get, so the audit sees the most
a common browser accepts. (Chromium's own default in a headless or private
window blocks them, which would hide exactly the cookies an audit is for.)

Only GET requests leave the browser: any other request a page makes (a form
sent, a beacon, a POST by script) is stopped and listed.

No database access here: Playwright's sync API runs an event loop in the
calling thread, and Django refuses queries from a thread with a running loop.
"""

import json
import os
import re
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from playwright.sync_api import Error, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .compare import party

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Chromium's "cookie controls": 0 lets third-party cookies through, as Chrome's default.
PROFILE_PREFERENCES = {"profile": {"cookie_controls_mode": 0}}
HTML_TYPES = ("text/html", "application/xhtml+xml")

# Why an address was not audited, for the report and the admin.
PROBLEMS = {
    "not_http": _("not an http or https address"),
    "unreachable": _("could not be reached"),
    "timeout": _("did not load in time"),
    "http_error": _("answered with an error"),
    "not_html": _("is not an HTML page"),
}


class ChromiumUnavailable(Exception):
    """Chromium is not installed where the settings say, or would not start."""


@dataclass
class Visit:
    """One address audited: the cookies found, or why there are none."""

    url: str
    final_url: str = ""
    problem: str = ""
    detail: str = ""
    cookies: list = field(default_factory=list)
    blocked: list = field(default_factory=list)

    def as_dict(self):
        return asdict(self)


def is_http(url):
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def visit_pages(urls, timeout=30):
    """A Visit for each address, in order. Raises ChromiumUnavailable."""
    visits = [Visit(url) for url in urls]
    to_open = []
    for visit in visits:
        if is_http(visit.url):
            to_open.append(visit)
        else:
            visit.problem = "not_http"
    if not to_open:
        return visits

    chromium = settings.COOKIE_AUDIT_CHROMIUM
    if not os.access(chromium, os.X_OK):
        raise ChromiumUnavailable(
            f"Chromium is not installed at {chromium}. Install Debian's package "
            "(apt-get install chromium) or set COOKIE_AUDIT_CHROMIUM to its path."
        )
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        (Path(profile) / "Default").mkdir()
        (Path(profile) / "Default" / "Preferences").write_text(
            json.dumps(PROFILE_PREFERENCES)
        )
        try:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=chromium, args=CHROMIUM_ARGS
            )
        except Error as error:
            raise ChromiumUnavailable(
                f"Chromium ({chromium}) would not start: {error.message}"
            ) from error
        try:
            for visit in to_open:
                _visit(context, visit, timeout * 1000)
        finally:
            context.close()
    return visits


def _visit(context, visit, timeout_ms):
    context.clear_cookies()
    context.set_default_timeout(timeout_ms)
    page = context.new_page()

    def only_get(route, request):
        if request.method == "GET":
            route.continue_()
        else:
            visit.blocked.append({"method": request.method, "url": request.url})
            route.abort("blockedbyclient")

    page.route("**/*", only_get)
    try:
        try:
            response = page.goto(visit.url, wait_until="domcontentloaded")
        except PlaywrightTimeout:
            visit.problem = "timeout"
            visit.detail = f"{timeout_ms // 1000} s"
            return
        except Error as error:
            if "Download is starting" in error.message:
                visit.problem, visit.detail = "not_html", "download"
            else:
                visit.problem = "unreachable"
                reason = re.search(r"net::ERR_[A-Z_]+", error.message)
                visit.detail = reason.group(0) if reason else error.message
            return
        visit.final_url = page.url
        if response is not None and response.status >= 400:
            visit.problem = "http_error"
            visit.detail = f"{response.status} {response.status_text}".strip()
            return
        content_type = response.headers.get("content-type", "") if response else ""
        if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            visit.problem = "not_html"
            visit.detail = content_type or "no Content-Type"
            return

        _settle(page, timeout_ms)
        # As a visitor reading on: lazy images and scroll-triggered tags load.
        page.mouse.wheel(0, 100_000)
        _settle(page, timeout_ms)

        host = urlsplit(visit.final_url).hostname or ""
        now = time.time()
        for cookie in context.cookies():
            expires = cookie.get("expires", -1)
            visit.cookies.append(
                {
                    "name": cookie["name"],
                    "domain": cookie["domain"],
                    "path": cookie["path"],
                    "lifetime": round(expires - now) if expires > 0 else None,
                    "party": party(cookie["domain"], host),
                    "url": visit.url,
                }
            )
    finally:
        page.close()


def _settle(page, timeout_ms):
    """Waits for the page to load and its network to go quiet, as long as the timeout allows.

    A page that keeps talking (a chat widget polling) is audited as it is then.
    """
    for state in ("load", "networkidle"):
        try:
            page.wait_for_load_state(state, timeout=timeout_ms)
        except PlaywrightTimeout:
            return
