"""Failed sign-ins are counted under the visitor's own address, even behind proxies.

The edge (Cloudflare, the proxy that ends TLS, Varnish) appends to
X-Forwarded-For the address each request came from; only what the trusted
proxies (settings.TRUSTED_PROXIES) wrote is believed, so that one visitor's
failures never lock out another behind the same proxy, and no client escapes
a lock by writing addresses of its own.
"""

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

pytestmark = pytest.mark.django_db

RIGHT = "Right-Pa55word!"
CLOUDFLARE_EDGE = "173.245.48.7"


@pytest.fixture(autouse=True)
def kestrel(db):
    return get_user_model().objects.create_user("kestrel", "kestrel@example.com", RIGHT)


@pytest.fixture
def behind_the_edge(settings):
    """Varnish and the TLS proxy on this machine, Cloudflare in front."""
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128", "173.245.48.0/20"]


def sign_in(forwarded_for, password, remote_addr="127.0.0.1"):
    """The admin's answer to a sign-in as kestrel: 302 in, 429 locked out, 200 wrong."""
    client = Client(HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR=remote_addr)
    return client.post(
        "/admin/login/", {"username": "kestrel", "password": password}
    ).status_code


def lock_out(forwarded_for, remote_addr="127.0.0.1"):
    statuses = [sign_in(forwarded_for, "wrong", remote_addr) for _attempt in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_one_visitor_behind_the_edge_does_not_lock_out_another(behind_the_edge):
    # The TLS proxy appended Cloudflare's address, Varnish the TLS proxy's.
    lock_out(f"192.0.2.66, {CLOUDFLARE_EDGE}, 127.0.0.1")

    assert sign_in(f"198.51.100.23, {CLOUDFLARE_EDGE}, 127.0.0.1", RIGHT) == 302
    assert sign_in(f"192.0.2.66, {CLOUDFLARE_EDGE}, 127.0.0.1", RIGHT) == 429


def test_what_the_client_writes_before_the_edge_is_not_believed(behind_the_edge):
    lock_out(f"192.0.2.66, {CLOUDFLARE_EDGE}, 127.0.0.1")

    # Cloudflare appends to whatever X-Forwarded-For the client sent.
    for claimed in ("198.51.100.23", "127.0.0.1", CLOUDFLARE_EDGE, "not an address"):
        chain = f"{claimed}, 192.0.2.66, {CLOUDFLARE_EDGE}, 127.0.0.1"
        assert sign_in(chain, RIGHT) == 429


def test_the_origin_reached_without_cloudflare_still_counts_the_visitor(
    behind_the_edge,
):
    # Straight to the TLS proxy: one hop fewer, and a claim of the client's own.
    lock_out(f"{CLOUDFLARE_EDGE}, 192.0.2.66, 127.0.0.1")

    assert sign_in("198.51.100.23, 192.0.2.66, 127.0.0.1", RIGHT) == 429
    assert sign_in("198.51.100.23, 127.0.0.1", RIGHT) == 302


def test_reached_directly_a_client_cannot_choose_its_address():
    """Without trusted proxies (the default), X-Forwarded-For is ignored."""
    lock_out("192.0.2.1")

    assert sign_in("192.0.2.2", RIGHT) == 429
    assert sign_in("192.0.2.2", RIGHT, remote_addr="198.51.100.23") == 302


def test_x_forwarded_for_from_an_untrusted_address_is_ignored(behind_the_edge):
    lock_out("192.0.2.1", remote_addr="198.51.100.23")

    assert sign_in("192.0.2.2", RIGHT, remote_addr="198.51.100.23") == 429


@pytest.mark.parametrize(
    ("forwarded_for", "network"),
    [
        # IPv4: each address is a visitor of its own.
        ("192.0.2.66", "192.0.2.66"),
        ("192.0.2.67", "192.0.2.67"),
        # IPv6: the /64 the address is in.
        ("2001:db8:5:6:aaaa:bbbb:cccc:dddd", "2001:db8:5:6::/64"),
        ("2001:db8:5:6::1", "2001:db8:5:6::/64"),
        ("2001:db8:5:7::1", "2001:db8:5:7::/64"),
        # An IPv4 client seen through an IPv6 socket is that IPv4 address.
        ("::ffff:192.0.2.66", "192.0.2.66"),
    ],
)
def test_the_visitors_network(behind_the_edge, forwarded_for, network):
    from django.test import RequestFactory

    from access.client_address import visitor_network

    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"{forwarded_for}, {CLOUDFLARE_EDGE}",
    )

    assert visitor_network(request) == network


def test_the_visitors_network_is_not_what_the_client_claims(behind_the_edge):
    from django.test import RequestFactory

    from access.client_address import visitor_network

    # Reached directly: X-Forwarded-For is the client's own claim.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="2001:db8:9::5", HTTP_X_FORWARDED_FOR="2001:db8:1::1"
    )

    assert visitor_network(request) == "2001:db8:9::/64"
