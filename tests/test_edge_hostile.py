"""The production stack against the hostile internet: slow clients, odd spellings, stray cookies.

Everything goes through the real edge (deploy/varnish/policy.vcl in varnishd)
in front of the real gunicorn (tests/stack.py): what a client on the internet
reaches.
"""

import json
import socket
import threading
import time
import uuid

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from policy.models import PolicyPage
from tests.admin_forms import set_cookie_duration
from tests.consent_records import a_record
from tests.stack import COMPANY_SITE, get, raw_request
from tests.waiting import wait_until

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]


class SlowClient(threading.Thread):
    """A client that sends its request a byte at a time, again as soon as it is cut off.

    With a body, the head goes at once and the body trickles; without one,
    the head trickles.
    """

    def __init__(self, port, head, body=b"", interval=0.3):
        super().__init__(daemon=True)
        self.port, self.head, self.body, self.interval = port, head, body, interval
        self.running = True
        self.connections = 0
        self.trickled = 0

    def run(self):
        while self.running:
            try:
                with socket.create_connection(
                    ("127.0.0.1", self.port), timeout=30
                ) as s:
                    self.connections += 1
                    if self.body:
                        s.sendall(self.head)
                    for byte in self.body or self.head:
                        if not self.running:
                            return
                        s.sendall(bytes([byte]))
                        self.trickled += 1
                        # The trickle is the attack: a byte now and then.
                        time.sleep(self.interval)
            except OSError:
                time.sleep(self.interval)

    def stop(self):
        self.running = False
        self.join(timeout=10)


def test_slow_clients_hold_no_worker_of_the_app(shared_with_the_stack):
    """A dozen clients trickling bodies and headers; uncached requests keep being answered."""
    stack = shared_with_the_stack
    host = f"Host: 127.0.0.1:{stack.port}\r\n".encode()
    trickling = (
        [
            # A consent record from the company's site whose body never ends, as
            # in a slow POST attack: the app reads bodies it accepts.
            SlowClient(
                stack.port,
                b"POST /consent/records/ HTTP/1.1\r\n"
                + host
                + f"Origin: {COMPANY_SITE}\r\n".encode()
                + b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
                body=b"{" + b" " * 999,
            )
            for _ in range(3)
        ]
        + [
            # A sign-in form whose body never ends (the CSRF check reads it).
            SlowClient(
                stack.port,
                b"POST /admin/login/ HTTP/1.1\r\n"
                + host
                + b"Content-Type: application/x-www-form-urlencoded\r\n"
                + b"Content-Length: 1000\r\n\r\n",
                body=b"username=" + b"a" * 991,
            )
            for _ in range(3)
        ]
        + [
            # Headers that never end (slowloris).
            SlowClient(
                stack.port,
                b"GET /fr/recherche/?q=slow HTTP/1.1\r\n"
                + host
                + b"X-Padding: "
                + b"a" * 500,
            )
            for _ in range(6)
        ]
    )
    for client in trickling:
        client.start()
    wait_until(
        lambda: all(client.trickled for client in trickling),
        30,
        "the slow clients did not all start sending",
    )

    answers = []
    try:
        for number in range(20):
            path = [
                f"/fr/recherche/?q=cookies{number}",
                f"/api/v2/pages/?limit={number + 1}",
                "/admin/login/",
                f"/en/search/?q=analytics{number}",
            ][number % 4]
            started = time.monotonic()
            status, headers, _body = get(stack, path)
            answers.append(
                (path, status, headers.get("X-Cache"), time.monotonic() - started)
            )
        status, _headers, _body = get(
            stack,
            "/consent/records/",
            method="POST",
            headers={"Content-Type": "application/json", "Origin": COMPANY_SITE},
            body=json.dumps(a_record(choices={"analytics": False})).encode(),
        )
        answers.append(("/consent/records/", status, None, 0))
    finally:
        for client in trickling:
            client.stop()

    assert [a for a in answers if a[1] >= 500] == []
    assert all(a[2] != "HIT" for a in answers[:20])  # they did reach the app
    # A visitor's choice, from the company's site, was stored meanwhile.
    assert answers[-1][1] == 201
    assert all(client.connections >= 1 for client in trickling)


