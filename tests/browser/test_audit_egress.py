"""The cookie audit's browser reaches no internal address, whatever leads it there.

The pages here are served on 127.0.0.1, itself an internal address: the audit
is told to let exactly their address and port through (--allow-address, as an
operator would for one staging site) and nothing else internal. Beside them, a
listener stands for an internal service (the admin, a database) and records
every connection it gets; a port where nothing listens stands for a closed one.
"""

import contextlib
import getpass
import io
import json
import os
import pwd
import socket
import socketserver
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.management import CommandError, call_command

import pytest
from playwright.sync_api import sync_playwright

from audit.browser import _launch
from tests.browser.cookie_pages import serve
from tests.services import CHROMIUM

pytestmark = pytest.mark.django_db

REFUSED = "NOT AUDITED, refused as an internal address"


class Listener(socketserver.ThreadingTCPServer):
    """An internal service: answers anything with a secret, and remembers who came.

    It listens for UDP on the same port too (WebRTC's STUN), and keeps what it gets.
    """

    daemon_threads = True

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            self.server.connections.append(self.client_address)
            self.request.settimeout(2)
            try:
                self.request.recv(65536)
                self.request.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Access-Control-Allow-Origin: *\r\nContent-Length: 16\r\n"
                    b"Connection: close\r\n\r\ninternal secrets"
                )
            except OSError:
                pass

    def __init__(self):
        super().__init__(("127.0.0.1", 0), self.Handler)
        self.connections = []
        self.port = self.server_address[1]
        self.datagrams = []
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        threading.Thread(target=self.receive_datagrams, daemon=True).start()

    def receive_datagrams(self):
        with contextlib.suppress(OSError):
            while True:
                self.datagrams.append(self.udp.recvfrom(65536)[0])

    def server_close(self):
        super().server_close()
        self.udp.close()


def probe_page(port):
    """A page that tries every way a page has to reach 127.0.0.1:port, then says what it saw."""
    target = f"127.0.0.1:{port}"
    return f"""<!doctype html><html><head><title>Probe</title></head><body>
<img src="http://{target}/image.png" alt="">
<iframe src="http://{target}/frame" title="frame"></iframe>
<script>
function outcome(promise) {{
    return promise.then(() => "answered", (error) => "failed: " + error.name);
}}
function peer(target) {{
    // WebRTC gathers candidates from a STUN server (UDP) and a TURN server (TCP).
    return new Promise((resolve) => {{
        const connection = new RTCPeerConnection({{iceServers: [
            {{urls: "stun:" + target}},
            {{urls: "turn:" + target + "?transport=tcp", username: "u", credential: "p"}},
        ]}});
        connection.createDataChannel("probe");
        connection.onicegatheringstatechange = () => {{
            if (connection.iceGatheringState === "complete") resolve("gathered");
        }};
        connection.createOffer().then((offer) => connection.setLocalDescription(offer));
        setTimeout(() => resolve("gathered"), 3000);
    }});
}}
function socket(url) {{
    return new Promise((resolve) => {{
        const ws = new WebSocket(url);
        ws.onopen = () => resolve("answered");
        ws.onerror = () => resolve("failed");
    }});
}}
Promise.all([
    outcome(fetch("http://{target}/api")),
    outcome(fetch("https://{target}/api")),
    outcome(fetch("http://{target}/collect", {{method: "POST", body: "x"}})),
    socket("ws://{target}/socket"),
    peer("{target}"),
]).then((seen) => fetch("/seen?" + encodeURIComponent(seen.join(" | "))));
</script></body></html>"""


METADATA_PAGE = """<!doctype html><html><head><title>Metadata</title></head><body>
<img src="http://169.254.169.254/latest/meta-data/" alt="">
<iframe src="http://2852039166/latest/meta-data/iam/" title="frame"></iframe>
<script>
fetch("http://[::ffff:a9fe:a9fe]/latest/api/token", {method: "PUT"}).catch(() => {});
fetch("http://[fd00:ec2::254]/latest/meta-data/").catch(() => {});
</script></body></html>"""


class PublicPages(BaseHTTPRequestHandler):
    """The pages the audit is allowed to open."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        status, headers, body = 200, {"Content-Type": "text/html"}, ""
        match url.path:
            case "/redirect":
                status, headers = 302, {"Location": query["to"][0]}
            case "/probe":
                body = probe_page(query["port"][0])
            case "/metadata":
                body = METADATA_PAGE
            case "/seen":
                self.server.seen.append(url.query)
            case _:
                status = 404
        data = body.encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class PublicServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PublicPages)
        self.seen = []
        self.address = f"127.0.0.1:{self.server_address[1]}"

    def url(self, path):
        return f"http://{self.address}{path}"


def started(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def listener():
    server = started(Listener())
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def public():
    server = started(PublicServer())
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def audit(*urls, options=()):
    out = io.StringIO()
    try:
        call_command("audit_cookies", *urls, *options, stdout=out)
    except CommandError as error:
        return out.getvalue(), error.returncode, str(error)
    return out.getvalue(), 0, ""


def audit_allowing(public, *urls, options=()):
    """The audit, with the public pages' address the one internal address allowed."""
    return audit(*urls, options=["--allow-address", public.address, *options])


def line_for(out, url):
    [line] = [line for line in out.splitlines() if line.startswith(f"{url}:")]
    return line[len(url) :]


