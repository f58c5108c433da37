"""Wrong passwords for one account from many addresses lock that account.

Five failures for a username from one address lock that pair
(tests/test_sign_in_lockout.py). Someone spraying from many addresses, four
each, never reaches that; once the username has 20 failures in all within the
cool-off time (15 minutes), it is refused from every address, right password
included, until the cool-off time has passed or an administrator unlocks it.
"""

import datetime
import json
import logging
import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.users.models import UserProfile

import pytest
import time_machine

from config.log_format import JSONFormatter
from tests.pages import soup, visible_text

pytestmark = pytest.mark.django_db

ACCOUNT_LIMIT = 20
RIGHT = "Right-Pa55word!"
CSRF_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"CSRF_TOKEN": ")[^"]+')
ACCOUNT_LOCKED = (
    "Signing in with this username is refused for now, from every address, after "
    "too many wrong passwords from several addresses. Try again in 15 minutes, or "
    "ask an administrator to unlock it."
)


@pytest.fixture
def behind_the_edge(settings):
    """The app behind the edge on the same machine, which appends the visitor's
    address to X-Forwarded-For."""
    settings.TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128"]


@pytest.fixture
def kestrel(db):
    return get_user_model().objects.create_user("kestrel", "kestrel@example.com", RIGHT)


def from_address(number):
    """A client reaching the app through the edge from its own address."""
    return Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{number}", REMOTE_ADDR="127.0.0.1")


def sign_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def spray(username, addresses=range(1, 6), times=4):
    """`times` wrong passwords for `username` from each address; the answers."""
    return [
        sign_in(client, username, "wrong")
        for client in map(from_address, addresses)
        for _attempt in range(times)
    ]


def without_token(response, username):
    """The response's body with the CSRF token and the username typed left out."""
    return CSRF_TOKEN.sub(r"\1…", response.content.decode()).replace(username, "…")


def signed_in(response):
    return response.status_code == 302


def account_locked(response):
    page = soup(response)
    return (
        response.status_code == 429
        and visible_text(page.h1) == "Too many failed sign-in attempts"
        and visible_text(page.select_one(".messages .error")) == ACCOUNT_LOCKED
    )


def lock_rows(admin_client):
    return [
        [visible_text(cell) for cell in row.select("th, td")][:5]
        for row in soup(admin_client.get("/admin/lockouts/")).select(
            "table.listing tbody tr"
        )
    ]


def test_spraying_from_many_addresses_locks_the_account_from_every_address(
    behind_the_edge, kestrel
):
    answers = spray("kestrel")

    # Four from each of five addresses: no pair reached its limit of five, the
    # first 19 answers are the sign-in form again, the 20th the lock.
    assert [response.status_code for response in answers] == [200] * 19 + [429]
    assert account_locked(answers[-1])
    # The right password, from an address that never failed, is refused too.
    response = sign_in(from_address(200), "kestrel", RIGHT)
    assert account_locked(response)
    assert "_auth_user_id" not in from_address(200).session
    # Another account is not concerned.
    get_user_model().objects.create_user("heron", "heron@example.com", RIGHT)
    assert signed_in(sign_in(from_address(200), "heron", RIGHT))


def test_an_unknown_username_is_locked_and_answered_the_same(behind_the_edge, kestrel):
    known = spray("kestrel")
    unknown = spray("nobody-here", addresses=range(101, 106))

    assert [response.status_code for response in known] == [
        response.status_code for response in unknown
    ]
    for_known = sign_in(from_address(200), "kestrel", RIGHT)
    for_unknown = sign_in(from_address(201), "nobody-here", RIGHT)
    assert account_locked(for_known)
    assert account_locked(for_unknown)
    assert without_token(for_known, "kestrel") == without_token(
        for_unknown, "nobody-here"
    )


def test_the_account_lock_ends_after_the_cool_off_time(behind_the_edge, kestrel):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        spray("kestrel")

        clock.shift(datetime.timedelta(minutes=14))
        assert account_locked(sign_in(from_address(200), "kestrel", RIGHT))

        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        assert signed_in(sign_in(from_address(200), "kestrel", RIGHT))


