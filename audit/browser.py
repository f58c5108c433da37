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

Only public addresses are visited (audit.addresses): the addresses given are
checked before the browser starts, and every request the browser makes goes
through audit.egress_proxy, which refuses internal addresses, redirects and a
page's own requests included. A refused address is reported as such and
nothing more, whatever listens there. --allow-private-addresses (Egress with
allow_private) lets the browser connect directly, as any browser on the
machine would.

Chromium runs with its sandbox. Root may not start it so: as root, the audit
starts it as nobody (setpriv), with a profile nobody owns.

No database access here: Playwright's sync API runs an event loop in the
calling thread, and Django refuses queries from a thread with a running loop.

Playwright is imported when an audit runs, not with this module: the site
(whose admin shows PROBLEMS) serves without it, and only a server that runs
the audit installs it, with the project's `audit` extra.
"""

import contextlib
import json
import os
import pwd
import re
import shlex
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .addresses import PUBLIC_ONLY, host_and_port, is_http, is_refused
from .compare import party
from .egress_proxy import EgressProxy

CHROMIUM_ARGS = [
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The user Chromium runs as when the audit runs as root.
UNPRIVILEGED_USER = "nobody"


def proxy_args(port):
    """Every request through the audit's proxy, loopback included; no UDP around it."""
    return [
        f"--proxy-server=http://127.0.0.1:{port}",
        # Chromium sends localhost and 127.0.0.0/8 around a proxy unless told not to.
        "--proxy-bypass-list=<-loopback>",
        # WebRTC would otherwise send UDP (STUN, TURN) straight out.
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--disable-quic",
    ]


# Chromium's "cookie controls": 0 lets third-party cookies through, as Chrome's default.
PROFILE_PREFERENCES = {"profile": {"cookie_controls_mode": 0}}
HTML_TYPES = ("text/html", "application/xhtml+xml")

# Why an address was not audited, for the report and the admin.
PROBLEMS = {
    "not_http": _("not an http or https address"),
    "internal": _("refused as an internal address"),
    "unreachable": _("could not be reached"),
    "timeout": _("did not load in time"),
    "http_error": _("answered with an error"),
    "not_html": _("is not an HTML page"),
}


class ChromiumUnavailable(Exception):
    """Chromium is not installed where the settings say, would not start, or
    cannot be driven (Playwright is not installed)."""


PLAYWRIGHT_MISSING = (
    "Playwright, with which the audit drives Chromium, is not installed. Install "
    "the project with its audit extra: pip install 'dmj-privacy[audit]' (in a "
    "checkout: pip install -e '.[audit]', which make install does)."
)


def playwright_sync_api():
    """playwright.sync_api, or ChromiumUnavailable saying how to install it."""
    try:
        from playwright import sync_api
    except ImportError as error:
        raise ChromiumUnavailable(PLAYWRIGHT_MISSING) from error
    return sync_api


@dataclass
class Visit:
    """One address audited: the cookies found, or why there are none."""

    url: str
    final_url: str = ""
    problem: str = ""
    detail: str = ""
    cookies: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    # How many internal addresses the page's requests were refused (never which).
    refused: int = 0

    def as_dict(self):
        return asdict(self)


def visit_pages(urls, timeout=30, egress=PUBLIC_ONLY):
    """A Visit for each address, in order. Raises ChromiumUnavailable."""
    visits = [Visit(url) for url in urls]
    to_open = []
    for visit in visits:
        if not is_http(visit.url):
            visit.problem = "not_http"
        elif is_refused(visit.url, egress):
            visit.problem = "internal"
        else:
            to_open.append(visit)
    if not to_open:
        return visits

    playwright_api = playwright_sync_api()
    chromium = settings.COOKIE_AUDIT_CHROMIUM
    if not os.access(chromium, os.X_OK):
        raise ChromiumUnavailable(
            f"Chromium is not installed at {chromium}. Install Debian's package "
            "(apt-get install chromium) or set COOKIE_AUDIT_CHROMIUM to its path."
        )
    with contextlib.ExitStack() as stack:
        workdir = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="cookie-audit-"))
        )
        proxy = None
        if not egress.allow_private:
            proxy = stack.enter_context(EgressProxy(egress))
        playwright = stack.enter_context(playwright_api.sync_playwright())
        context = _launch(playwright, workdir, chromium, proxy)
        try:
            for visit in to_open:
                _visit(context, visit, timeout * 1000, proxy, egress)
        finally:
            context.close()
    return visits


