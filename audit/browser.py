"""Visiting pages as a visitor would, in headless Chromium, and keeping what they set.

Each address is opened in a fresh profile, as a first-time visitor who has
chosen nothing; a page that shows this site's consent banner is opened twice
more, each time in a fresh profile, as a visitor who refuses everything and
as one who accepts everything (audit.states). Each time, every cookie and web
storage key the browser then holds is kept, with the consent state the page
sent Google's tags (audit.page_view).

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

Playwright is imported when an audit runs, not with this module (audit.chromium).
"""

import contextlib
import itertools
import json
import os
import pwd
import shlex
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .addresses import PUBLIC_ONLY, is_http, is_refused
from .chromium import ChromiumUnavailable, playwright_sync_api
from .egress_proxy import EgressProxy
from .states import audit_address

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

# Why an address was not audited, for the report and the admin.
PROBLEMS = {
    "not_http": _("not an http or https address"),
    "internal": _("refused as an internal address"),
    "unreachable": _("could not be reached"),
    "timeout": _("did not load in time"),
    "http_error": _("answered with an error"),
    "not_html": _("is not an HTML page"),
}


@dataclass
class Visit:
    """One address audited: what it set, in each consent state, or why nothing was found.

    Each cookie, storage key and consent signal says the state it was found
    in (audit.states: none, refused, accepted); `states` lists the states
    viewed, with any problem a later one met.
    """

    url: str
    final_url: str = ""
    problem: str = ""
    detail: str = ""
    cookies: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    # How many internal addresses the page's requests were refused (never which).
    refused: int = 0
    storage: list = field(default_factory=list)
    # The consent state the page's requests carried to Google's tags: gcs, gcd.
    signals: list = field(default_factory=list)
    states: list = field(default_factory=list)
    # Whether the page showed this site's consent banner (then three states).
    banner: bool = False

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
        profiles = (f"profile-{number}" for number in itertools.count(1))
        opened = []

        def open_context():
            """Chromium in a new profile; the one before it, closed, is removed."""
            for earlier in opened:
                shutil.rmtree(workdir / earlier, ignore_errors=True)
            opened[:] = [next(profiles)]
            return _launch(playwright, workdir, chromium, proxy, opened[0])

        for visit in to_open:
            audit_address(open_context, visit, timeout, proxy, egress)
    return visits


def _launch(playwright, workdir, chromium, proxy, name="profile"):
    """Chromium in a fresh profile, sandboxed, its requests through the proxy (if any)."""
    profile = workdir / name
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
