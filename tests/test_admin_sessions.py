"""Admin sessions end after an hour without activity, and with a password change.

An editor who leaves the admin alone for longer than ADMIN_SESSION_IDLE_MINUTES
(60) is signed out at their next request to it and sent to the sign-in page,
which says why. Changing one's password on Wagtail's account page signs out
every other session of that account; the one that changed it stays signed in.
Public pages never get a session or a cookie from any of this.
"""

import datetime

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

import pytest
import time_machine

from tests.pages import soup, visible_text

pytestmark = pytest.mark.django_db

RIGHT = "Old-Pa55word!"
CHANGED = "New-Pa55word-2026!"


@pytest.fixture
def kestrel(db):
    user = get_user_model().objects.create_user(
        "kestrel",
        "kestrel@example.com",
        RIGHT,
        first_name="Kim",
        last_name="Kestrel",
    )
    user.is_superuser = True
    user.save()
    return user


def signed_in_browser(username="kestrel", password=RIGHT, **extra):
    client = Client(**extra)
    response = client.post(
        "/admin/login/", {"username": username, "password": password}
    )
    assert response.status_code == 302
    return client


def in_the_admin(response):
    return response.status_code == 200 and "Dashboard" in visible_text(
        soup(response).title
    )


def sent_to_sign_in(response, path="/admin/"):
    return response.status_code == 302 and response["Location"] == (
        f"/admin/login/?next={path}"
    )


def test_an_hour_without_activity_signs_the_editor_out(kestrel):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        browser = signed_in_browser()

        clock.shift(datetime.timedelta(minutes=59))
        assert in_the_admin(browser.get("/admin/"))
        # Each request counts as activity: another 59 minutes are fine.
        clock.shift(datetime.timedelta(minutes=59))
        assert in_the_admin(browser.get("/admin/"))

        clock.shift(datetime.timedelta(minutes=61))
        response = browser.get("/admin/pages/")

        assert sent_to_sign_in(response, "/admin/pages/")
        sign_in_page = browser.get(response["Location"])
        assert sign_in_page.status_code == 200
        assert (
            "You were signed out after 60 minutes without activity. Sign in again "
            "to go on."
        ) in visible_text(soup(sign_in_page).select_one(".messages"))
        # Signed out for good: the next request is not let in either.
        assert sent_to_sign_in(browser.get("/admin/"))
        # Signing in again works at once.
        assert (
            browser.post(
                "/admin/login/", {"username": "kestrel", "password": RIGHT}
            ).status_code
            == 302
        )
        assert in_the_admin(browser.get("/admin/"))


def test_the_idle_time_is_a_setting(kestrel, settings):
    settings.ADMIN_SESSION_IDLE_MINUTES = 5
    with time_machine.travel(timezone.now(), tick=False) as clock:
        browser = signed_in_browser()
        clock.shift(datetime.timedelta(minutes=5, seconds=1))

        assert sent_to_sign_in(browser.get("/admin/"))


def test_the_message_is_in_french_for_a_french_browser(kestrel):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        browser = signed_in_browser(HTTP_ACCEPT_LANGUAGE="fr")
        clock.shift(datetime.timedelta(minutes=61))

        response = browser.get("/admin/", follow=True)

        assert (
            "Votre session a été fermée après 60 minutes sans activité. "
            "Reconnectez-vous pour continuer."
        ) in visible_text(soup(response).select_one(".messages"))


def test_public_pages_get_no_cookie_and_do_not_count_as_activity(kestrel, en_policy):
    assert Client().get("/en/privacy-and-cookies/").cookies == {}
    with time_machine.travel(timezone.now(), tick=False) as clock:
        browser = signed_in_browser()
        clock.shift(datetime.timedelta(minutes=40))
        public = browser.get("/en/privacy-and-cookies/")
        assert public.status_code == 200
        assert "sessionid" not in public.cookies

        clock.shift(datetime.timedelta(minutes=21))
        assert sent_to_sign_in(browser.get("/admin/"))


def account_form(browser):
    """The fields of Wagtail's account page as the browser would send them."""
    page = soup(browser.get("/admin/account/"))
    form = page.select_one("form[method=post]")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[field["name"]] = field.get("value", "on")
        elif field.get("type") != "file":
            data[field["name"]] = field.get("value", "")
    return data


def test_a_password_change_signs_out_every_other_session(kestrel):
    at_the_office = signed_in_browser(HTTP_USER_AGENT="Office")
    at_home = signed_in_browser(HTTP_USER_AGENT="Home")
    assert in_the_admin(at_home.get("/admin/"))

    data = account_form(at_the_office)
    data.update(
        {
            "password-old_password": RIGHT,
            "password-new_password1": CHANGED,
            "password-new_password2": CHANGED,
        }
    )
    response = at_the_office.post("/admin/account/", data, follow=True)

    assert "Your account settings have been changed successfully!" in visible_text(
        soup(response).select_one(".messages")
    )
    # The browser that changed it stays signed in, the other one is signed out.
    assert in_the_admin(at_the_office.get("/admin/"))
    assert sent_to_sign_in(at_home.get("/admin/"))
    assert signed_in_browser(password=CHANGED)
