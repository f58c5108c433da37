"""Too many wrong passwords lock a username (or a page's password) for one address.

Five wrong passwords for the same username from the same address, at the
admin's sign-in or Wagtail's front-end login, and that pair is refused for the
cool-off time, right password included, with a page saying so (status 429).
The page-password form of a private page is limited the same way, per page
and address. An administrator sees every lock and can lift it.
"""

import datetime
import logging
import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

import pytest
import time_machine

from tests.admin_menu import admin_menu
from tests.pages import soup, visible_text
from tests.roles import refused

pytestmark = pytest.mark.django_db

LIMIT = 5
RIGHT = "Right-Pa55word!"
LOCKED_EN = "Too many failed sign-in attempts"
LOCKED_FR = "Trop de tentatives de connexion échouées"
PAGE_LOCKED_EN = "Too many wrong passwords"
PAGE_LOCKED_FR = "Trop de mots de passe erronés"
CSRF_TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"CSRF_TOKEN": ")[^"]+')


@pytest.fixture
def kestrel(db):
    """An editor's account, known to the site."""
    return get_user_model().objects.create_user("kestrel", "kestrel@example.com", RIGHT)


def sign_in(client, username, password, path="/admin/login/", **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


def fail(client, username, times=LIMIT, path="/admin/login/", **extra):
    """`times` wrong passwords; the answer to the last one."""
    for _attempt in range(times):
        response = sign_in(client, username, "wrong", path, **extra)
    return response


def signed_in(response):
    return response.status_code == 302


def locked_out(response, title=LOCKED_EN):
    """The lockout page: status 429, with what is locked as its heading."""
    return response.status_code == 429 and visible_text(soup(response).h1) == title


def without_token(response, username):
    """The response's body with the CSRF token and the username typed left out."""
    return CSRF_TOKEN.sub(r"\1…", response.content.decode()).replace(username, "…")


# The admin's sign-in ------------------------------------------------------


def test_five_wrong_passwords_lock_the_admin_sign_in_even_with_the_right_one(kestrel):
    client = Client()
    for _attempt in range(LIMIT - 1):
        assert sign_in(client, "kestrel", "wrong").status_code == 200

    assert locked_out(sign_in(client, "kestrel", "wrong"))
    response = sign_in(client, "kestrel", RIGHT)

    assert locked_out(response)
    assert "_auth_user_id" not in client.session
    page = soup(response)
    # In the admin's layout: Wagtail's sign-in page, with the reason as an error.
    assert "login" in page.body["class"]
    assert visible_text(page.select_one(".messages .error")) == (
        "Signing in with this username from your address is refused for now, "
        "after too many wrong passwords. Try again in 15 minutes, or ask an "
        "administrator to unlock it."
    )


@pytest.mark.parametrize("path", ["/admin/login/", "/en/_util/login/"])
def test_an_unknown_username_is_answered_exactly_like_a_known_one(kestrel, path):
    """Nothing tells an attacker whether an account exists, before or after the lock."""
    known, unknown = Client(), Client()
    for attempt in range(LIMIT + 1):
        password = RIGHT if attempt == LIMIT else "wrong"
        for_known = sign_in(known, "kestrel", password, path)
        for_unknown = sign_in(unknown, "nobody-here", password, path)

        assert for_known.status_code == for_unknown.status_code
        assert without_token(for_known, "kestrel") == without_token(
            for_unknown, "nobody-here"
        )
    assert locked_out(for_known)


def test_the_lock_holds_one_username_from_one_address_only(kestrel):
    get_user_model().objects.create_user("heron", "heron@example.com", RIGHT)
    client = Client()
    assert locked_out(fail(client, "kestrel"))

    assert signed_in(sign_in(Client(), "heron", RIGHT))
    assert signed_in(sign_in(Client(REMOTE_ADDR="198.51.100.23"), "kestrel", RIGHT))
    assert locked_out(sign_in(Client(), "kestrel", RIGHT))


def test_the_lock_ends_after_the_cool_off_time(kestrel):
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert locked_out(fail(client, "kestrel"))

        clock.shift(datetime.timedelta(minutes=14))
        assert locked_out(sign_in(client, "kestrel", RIGHT))

        # Attempts refused during the lock did not make it longer.
        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        assert signed_in(sign_in(client, "kestrel", RIGHT))


def test_the_admin_says_so_in_french(kestrel):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    response = fail(client, "kestrel")

    assert locked_out(response, LOCKED_FR)
    assert soup(response).html["lang"] == "fr"
    assert "Réessayez dans 15 minutes" in visible_text(soup(response).main)


# Wagtail's front-end login -------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "sentence"),
    [
        ("en", LOCKED_EN, "Try again in 15 minutes"),
        ("fr", LOCKED_FR, "Réessayez dans 15 minutes"),
    ],
)
def test_the_front_end_login_locks_in_the_site_layout(
    kestrel, language, title, sentence
):
    client = Client()
    path = f"/{language}/_util/login/"
    fail(client, "kestrel", path=path)

    response = sign_in(client, "kestrel", RIGHT, path)

    assert locked_out(response, title)
    page = soup(response)
    assert page.html["lang"] == language
    assert page.select_one("header.site-header") is not None
    assert sentence in visible_text(page.main)


