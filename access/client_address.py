"""The address a request came from, as far as the site can trust it.

Behind the edge (Cloudflare, the proxy that ends TLS, Varnish), REMOTE_ADDR is
the last proxy's address and X-Forwarded-For lists the hops before it, each
appended by the proxy that received the request. Only the entries appended by
proxies the site trusts are true: anything further left was written by the
client. So the address is read from the right: REMOTE_ADDR, then each entry of
X-Forwarded-For from the last, for as long as the address read so far is a
trusted proxy (settings.TRUSTED_PROXIES). The first address that is not one is
the visitor. Reached directly, from an address that is not a trusted proxy,
X-Forwarded-For is ignored: a client cannot choose its own address.
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket is still that IPv4 address.
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted_networks():
    return [
        ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXIES
    ]


def client_ip(request):
    """The visitor's address: what the trusted proxies saw, never what the client claims.

    None when even REMOTE_ADDR is not an address.
    """
    address = _address(request.META.get("REMOTE_ADDR", ""))
    if address is None:
        return None
    trusted = _trusted_networks()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while forwarded and any(address in network for network in trusted):
        hop = _address(forwarded.pop())
        if hop is None:
            # A trusted proxy never writes this: the chain cannot be read
            # further, and the last proxy that could be read stands for the
            # visitor.
            break
        address = hop
    return str(address)


# An IPv6 visitor is usually given a whole /64 (a home, a phone): the
# addresses inside it are one visitor's to choose from.
IPV6_VISITOR_PREFIX = 64


def visitor_network(request):
    """The visitor's own network: their IPv4 address, or the /64 of their IPv6 address.

    What a limit per visitor counts under, so that stepping through the
    addresses of one's own /64 does not make one a new visitor each time.
    None when client_ip() is None.
    """
    address = client_ip(request)
    if address is None:
        return None
    address = ipaddress.ip_address(address)
    if address.version == 4:
        return str(address)
    return str(ipaddress.ip_network(f"{address}/{IPV6_VISITOR_PREFIX}", strict=False))