def _launch(playwright, workdir, chromium, proxy):
    """Chromium in a fresh profile, sandboxed, its requests through the proxy (if any)."""
    profile = workdir / "profile"
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(json.dumps(PROFILE_PREFERENCES))
    executable = chromium
    if os.geteuid() == 0:
        executable = _unprivileged(workdir, chromium, profile)
    args = CHROMIUM_ARGS + (proxy_args(proxy.port) if proxy else [])
    playwright_api = playwright_sync_api()
    try:
        return playwright.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            args=args,
            chromium_sandbox=True,
            # Nothing of the server's environment (its secrets) reaches the browser.
            env={"HOME": str(profile), "PATH": os.environ.get("PATH", os.defpath)},
        )
    except playwright_api.Error as error:
        raise ChromiumUnavailable(
            f"Chromium ({chromium}) would not start: {error.message}"
        ) from error


def _unprivileged(workdir, chromium, profile):
    """A script that starts Chromium as nobody, for Playwright to run as if it were Chromium.

    Chromium refuses its sandbox to root; as nobody it has it (user namespaces
    and seccomp), and cannot read what only root may.
    """
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise ChromiumUnavailable(
            "The audit runs as root, and starts Chromium as nobody with setpriv, "
            "which is not installed (apt-get install util-linux)."
        )
    user = pwd.getpwnam(UNPRIVILEGED_USER)
    # nobody may go through workdir to its profile, and read nothing else there.
    workdir.chmod(0o711)
    for path in [profile, *profile.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)
    wrapper = workdir / "chromium"
    wrapper.write_text(
        "#!/bin/sh\n"
        f"exec {shlex.quote(setpriv)} --reuid={user.pw_uid} --regid={user.pw_gid} "
        f'--clear-groups --no-new-privs -- {shlex.quote(chromium)} "$@"\n'
    )
    wrapper.chmod(0o755)
    return str(wrapper)


def _visit(context, visit, timeout_ms, proxy, egress):
    playwright_api = playwright_sync_api()
    context.clear_cookies()
    context.set_default_timeout(timeout_ms)
    if proxy is not None:
        proxy.forget()
    page = context.new_page()
    # Internal addresses a page sent other requests than GET to: stopped here, never listed.
    refused = set()
    navigations = []

    def only_get(route, request):
        if request.method == "GET":
            route.continue_()
            return
        if (
            proxy is not None
            and is_http(request.url)
            and is_refused(request.url, egress)
        ):
            refused.add(host_and_port(request.url))
        else:
            visit.blocked.append({"method": request.method, "url": request.url})
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

    page.route("**/*", only_get)
    page.on("request", on_request)
    try:
        try:
            response = page.goto(visit.url, wait_until="domcontentloaded")
        except playwright_api.TimeoutError:
            visit.problem = "timeout"
            visit.detail = f"{timeout_ms // 1000} s"
            return
        except playwright_api.Error as error:
            stopped = navigations and stopped_by_proxy(navigations[-1])
            if stopped:
                visit.problem, visit.detail = stopped
            elif "Download is starting" in error.message:
                visit.problem, visit.detail = "not_html", "download"
            else:
                visit.problem = "unreachable"
                reason = re.search(r"net::ERR_[A-Z_]+", error.message)
                visit.detail = reason.group(0) if reason else error.message
            return
        stopped = response is not None and (
            response.status in (403, 502) and stopped_by_proxy(response.url)
        )
        if stopped:
            visit.problem, visit.detail = stopped
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
        if proxy is not None and visit.problem != "internal":
            visit.refused = len(refused | proxy.refused)
        page.close()


def _settle(page, timeout_ms):
    """Waits for the page to load and its network to go quiet, as long as the timeout allows.

    A page that keeps talking (a chat widget polling) is audited as it is then.
    """
    playwright_api = playwright_sync_api()
    for state in ("load", "networkidle"):
        try:
            page.wait_for_load_state(state, timeout=timeout_ms)
        except playwright_api.TimeoutError:
            return