def test_one_lock_covers_both_sign_in_forms(kestrel):
    client = Client()
    fail(client, "kestrel", path="/en/_util/login/")

    assert locked_out(sign_in(client, "kestrel", RIGHT))


# A page's password ---------------------------------------------------------


@pytest.fixture
def private_policy(en_policy):
    """The English policy behind a password; its form's address."""
    restriction = PageViewRestriction.objects.create(
        page=en_policy,
        restriction_type=PageViewRestriction.PASSWORD,
        password="open-sesame",
    )
    return restriction, (
        f"/en/_util/authenticate_with_password/{restriction.pk}/{en_policy.pk}/"
    )


def enter(client, form_address, password, **extra):
    return client.post(
        form_address,
        {"password": password, "return_url": "/en/privacy-and-cookies/"},
        **extra,
    )


def test_five_wrong_page_passwords_lock_that_page_for_that_address(private_policy):
    _restriction, form_address = private_policy
    client = Client()
    for _attempt in range(LIMIT - 1):
        assert enter(client, form_address, "wrong").status_code == 200

    assert locked_out(enter(client, form_address, "wrong"), PAGE_LOCKED_EN)
    response = enter(client, form_address, "open-sesame")

    assert locked_out(response, PAGE_LOCKED_EN)
    page = soup(response)
    assert page.select_one("header.site-header") is not None
    assert visible_text(page.main.p) == (
        "This page’s password has been entered wrongly too many times from your "
        "address, so it is refused for now. Try again in 15 minutes."
    )
    # The page still asks for its password.
    assert (
        "Password required" in client.get("/en/privacy-and-cookies/").content.decode()
    )
    # From another address the right password still opens it.
    assert (
        enter(
            Client(REMOTE_ADDR="198.51.100.23"), form_address, "open-sesame"
        ).status_code
        == 302
    )


def test_the_page_password_lock_says_so_in_french(fr_policy):
    restriction = PageViewRestriction.objects.create(
        page=fr_policy,
        restriction_type=PageViewRestriction.PASSWORD,
        password="sésame",
    )
    form_address = (
        f"/fr/_util/authenticate_with_password/{restriction.pk}/{fr_policy.pk}/"
    )
    client = Client()
    for _attempt in range(LIMIT):
        response = client.post(
            form_address,
            {"password": "faux", "return_url": "/fr/confidentialite-et-cookies/"},
        )

    assert locked_out(response, PAGE_LOCKED_FR)
    assert soup(response).html["lang"] == "fr"
    assert "Réessayez dans 15 minutes" in visible_text(soup(response).main)


def test_the_right_page_password_works_again_once_unlocked(
    private_policy, admin_client
):
    restriction, form_address = private_policy
    client = Client()
    for _attempt in range(LIMIT):
        enter(client, form_address, "wrong")

    listing = admin_client.get("/admin/lockouts/")
    [row] = soup(listing).select("table.listing tbody th")
    assert visible_text(row) == "The password of the page Privacy and Cookies"
    assert row.a["href"] == f"/admin/pages/{restriction.page_id}/edit/"
    admin_client.post(
        "/admin/lockouts/",
        {"username": f"page-password:{restriction.pk}", "ip_address": "127.0.0.1"},
    )

    response = enter(client, form_address, "open-sesame")
    assert response.status_code == 302
    assert "Password required" not in client.get(response["Location"]).content.decode()


# The administrators' list of locks ----------------------------------------


