"""The forward proxy every request of the audit's Chromium goes through, refusing internal addresses.

Why it exists: the audit opens addresses an editor typed, and the pages there
make requests of their own. Checking the typed address is not enough. A public
page can redirect to http://127.0.0.1:8000/admin/, load an image from
http://169.254.169.254/, or probe 10.0.0.5:5432 from JavaScript (fetch, a
frame, a websocket); a name can resolve to a public address when it is checked
and to 127.0.0.1 when the browser connects (DNS rebinding). Playwright's
request interception (page.route) closes none of this: it is not called for
redirects nor websockets, and never knows which address Chromium connects to.

So Chromium sends everything here (--proxy-server, with loopback not
bypassed). The proxy resolves the host itself, refuses the request when any
address it resolves to is not permitted (audit.addresses.Egress), and otherwise
connects to exactly the address it checked. A refused request is never
connected to, so it gets the same answer whatever listens there, or nothing.

Plain HTTP is forwarded one request per connection (Connection: close
upstream, and nothing more is read from the browser); HTTPS and websockets
arrive as CONNECT and are tunnelled once allowed. It runs its own event loop in
a thread, beside Playwright's, for the duration of one audit.
"""

import asyncio
import contextlib
import ipaddress
import os
import socket
import threading
from urllib.parse import urlsplit

from .addresses import PUBLIC_ONLY

REFUSED = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
UNREACHABLE = (
    b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
)
BAD_REQUEST = (
    b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
)
ESTABLISHED = b"HTTP/1.1 200 Connection established\r\n\r\n"
HOP_BY_HOP = {
    b"connection",
    b"keep-alive",
    b"proxy-connection",
    b"proxy-authorization",
    b"te",
    b"trailer",
    b"upgrade",
}
HEAD_TIMEOUT = 30
CONNECT_TIMEOUT = 10


class EgressProxy:
    """Start with `with EgressProxy(egress) as proxy:`; Chromium then uses 127.0.0.1:proxy.port.

    refused holds the (host, port) pairs refused and unreachable the reason
    each unreachable one could not be reached; the audit empties both before
    each page.
    """

    def __init__(self, egress=PUBLIC_ONLY):
        self.egress = egress
        self.port = None
        self.refused = set()
        self.unreachable = {}
        self._loop = None
        self._thread = None

    def forget(self):
        self.refused = set()
        self.unreachable = {}

    def __enter__(self):
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="egress-proxy", daemon=True
        )
        self._thread.start()
        ready.wait()
        if self.port is None:
            raise OSError("The audit's egress proxy could not listen on 127.0.0.1.")
        return self

    def __exit__(self, *exc_info):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()

    def _run(self, ready):
        self._loop = loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            server = loop.run_until_complete(
                asyncio.start_server(self._serve, "127.0.0.1", 0)
            )
            self.port = server.sockets[0].getsockname()[1]
        finally:
            ready.set()
        try:
            loop.run_forever()
        finally:
            server.close()
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.close()

    async def _serve(self, reader, writer):
        try:
            await self._forward(reader, writer)
        except (
            OSError,
            TimeoutError,
            ValueError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
        ):
            pass
        finally:
            writer.close()

    async def _forward(self, reader, writer):
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT)
        request = _parse(head)
        if request is None:
            writer.write(BAD_REQUEST)
            return
        method, parts, host, port, headers = request

        upstream, answer = await self._connect(host, port)
        if upstream is None:
            writer.write(answer)
            await writer.drain()
            return
        up_reader, up_writer = upstream
        try:
            if method == "CONNECT":
                writer.write(ESTABLISHED)
                await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
                return
            path = parts.path or "/"
            if parts.query:
                path += f"?{parts.query}"
            up_writer.write(
                b"\r\n".join(
                    [
                        f"{method} {path} HTTP/1.1".encode("latin-1"),
                        *headers,
                        b"Connection: close",
                        b"",
                        b"",
                    ]
                )
            )
            length = _content_length(headers)
            if length:
                # The body, and nothing after it: the next request on this
                # connection would be for another host.
                up_writer.write(await reader.readexactly(length))
            await up_writer.drain()
            await _pipe(up_reader, writer)
        finally:
            up_writer.close()

    async def _connect(self, host, port):
        """(reader, writer) connected to the exact address checked, or (None, the answer to send)."""
        key = (host, port)
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            infos = []
        addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
        if self.egress.refuses_host(host, port, addresses):
            # Before any connection: the same answer whatever listens there.
            self.refused.add(key)
            return None, REFUSED
        reason = "name not resolved"
        for info in infos:
            try:
                connection = await asyncio.wait_for(
                    asyncio.open_connection(info[4][0], port), CONNECT_TIMEOUT
                )
            except TimeoutError:
                reason = "connection timed out"
            except OSError as error:
                reason = os.strerror(error.errno).lower() if error.errno else str(error)
            else:
                return connection, None
        self.unreachable[key] = reason
        return None, UNREACHABLE


async def _pipe(reader, writer):
    with contextlib.suppress(OSError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


def _parse(head):
    """(method, URL parts, host, port, headers) of a request head, or None when it is not one to forward.

    Plain HTTP must come in absolute form (GET http://host/path), as browsers
    send it to a proxy; hop-by-hop headers are dropped. A body must have a
    Content-Length: one forwarded request must end where its length says.
    """
    request_line, *header_lines = head[:-4].split(b"\r\n")
    try:
        method, target, _version = request_line.decode("latin-1").split(" ")
        if method == "CONNECT":
            parts = urlsplit(f"//{target}")
        else:
            parts = urlsplit(target)
            if parts.scheme != "http":
                return None
        # As audit.addresses.host_and_port writes it, for the audit to find it in refused.
        host = (parts.hostname or "").rstrip(".")
        port = parts.port or (None if method == "CONNECT" else 80)
        headers = [
            line
            for line in header_lines
            if line.split(b":", 1)[0].strip().lower() not in HOP_BY_HOP
        ]
        _content_length(headers)
    except ValueError:
        return None
    names = {line.split(b":", 1)[0].strip().lower() for line in headers}
    if not host or not port or b"transfer-encoding" in names:
        return None
    return method, parts, host, port, headers


def _content_length(headers):
    for line in headers:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0
