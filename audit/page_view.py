"""One page view in a fresh profile: what one visitor, in one consent state, is given.

The page loads and the network settles. Where the visitor answers the consent
banner (audit.states), they answer, and the page is loaded again, as their
next page view, and settles. The page is then scrolled once and settles again
(lazy images and scroll-triggered tags load), and what the browser holds is
kept: every cookie, whoever set it (the page's headers or scripts, or another
site's image, script or frame); every key of the local and session storage of
the page and of its frames, wherever the browser lets it be read (not in a
sandboxed frame); and the consent state the page's requests carry to Google's
tags, the `gcs` and `gcd` parameters of any request's address.

Only GET requests leave the browser: any other request a page makes (a form
sent, a beacon, a POST by script) is stopped and listed with its address,
which is where a Google tag's POST carries its consent state too.

No database access here (audit.browser).
"""

import re
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from .addresses import host_and_port, is_http, is_refused
from .chromium import playwright_sync_api
from .compare import party

HTML_TYPES = ("text/html", "application/xhtml+xml")
# The query parameters in which Google's tags say which consent they were given.
CONSENT_PARAMETERS = ("gcs", "gcd")
STORAGE_KINDS = ("localStorage", "sessionStorage")
# A frame's origin and the keys of its storage; null where a script may not read it.
STORAGE_KEYS = """() => {
  const keys = (name) => {
    try { return Object.keys(window[name]); } catch (error) { return null; }
  };
  return {origin: location.origin, localStorage: keys("localStorage"),
          sessionStorage: keys("sessionStorage")};
}"""


class Deadline:
    """What is left of the time one address may take, all its page views together."""

    # The waits for the network to settle an address may need: twice in the
    # first page view, three times in each of the two answered ones.
    SETTLES = 8

    def __init__(self, seconds, end=None):
        self.seconds = seconds
        self.end = time.monotonic() + seconds if end is None else end
        self.settles_left = self.SETTLES

    def ms(self):
        return max(1, round((self.end - time.monotonic()) * 1000))

    def settling(self):
        """The time the next wait for the network to settle may take: its share of what is left.

        A page that keeps talking would otherwise leave no time for the
        states after it; it is audited as it is when its share runs out, and
        what a quiet page leaves goes to the waits after it.
        """
        now = time.monotonic()
        share = (self.end - now) / max(1, self.settles_left)
        self.settles_left -= 1
        return Deadline(self.seconds, end=now + share)


@dataclass
class PageView:
    """What one page view found, in one consent state, or why it found nothing."""

    url: str
    state: str
    problem: str = ""
    detail: str = ""
    final_url: str = ""
    cookies: list = field(default_factory=list)
    storage: list = field(default_factory=list)
    signals: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    # Internal addresses a page sent other requests than GET to: stopped, never listed.
    refused: set = field(default_factory=set)
    # What `look` saw on the settled page (audit.states: the banner, open).
    seen: bool = False