def test_odd_ranges_long_addresses_and_bodies_get_client_errors(shared_with_the_stack):
    stack = shared_with_the_stack
    page = get(stack, FR)
    with_session = {"Cookie": "sessionid=" + uuid.uuid4().hex}

    assert get(stack, FR, headers={"Range": "bytes=5-1", **with_session})[0] == 200
    assert get(stack, FR, headers={"Range": "bytes=5-1"})[0] == 200
    partial = get(stack, FR, headers={"Range": "bytes=0-9"})
    assert partial[0] == 206 and partial[2] == page[2][:10]
    many = "&".join(f"p{n}=1" for n in range(2200))
    assert get(stack, f"/api/v2/pages/?{many}")[0] == 414
    assert get(stack, "/en/" + "a" * 5000 + "/")[0] == 414
    too_large = (
        b"POST /consent/records/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Length: 2000000\r\nContent-Type: application/json\r\n\r\n"
    )
    assert raw_request(stack.port, too_large) == 413


# Spellings a visitor (or whoever wants to keep an old page around) may use
# for the English policy.
SPELLINGS = [
    EN,
    "/%65n/privacy-and-cookies/",
    "/%65%6E/privacy%2dand%2Dcookies/",
    "/en//privacy-and-cookies/",
    "//en/privacy-and-cookies//",
    "/en/./privacy-and-cookies/",
    "/en/x/../privacy-and-cookies/",
    "/fr/../en/privacy-and-cookies/",
    "/en/privacy-and-cookies/?",
    "/en/privacy-and-cookies/?&&",
    "/en/privacy-and-cookies/?utm_source=mail&x=1",
]


def test_every_spelling_of_an_address_is_fresh_after_a_publication(
    shared_with_the_stack,
):
    stack = shared_with_the_stack
    english = PolicyPage.objects.get(locale__language_code="en")
    before = get(stack, EN)
    assert before[0] == 200 and "2 years" in before[2]
    for spelling in SPELLINGS:
        status, headers, body = get(stack, spelling)
        assert (spelling, status, headers["X-Cache"]) == (spelling, 200, "HIT")
        assert body == before[2]

    set_cookie_duration(english, "_ga", "13 months")
    english.change_key = uuid.uuid4()
    english.change_note = "Google Analytics cookies now last 13 months."
    english.save_revision().publish()

    stale = [s for s in SPELLINGS if "13 months" not in get(stack, s)[2]]
    assert stale == []
    # ...and once fetched again, they are one copy again.
    assert {get(stack, s)[1]["X-Cache"] for s in SPELLINGS[1:]} == {"HIT"}


def test_cookies_do_not_switch_the_cache_off(shared_with_the_stack):
    stack = shared_with_the_stack
    anonymous = get(stack, FR)
    for cookies in (
        "sessionid=bogus",
        "sessionid=" + uuid.uuid4().hex,
        "_ga=GA1.2.345.678; _gid=GA1.2.9; sessionid=expired; dmj_consent=x",
        "csrftoken=abc; django_language=fr",
    ):
        get(stack, FR, headers={"Cookie": cookies})  # asked about once
        status, headers, body = get(stack, FR, headers={"Cookie": cookies})
        assert (cookies, status, headers["X-Cache"]) == (cookies, 200, "HIT")
        assert body == anonymous[2]
        assert "Set-Cookie" not in headers


def test_a_signed_in_editor_is_never_served_nor_stored_by_the_edge(
    shared_with_the_stack,
):
    stack = shared_with_the_stack
    editor = get_user_model().objects.create_superuser(
        "edge-editor", "edge@example.com", "a long password"
    )
    client = Client()
    client.force_login(editor)
    session = {"Cookie": f"_ga=GA1.2.3; sessionid={client.cookies['sessionid'].value}"}

    anonymous = get(stack, FR)
    for _ in range(2):
        status, headers, body = get(stack, FR, headers=session)
        assert status == 200 and headers["X-Cache"] == "MISS"
        assert "wagtail-userbar" in body
        assert "private" in headers["Cache-Control"]
    after = get(stack, FR)
    assert after[1]["X-Cache"] == "HIT" and "wagtail-userbar" not in after[2]
    assert after[2] == anonymous[2]

    # Signed out (the session is gone): the same cookie is a visitor's again.
    client.logout()
    get(stack, FR, headers=session)
    # The edge keeps a session's answer for a minute (caching/session_check.py).
    stack.varnishadm("ban", "req.url", "==", "/_edge/session/")
    get(stack, FR, headers=session)
    assert get(stack, FR, headers=session)[1]["X-Cache"] == "HIT"