def page_lines(out, url):
    """The report's lines about one address, the address left out."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{url}:"))
    block = [lines[start][len(url) :]]
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    return block


def test_a_redirect_to_an_internal_address_is_refused_whatever_listens_there(
    public, listener, closed_port
):
    targets = {}
    for port in (listener.port, closed_port):
        for target in (
            f"http://127.0.0.1:{port}/admin/",
            f"https://127.0.0.1:{port}/",
            f"http://2130706433:{port}/",
            f"http://0x7f.1:{port}/",
            f"http://[::ffff:127.0.0.1]:{port}/",
            f"http://localhost:{port}/",
        ):
            targets[target] = public.url(f"/redirect?to={target}")

    out, status, error = audit_allowing(public, *targets.values())

    for url in targets.values():
        assert line_for(out, url) == f": {REFUSED}"
    assert status == 2
    assert error.startswith(f"{len(targets)} address(es) could not be audited.")
    assert "ERR_" not in out
    assert listener.connections == []


def test_a_page_probing_internal_ports_reaches_nothing_and_tells_nothing(
    public, listener, closed_port
):
    to_open = public.url(f"/probe?port={listener.port}")
    to_closed = public.url(f"/probe?port={closed_port}")

    out, status, _error = audit_allowing(public, to_open, to_closed)

    assert status == 0
    assert page_lines(out, to_open) == page_lines(out, to_closed)
    assert page_lines(out, to_open) == [
        ": 0 cookie(s)",
        "    refused the page's requests to 1 internal address(es)",
    ]
    # The POST was stopped before any network, and is not listed either.
    assert "blocked a POST" not in out
    assert listener.connections == []
    assert listener.datagrams == []
    # What the page itself saw, open port or closed: the same failures.
    assert [unquote(seen) for seen in public.seen] == [
        "failed: TypeError | failed: TypeError | failed: TypeError | failed | gathered"
    ] * 2
    findings = json.loads(
        audit_allowing(public, to_open, to_closed, options=["--json"])[0]
    )
    open_page, closed_page = findings["pages"]
    for key in ("problem", "detail", "cookie_count", "blocked", "refused"):
        assert open_page[key] == closed_page[key]


def test_the_cloud_metadata_service_is_refused_in_every_notation(public):
    out, status, _error = audit_allowing(public, public.url("/metadata"))

    assert status == 0
    # 169.254.169.254 (written also as 2852039166), ::ffff:a9fe:a9fe and fd00:ec2::254.
    assert page_lines(out, public.url("/metadata")) == [
        ": 0 cookie(s)",
        "    refused the page's requests to 3 internal address(es)",
    ]
    assert "169.254" not in out
    assert "blocked a PUT" not in out


def test_internal_addresses_given_to_the_audit_are_refused_before_the_browser(
    listener, closed_port
):
    urls = [
        f"http://127.0.0.1:{listener.port}/admin/",
        f"http://127.0.0.1:{closed_port}/admin/",
        f"http://2130706433:{listener.port}/",
        f"http://[::1]:{listener.port}/",
        "http://169.254.169.254/latest/meta-data/",
    ]

    out, status, _error = audit(*urls)

    assert status == 2
    for url in urls:
        assert f"{url}: {REFUSED}\n" in out
    assert listener.connections == []


def test_with_private_addresses_allowed_the_probe_reaches_the_listener(
    public, listener
):
    """The listener and the probe work: without the proxy's refusal, the page gets through."""
    out, status, _error = audit(
        public.url(f"/probe?port={listener.port}"),
        options=["--allow-private-addresses"],
    )

    assert status == 0
    assert "refused" not in out
    assert listener.connections
    assert listener.datagrams  # STUN, over UDP


def test_the_command_refuses_a_site_on_this_machine_unless_told_otherwise():
    site = serve()
    try:
        out, status, error = audit(site.url("/declared-header"))

        assert status == 2
        assert f"{site.url('/declared-header')}: {REFUSED}\n" in out
        assert error == (
            "1 address(es) could not be audited. Internal addresses (this machine, "
            "private networks) are refused: to audit a test site on one, pass "
            "--allow-private-addresses."
        )
        assert site.requests == []

        out, status, _error = audit(
            site.url("/declared-header"), options=["--allow-private-addresses"]
        )

        assert status == 0
        assert f"{site.url('/declared-header')}: 1 cookie(s)\n" in out
    finally:
        site.shutdown()


def test_an_allowed_address_that_does_not_answer_is_said_to_be_unreachable(
    public, closed_port
):
    url = f"http://127.0.0.1:{closed_port}/"

    out, status, _error = audit(url, options=["--allow-address", url[7:-1]])

    assert status == 2
    assert f"{url}: NOT AUDITED, could not be reached (connection refused)\n" in out


def test_a_malformed_allowed_address_is_said_plainly():
    _out, status, error = audit(
        "https://example.com/", options=["--allow-address", "127.0.0.1"]
    )

    assert status == 1
    assert error == "--allow-address: '127.0.0.1' is not HOST:PORT (as 127.0.0.1:8000)."


def test_chromium_runs_sandboxed_and_unprivileged():
    with (
        tempfile.TemporaryDirectory(prefix="cookie-audit-test-") as workdir,
        sync_playwright() as playwright,
    ):
        context = _launch(playwright, Path(workdir), CHROMIUM, proxy=None)
        try:
            page = context.new_page()
            page.goto("chrome://sandbox")
            sandbox = page.inner_text("body")
            owners = browser_process_owners(f"{workdir}/profile")
        finally:
            context.close()

    assert "You are adequately sandboxed." in sandbox
    assert owners == {"nobody" if os.geteuid() == 0 else getpass.getuser()}


def browser_process_owners(profile):
    """The users running a process whose command line names this profile."""
    owners = set()
    for process in Path("/proc").iterdir():
        try:
            arguments = (process / "cmdline").read_bytes().split(b"\0")
            uid = (process / "status").read_text().split("\nUid:")[1].split()[0]
        except (OSError, IndexError):
            continue
        if f"--user-data-dir={profile}".encode() in arguments:
            owners.add(pwd.getpwuid(int(uid)).pw_name)
    return owners