def test_failures_spread_over_more_than_the_cool_off_time_lock_nothing(
    behind_the_edge, kestrel
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        spray("kestrel", addresses=range(1, 4))
        clock.shift(datetime.timedelta(minutes=16))
        spray("kestrel", addresses=range(4, 8))

        assert signed_in(sign_in(from_address(200), "kestrel", RIGHT))


def test_administrators_see_the_account_lock_and_lift_it(
    behind_the_edge, kestrel, admin_client
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        spray("kestrel")
        until = timezone.localtime(start + datetime.timedelta(minutes=15))

        rows = lock_rows(admin_client)

        assert rows == [
            [
                "Signing in as “kestrel”",
                "Every address",
                "20",
                date_format(until, "DATETIME_FORMAT"),
                "Whole account",
            ]
        ]

        response = admin_client.post(
            "/admin/lockouts/",
            {"username": "kestrel", "ip_address": "", "account_wide": "1"},
            follow=True,
        )

        assert "Unlocked: “kestrel” may sign in again from any address." in (
            visible_text(soup(response).select_one(".messages"))
        )
        assert lock_rows(admin_client) == []
        assert signed_in(sign_in(from_address(200), "kestrel", RIGHT))


def test_an_account_lock_and_an_address_lock_are_listed_apart(
    behind_the_edge, kestrel, admin_client
):
    spray("kestrel", addresses=[1], times=5)
    spray("kestrel", addresses=range(2, 6))

    rows = lock_rows(admin_client)

    assert sorted((row[1], row[2], row[4]) for row in rows) == [
        ("198.51.100.1", "5", "Account from one address"),
        ("Every address", "20", "Whole account"),
    ]


def test_the_account_lock_and_its_unlocking_are_in_the_json_log(
    behind_the_edge, kestrel, admin_client, caplog
):
    with caplog.at_level(logging.WARNING, logger="security"):
        spray("kestrel")
        sign_in(from_address(200), "kestrel", RIGHT)
        admin_client.post(
            "/admin/lockouts/",
            {"username": "kestrel", "ip_address": "", "account_wide": "1"},
        )

    lines = [
        json.loads(JSONFormatter().format(record))
        for record in caplog.records
        if record.name.startswith("security")
    ]
    assert [(line["level"], line["logger"], line["message"]) for line in lines] == [
        (
            "WARNING",
            "security.lockout",
            "Locked out username 'kestrel' from every address for 15 minutes after "
            "20 failed attempts from 5 addresses (account-wide; last from "
            "198.51.100.5, /admin/login/)",
        ),
        (
            "WARNING",
            "security.lockout",
            "admin unlocked 'kestrel' from every address (account-wide)",
        ),
    ]


def test_the_locked_out_owner_reads_what_to_do_in_french(behind_the_edge, kestrel):
    spray("kestrel")

    response = Client(
        HTTP_X_FORWARDED_FOR="198.51.100.200",
        REMOTE_ADDR="127.0.0.1",
        HTTP_ACCEPT_LANGUAGE="fr",
    ).post("/admin/login/", {"username": "kestrel", "password": RIGHT})

    assert response.status_code == 429
    assert visible_text(soup(response).select_one(".messages .error")) == (
        "Après trop de mots de passe erronés venus de plusieurs adresses, la "
        "connexion avec ce nom d’utilisateur est refusée pour le moment, depuis "
        "toutes les adresses. Réessayez dans 15 minutes ou demandez à un "
        "administrateur de la débloquer."
    )


def test_an_administrator_who_reads_french_sees_the_kind_of_lock_in_french(
    behind_the_edge, kestrel, admin_user, admin_client
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    spray("kestrel")

    page = soup(admin_client.get("/admin/lockouts/"))

    assert visible_text(page.select("thead th")[4]) == "Type de blocage"
    [row] = page.select("tbody tr")
    cells = [visible_text(cell) for cell in row.select("th, td")]
    assert (cells[1], cells[4]) == ("Toutes les adresses", "Tout le compte")
    response = admin_client.post(
        "/admin/lockouts/",
        {"username": "kestrel", "ip_address": "", "account_wide": "1"},
        follow=True,
    )
    assert (
        "Débloqué : « kestrel » peut de nouveau se connecter depuis n’importe "
        "quelle adresse."
    ) in visible_text(soup(response).select_one(".messages"))