def test_administrators_see_each_lock_and_unlock_it(kestrel, admin_client):
    client = Client()
    fail(client, "kestrel")
    fail(Client(REMOTE_ADDR="203.0.113.9"), "ghost")

    response = admin_client.get("/admin/lockouts/")

    assert response.status_code == 200
    rows = [
        [visible_text(cell) for cell in row.select("th, td")][:3]
        for row in soup(response).select("table.listing tbody tr")
    ]
    assert sorted(rows) == [
        ["Signing in as “ghost”", "203.0.113.9", "5"],
        ["Signing in as “kestrel”", "127.0.0.1", "5"],
    ]

    response = admin_client.post(
        "/admin/lockouts/",
        {"username": "kestrel", "ip_address": "127.0.0.1"},
        follow=True,
    )

    assert "Unlocked: “kestrel” may sign in again from 127.0.0.1." in visible_text(
        soup(response).select_one(".messages")
    )
    assert [
        visible_text(row.th) for row in soup(response).select("table.listing tbody tr")
    ] == ["Signing in as “ghost”"]
    assert signed_in(sign_in(client, "kestrel", RIGHT))

    # Unlocked twice (a second administrator, a second tab): nothing to undo.
    response = admin_client.post(
        "/admin/lockouts/",
        {"username": "kestrel", "ip_address": "127.0.0.1"},
        follow=True,
    )
    assert "This lock had already ended." in visible_text(
        soup(response).select_one(".messages")
    )


def test_the_list_says_when_each_lock_ends_as_axes_counts_it(kestrel, admin_client):
    """Failures from two browsers add up; the lock ends when the older ones expire."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail(Client(HTTP_USER_AGENT="Browser A"), "kestrel", times=3)
        clock.shift(datetime.timedelta(minutes=5))
        fail(Client(HTTP_USER_AGENT="Browser B"), "kestrel", times=2)

        [row] = soup(admin_client.get("/admin/lockouts/")).select(
            "table.listing tbody tr"
        )
        until = timezone.localtime(start + datetime.timedelta(minutes=15))
        assert [visible_text(cell) for cell in row.select("th, td")][:4] == [
            "Signing in as “kestrel”",
            "127.0.0.1",
            "5",
            date_format(until, "DATETIME_FORMAT"),
        ]

        clock.shift(datetime.timedelta(minutes=10))
        assert locked_out(sign_in(Client(), "kestrel", RIGHT))
        clock.shift(datetime.timedelta(seconds=1))
        assert not soup(admin_client.get("/admin/lockouts/")).select(
            "table.listing tbody tr"
        )
        assert signed_in(sign_in(Client(), "kestrel", RIGHT))


def test_an_administrator_who_reads_french_gets_the_list_in_french(
    private_policy, admin_user, admin_client
):
    restriction, form_address = private_policy
    for _attempt in range(LIMIT):
        enter(Client(), form_address, "wrong")
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()

    page = soup(admin_client.get("/admin/lockouts/"))

    assert visible_text(page.h1) == "Blocages"
    assert [visible_text(cell) for cell in page.select("thead th")][:4] == [
        "Bloqué",
        "Depuis l’adresse",
        "Tentatives échouées",
        "Bloqué jusqu’au",
    ]
    assert visible_text(page.select_one("tbody th")) == (
        "Le mot de passe de la page Privacy and Cookies"
    )
    assert visible_text(page.select_one("tbody button")) == "Débloquer"

    response = admin_client.post(
        "/admin/lockouts/",
        {"username": f"page-password:{restriction.pk}", "ip_address": "127.0.0.1"},
        follow=True,
    )
    assert (
        "Débloqué : le mot de passe de « Privacy and Cookies » peut de nouveau être "
        "saisi depuis 127.0.0.1."
    ) in visible_text(soup(response).select_one(".messages"))


def test_the_menu_leads_administrators_to_the_locks(admin_client):
    menu = admin_menu(admin_client.get("/admin/"))

    assert menu[("Settings", "Lockouts")] == "/admin/lockouts/"


def test_editors_may_neither_see_nor_lift_a_lock(kestrel, editor):
    client = Client()
    fail(client, "kestrel")

    assert refused(editor.get("/admin/lockouts/"))
    assert refused(
        editor.post(
            "/admin/lockouts/", {"username": "kestrel", "ip_address": "127.0.0.1"}
        )
    )
    assert '"/admin/lockouts/"' not in editor.get("/admin/").content.decode()
    assert locked_out(sign_in(client, "kestrel", RIGHT))


# What the log says ---------------------------------------------------------


def test_a_lockout_is_one_warning_on_the_security_logger(kestrel, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="security"):
        fail(client, "kestrel", times=LIMIT + 3)
        sign_in(client, "kestrel", RIGHT)

    lines = [record for record in caplog.records if record.name.startswith("security")]
    assert [(record.levelname, record.getMessage()) for record in lines] == [
        (
            "WARNING",
            "Locked out username 'kestrel' from 127.0.0.1 for 15 minutes after 5 "
            "failed attempts (/admin/login/)",
        )
    ]
