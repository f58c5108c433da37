"""Which addresses the cookie audit may visit: public ones, unless the operator says otherwise.

Editors type the addresses the audit visits, and the server's Chromium opens
them. Left alone, an address such as http://127.0.0.1:8000/admin/,
http://2130706433/ or http://169.254.169.254/ would have the server fetch its
own admin, a database port or the cloud's metadata service, and the report
would tell the editor what answered.

An address is judged by what its host resolves to, never by how it is written:
socket.getaddrinfo reads every notation the C library accepts (2130706433,
0x7f000001, 0177.0.0.1, 127.1, IPv6 literals) and names from /etc/hosts and DNS,
and ipaddress says whether each result is on the public internet. The check runs
when an editor saves the addresses and again before the audit opens them; while
Chromium runs, audit.egress_proxy applies the same rule to every request it
makes, with the address it actually connects to.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# IPv6 prefixes that carry an IPv4 address in their last 32 bits (RFC 6052 NAT64).
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public(ip):
    """Whether an address is on the public internet.

    Not loopback, private (RFC 1918, fc00::/7), link-local (169.254.169.254, the
    cloud metadata service, included), carrier-grade NAT (100.64.0.0/10),
    unspecified, multicast or reserved; an IPv6 address carrying an IPv4 one
    (::ffff:127.0.0.1, 6to4, NAT64) is judged by the IPv4 address too.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not is_public(embedded):
            return False
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def is_local_name(host):
    """localhost and its subdomains: browsers send them to loopback whatever DNS says (RFC 6761)."""
    host = host.rstrip(".").lower()
    return host == "localhost" or host.endswith(".localhost")


def resolve(host, port):
    """The addresses a host name or literal stands for. Raises OSError when it stands for none."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0]) for info in infos]


@dataclass(frozen=True)
class Egress:
    """Where the audit's browser may connect.

    By default only to public addresses. allow_private lets it reach any
    address (an operator auditing a test site on this machine or the local
    network: `audit_cookies --allow-private-addresses`). allowed lists
    (address, port) pairs reachable even though they are internal, and nothing
    else internal (`audit_cookies --allow-address HOST:PORT`).
    """

    allow_private: bool = False
    allowed: frozenset = frozenset()

    def permits(self, ip, port):
        return self.allow_private or is_public(ip) or (ip, port) in self.allowed

    def refuses_host(self, host, port, addresses):
        """Whether a host, resolved to these addresses, is refused."""
        if self.allow_private:
            return False
        if is_local_name(host):
            return True
        return not all(self.permits(ip, port) for ip in addresses)


PUBLIC_ONLY = Egress()


def host_and_port(url):
    """The host (lowercase, unquoted, no trailing dot, IDNA) and port an address leads to.

    None for an address that is not http or https, or that Python and
    browsers could read differently (a backslash, a space or a control
    character in it).
    """
    if any(char == "\\" or char.isspace() or ord(char) < 32 for char in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = unquote(parts.hostname).rstrip(".")
    try:
        # As browsers do: full-width digits and dots become ASCII ones.
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    if not host:
        return None
    return host.lower(), port or DEFAULT_PORTS[parts.scheme]


def is_http(url):
    return host_and_port(url) is not None


def is_refused(url, egress=PUBLIC_ONLY):
    """Whether an http(s) address is, or resolves to, an address the egress refuses.

    A name that does not resolve now is not refused here: it may resolve
    later, and the audit's proxy checks it again when the browser connects.
    """
    host, port = host_and_port(url)
    if egress.allow_private:
        return False
    if is_local_name(host):
        return True
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):
        return False
    return egress.refuses_host(host, port, addresses)


def allowed_pairs(values):
    """(address, port) pairs from HOST:PORT values, every address HOST resolves to.

    Raises ValueError with a sentence saying which value is wrong.
    """
    pairs = set()
    for value in values:
        try:
            parts = urlsplit(f"//{value}")
            host, port = parts.hostname, parts.port
        except ValueError:
            host = port = None
        if not host or not port:
            raise ValueError(f"{value!r} is not HOST:PORT (as 127.0.0.1:8000).")
        try:
            pairs.update((ip, port) for ip in resolve(host, port))
        except OSError as error:
            raise ValueError(f"{host} does not resolve: {error}.") from error
    return frozenset(pairs)