def view_page(context, view, deadline, proxy, egress, answer=None, look=None):
    """Fills `view` from one page view in `context`, a fresh profile.

    `answer(page, timeout_ms)`, if given, answers the page's banner once it
    has settled; the consent state kept is then the one sent after the answer.
    `look(page)`, if given, says whether the settled page shows something.
    """
    playwright_api = playwright_sync_api()
    context.set_default_timeout(deadline.ms())
    page = context.new_page()
    navigations = []
    answered = []

    def keep_signal(url):
        if answer is not None and not answered:
            return
        try:
            parts = urlsplit(url)
            query = parse_qs(parts.query)
        except ValueError:
            return
        if not any(name in query for name in CONSENT_PARAMETERS):
            return
        if proxy is not None and is_http(url) and is_refused(url, egress):
            return
        signal = {
            "host": parts.hostname or "",
            **{name: query.get(name, [""])[0] for name in CONSENT_PARAMETERS},
        }
        if signal not in view.signals:
            view.signals.append(signal)

    def only_get(route, request):
        if request.method == "GET":
            keep_signal(request.url)
            route.continue_()
            return
        if (
            proxy is not None
            and is_http(request.url)
            and is_refused(request.url, egress)
        ):
            view.refused.add(host_and_port(request.url))
        else:
            keep_signal(request.url)
            view.blocked.append({"method": request.method, "url": request.url})
        route.abort("blockedbyclient")

    def on_request(request):
        if request.is_navigation_request() and request.frame == page.main_frame:
            navigations.append(request.url)

    def stopped_by_proxy(url):
        """The problem and detail when the proxy refused or could not reach url."""
        target = proxy and is_http(url) and host_and_port(url)
        if not target:
            return None
        if target in proxy.refused:
            return "internal", ""
        if target in proxy.unreachable:
            return "unreachable", proxy.unreachable[target]
        return None

    def failed(error):
        """The problem and detail of a page that did not load."""
        if isinstance(error, playwright_api.TimeoutError):
            return "timeout", f"{deadline.seconds} s"
        stopped = navigations and stopped_by_proxy(navigations[-1])
        if stopped:
            return stopped
        if "Download is starting" in error.message:
            return "not_html", "download"
        reason = re.search(r"net::ERR_[A-Z_]+", error.message)
        return "unreachable", reason.group(0) if reason else error.message

    page.route("**/*", only_get)
    page.on("request", on_request)
    try:
        try:
            response = page.goto(
                view.url, wait_until="domcontentloaded", timeout=deadline.ms()
            )
        except playwright_api.Error as error:
            view.problem, view.detail = failed(error)
            return
        stopped = response is not None and (
            response.status in (403, 502) and stopped_by_proxy(response.url)
        )
        if stopped:
            view.problem, view.detail = stopped
            return
        view.final_url = page.url
        if response is not None and response.status >= 400:
            view.problem = "http_error"
            view.detail = f"{response.status} {response.status_text}".strip()
            return
        content_type = response.headers.get("content-type", "") if response else ""
        if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            view.problem = "not_html"
            view.detail = content_type or "no Content-Type"
            return

        _settle(page, deadline)
        if answer is not None:
            answered.append(True)
            try:
                answer(page, deadline.ms())
                # The visitor's next page view, with their answer.
                page.reload(wait_until="domcontentloaded", timeout=deadline.ms())
            except playwright_api.Error as error:
                view.problem, view.detail = failed(error)
                return
            _settle(page, deadline)
        # As a visitor reading on: lazy images and scroll-triggered tags load.
        page.mouse.wheel(0, 100_000)
        _settle(page, deadline)

        view.seen = bool(look and look(page))
        _collect(context, page, view)
    finally:
        page.close()


def _collect(context, page, view):
    """The cookies the browser holds and the storage keys of the page and its frames."""
    playwright_api = playwright_sync_api()
    host = urlsplit(view.final_url).hostname or ""
    now = time.time()
    for cookie in context.cookies():
        expires = cookie.get("expires", -1)
        view.cookies.append(
            {
                "name": cookie["name"],
                "domain": cookie["domain"],
                "path": cookie["path"],
                "lifetime": round(expires - now) if expires > 0 else None,
                "party": party(cookie["domain"], host),
                "url": view.url,
                "state": view.state,
            }
        )
    seen = set()
    for frame in page.frames:
        try:
            found = frame.evaluate(STORAGE_KEYS)
        except playwright_api.Error:
            continue  # a frame gone, or one no script may run in
        origin = found["origin"]
        if not origin or origin == "null":
            continue
        for kind in STORAGE_KINDS:
            for name in found[kind] or []:
                if (origin, kind, name) in seen:
                    continue
                seen.add((origin, kind, name))
                view.storage.append(
                    {
                        "name": name,
                        "kind": kind,
                        "origin": origin,
                        "party": party(urlsplit(origin).hostname or "", host),
                        "url": view.url,
                        "state": view.state,
                    }
                )


def _settle(page, deadline):
    """Waits for the page to load and its network to go quiet, for its share of the deadline.

    A page that keeps talking (a chat widget polling) is audited as it is then.
    """
    playwright_api = playwright_sync_api()
    settling = deadline.settling()
    for state in ("load", "networkidle"):
        try:
            page.wait_for_load_state(state, timeout=settling.ms())
        except playwright_api.TimeoutError:
            return
