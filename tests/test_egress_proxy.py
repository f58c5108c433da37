"""The cookie audit's egress proxy, spoken to over real sockets as Chromium speaks to it.

What reaches the other side is recorded by listeners on 127.0.0.1, which the
proxy is told to let through (Egress.allowed) or not.
"""

import ipaddress
import socket
import socketserver
import threading

import pytest

from audit.addresses import Egress
from audit.egress_proxy import EgressProxy

LOOPBACK = ipaddress.ip_address("127.0.0.1")


class Listener(socketserver.ThreadingTCPServer):
    """Records what it receives on each connection and answers with a small page."""

    daemon_threads = True

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            self.request.settimeout(2)
            received = b""
            try:
                while b"\r\n\r\n" not in received:
                    data = self.request.recv(65536)
                    if not data:
                        break
                    received += data
                self.server.received.append(received)
                self.request.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                    b"Connection: close\r\n\r\nhello"
                )
            except OSError:
                self.server.received.append(received)

    def __init__(self):
        super().__init__(("127.0.0.1", 0), self.Handler)
        self.received = []
        self.port = self.server_address[1]


def serving():
    server = Listener()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def listener():
    yield from serving()


@pytest.fixture
def other_listener():
    yield from serving()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def exchange(proxy, data):
    """Everything the proxy answers to data, until it closes the connection."""
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def get(target):
    host = target.split("/")[2]
    return f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()


def connect(target):
    return f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode()


def test_an_internal_address_gets_one_answer_whether_it_listens_or_not(
    listener, closed_port
):
    with EgressProxy() as proxy:
        answers = {
            exchange(proxy, request(f"127.0.0.1:{port}"))
            for port in (listener.port, closed_port)
            for request in (lambda t: get(f"http://{t}/admin/"), connect)
        }
        refused = proxy.refused

    assert answers == {
        b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    }
    assert refused == {("127.0.0.1", listener.port), ("127.0.0.1", closed_port)}
    assert listener.received == []


@pytest.mark.parametrize(
    "host",
    [
        "2130706433",
        "0x7f000001",
        "127.1",
        "[::ffff:127.0.0.1]",
        "localhost",
        "localhost.",
        "169.254.169.254",
        "[fd00:ec2::254]",
    ],
)
def test_the_proxy_resolves_every_notation_itself(listener, host):
    port = listener.port if "169.254" not in host and "fd00" not in host else 80
    with EgressProxy() as proxy:
        answer = exchange(proxy, get(f"http://{host}:{port}/"))

    assert answer.startswith(b"HTTP/1.1 403 Forbidden\r\n")
    assert listener.received == []


def test_an_allowed_address_is_reached_and_nothing_more_on_the_same_connection(
    listener, other_listener
):
    egress = Egress(allowed=frozenset({(LOOPBACK, listener.port)}))
    first = get(f"http://127.0.0.1:{listener.port}/page?x=1")
    # A second request on the same connection, to another (internal) address.
    second = get(f"http://127.0.0.1:{other_listener.port}/admin/")

    with EgressProxy(egress) as proxy:
        answer = exchange(proxy, first + second)

    assert answer.endswith(b"\r\n\r\nhello")
    [received] = listener.received
    assert received.startswith(b"GET /page?x=1 HTTP/1.1\r\n")
    assert b"\r\nConnection: close\r\n" in received
    assert b"/admin/" not in received
    assert other_listener.received == []


def test_an_allowed_address_is_tunnelled_for_https_and_websockets(listener):
    egress = Egress(allowed=frozenset({(LOOPBACK, listener.port)}))

    with EgressProxy(egress) as proxy:
        answer = exchange(
            proxy,
            connect(f"127.0.0.1:{listener.port}")
            + b"GET /inside HTTP/1.1\r\nHost: x\r\n\r\n",
        )

    assert answer.startswith(b"HTTP/1.1 200 Connection established\r\n\r\n")
    assert answer.endswith(b"hello")
    assert listener.received == [b"GET /inside HTTP/1.1\r\nHost: x\r\n\r\n"]


def test_an_allowed_address_is_allowed_on_its_port_only(listener, other_listener):
    egress = Egress(allowed=frozenset({(LOOPBACK, listener.port)}))

    with EgressProxy(egress) as proxy:
        answer = exchange(proxy, get(f"http://127.0.0.1:{other_listener.port}/"))

    assert answer.startswith(b"HTTP/1.1 403 Forbidden\r\n")
    assert other_listener.received == []


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /relative HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET ftp://example.com/ HTTP/1.1\r\n\r\n",
        b"CONNECT example.com HTTP/1.1\r\n\r\n",
        b"nonsense\r\n\r\n",
        b"POST http://93.184.215.14/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"GET http://93.184.215.14:99999/ HTTP/1.1\r\n\r\n",
    ],
)
def test_what_is_not_a_proxy_request_is_answered_400(request_bytes):
    with EgressProxy() as proxy:
        answer = exchange(proxy, request_bytes)

    assert answer.startswith(b"HTTP/1.1 400 Bad Request\r\n")


def test_a_name_that_does_not_resolve_is_unreachable():
    with EgressProxy() as proxy:
        answer = exchange(proxy, get("http://no-such-host.invalid/"))
        unreachable = proxy.unreachable

    assert answer.startswith(b"HTTP/1.1 502 Bad Gateway\r\n")
    assert unreachable == {("no-such-host.invalid", 80): "name not resolved"}


def test_private_addresses_allowed_let_everything_through(listener):
    with EgressProxy(Egress(allow_private=True)) as proxy:
        answer = exchange(proxy, get(f"http://localhost:{listener.port}/"))

    assert answer.endswith(b"hello")
    assert len(listener.received) == 1
