"""A second factor for every admin account (access/two_factor.py).

After the password, the first sign-in walks the user through choosing a
second factor (an authenticator app here; passkeys in
tests/browser/test_two_factor.py) and shows recovery codes once; later sign-ins
ask for a code. Until then every admin page is refused. Users remove their own
devices; an administrator resets an account's, which is logged.
"""

import io
import logging
import re
from base64 import b32decode
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from access.roles import EDITORS, TRANSLATORS
from access.two_factor import new_recovery_codes
from tests.pages import soup, visible_text
from tests.roles import user_in

pytestmark = pytest.mark.django_db

PASSWORD = "Right-Pa55word!"  # noqa: S105


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.ADMIN_REQUIRE_SECOND_FACTOR = True


@pytest.fixture
def merlin(db):
    """An administrator, without a second factor yet."""
    return get_user_model().objects.create_superuser(
        "merlin", "merlin@example.com", PASSWORD
    )


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def kestrel(db):
    """An editor."""
    return with_password(user_in(EDITORS, "kestrel"))


@pytest.fixture
def heron(db):
    """A translator, whose admin speaks French."""
    user = with_password(user_in(TRANSLATORS, "heron"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    return user


def with_app(user):
    """The user's authenticator app, set up earlier; its key."""
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return device.bin_key


def code_for(key, drift=0):
    """The code an authenticator app holding `key` shows now (RFC 6238)."""
    totp = TOTP(key)
    totp.drift = drift
    return f"{totp.token():06d}"


def sign_in(user, client=None):
    """`user` gives their password at the admin's login form."""
    client = client or Client()
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def heading(response):
    return visible_text(soup(response).h1)


def field_error(response):
    """The code field's error, found the way a screen reader does: through the
    field's aria-describedby."""
    page = soup(response)
    field = page.find("input", attrs={"name": "code"})
    assert field["aria-invalid"] == "true"
    described = [page.find(id=id_) for id_ in field["aria-describedby"].split()]
    return " ".join(visible_text(element) for element in described if element)


# The first sign-in --------------------------------------------------------


def test_the_first_sign_in_walks_through_an_authenticator_app_then_recovery_codes(
    merlin,
):
    client = sign_in(merlin)
    response = client.get("/admin/", follow=True)
    assert heading(response) == "Set up two-step verification"
    assert "An authenticator app" in visible_text(soup(response))

    response = client.get("/admin/two-factor/setup/app/")
    page = soup(response)
    assert heading(response) == "Set up an authenticator app"
    qr_code = page.find("img", alt=re.compile("QR code"))
    assert qr_code["src"].startswith("data:image/svg+xml;base64,")
    # The secret written out, for those who cannot scan: what the app is given.
    secret = visible_text(page.find("code", class_="two-factor-secret"))
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))

    wrong = "000000" if code_for(key) != "000000" else "111111"
    response = client.post("/admin/two-factor/setup/app/", {"code": wrong})
    assert response.status_code == 400
    assert "This code is not right" in field_error(response)
    # django-otp holds the device back a moment after a wrong code.
    response = client.post("/admin/two-factor/setup/app/", {"code": code_for(key)})
    assert "Too many wrong codes in a row: wait a few seconds" in field_error(response)

    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        response = client.post(
            "/admin/two-factor/setup/app/", {"code": code_for(key)}, follow=True
        )
    assert heading(response) == "Recovery codes"
    codes = [visible_text(code) for code in soup(response).select("li code")]
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=merlin).count() == 10
    assert TOTPDevice.objects.get(user=merlin).confirmed

    # Shown once: the page now says how many are left, not what they are.
    response = client.get("/admin/two-factor/recovery-codes/")
    assert not any(code in response.content.decode() for code in codes)
    assert "You have 10 unused recovery codes." in visible_text(soup(response))

    # The admin is open now.
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Dashboard" in visible_text(soup(response).title)


def test_a_later_sign_in_asks_for_the_code_of_the_app(merlin):
    key = with_app(merlin)
    client = sign_in(merlin)
    response = client.get("/admin/users/", follow=True)
    assert heading(response) == "Two-step verification"
    assert (
        response.redirect_chain[-1][0]
        == "/admin/two-factor/verify/?next=%2Fadmin%2Fusers%2F"
    )

    wrong = "123456" if code_for(key) != "123456" else "654321"
    response = client.post(
        "/admin/two-factor/verify/", {"code": wrong, "next": "/admin/users/"}
    )
    assert response.status_code == 400
    assert "This code is not right, or has already been used" in field_error(response)
    assert client.get("/admin/").status_code == 302

    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        response = client.post(
            "/admin/two-factor/verify/",
            {"code": code_for(key), "next": "/admin/users/"},
        )
    assert response.status_code == 302
    assert response["Location"] == "/admin/users/"
    assert client.get("/admin/users/").status_code == 200


def test_a_recovery_code_signs_in_once(merlin):
    with_app(merlin)
    codes = new_recovery_codes(merlin)

    client = sign_in(merlin)
    response = client.post("/admin/two-factor/verify/", {"code": codes[0]})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    client = sign_in(merlin)
    response = client.post("/admin/two-factor/verify/", {"code": codes[0]})
    assert response.status_code == 400
    assert "already been used" in field_error(response)
    assert client.get("/admin/").status_code == 302
    # The others still work (once django-otp no longer holds the codes back).
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        client.post("/admin/two-factor/verify/", {"code": codes[1]})
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=merlin).count() == 8


# Refused before the second factor ------------------------------------------

ADMIN_ADDRESSES = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/2/",
    "/admin/pages/search/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/lockouts/",
    "/admin/snippets/",
    "/admin/reports/site-history/",
    "/admin/account/",
    "/admin/api/main/pages/",
    "/admin/localize/",
    "/admin/two-factor/",
    "/admin/two-factor/recovery-codes/",
    "/admin/two-factor/setup/passkey-added/",
    "/admin/two-factor/reset/1/",
    "/admin/no-such-page/",
]


@pytest.mark.parametrize("has_app", [False, True], ids=["not-enrolled", "enrolled"])
def test_every_admin_page_is_refused_after_the_password_alone(merlin, has_app):
    if has_app:
        with_app(merlin)
    step = "/admin/two-factor/verify/" if has_app else "/admin/two-factor/setup/"
    client = sign_in(merlin)
    for address in ADMIN_ADDRESSES:
        for method in (client.get, client.post):
            response = method(address)
            assert response.status_code == 302, (method, address)
            assert response["Location"].startswith(step), (method, address)
    # Nor may it be turned into recovery codes or a device removed.
    assert StaticToken.objects.filter(device__user=merlin).count() == 0
    assert TOTPDevice.objects.filter(user=merlin).count() == int(has_app)


def test_one_may_sign_out_instead_of_giving_the_factor(merlin):
    with_app(merlin)
    client = sign_in(merlin)
    page = soup(client.get("/admin/two-factor/verify/"))
    sign_out = page.find("form", action="/admin/logout/")
    assert visible_text(sign_out.button) == "Sign out"
    client.post("/admin/logout/")
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")


def test_an_enrolled_user_cannot_add_a_factor_before_giving_one(merlin):
    with_app(merlin)
    client = sign_in(merlin)
    response = client.get("/admin/two-factor/setup/app/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    response = client.post("/admin/two-factor/webauthn/registration/begin/")
    assert response.status_code == 403
    assert WebAuthnCredential.objects.count() == 0


def test_without_the_setting_the_password_is_enough_and_the_dashboard_says_so(
    merlin, settings
):
    settings.ADMIN_REQUIRE_SECOND_FACTOR = False
    client = sign_in(merlin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "No second factor on this site" in visible_text(soup(response))


def test_the_demo_accounts_are_told_they_sign_in_with_a_password_alone(settings):
    settings.DEBUG = True
    settings.ADMIN_REQUIRE_SECOND_FACTOR = False
    output = io.StringIO()
    call_command("create_demo_accounts", stdout=output)
    assert "These accounts sign in with the password alone" in output.getvalue()

    settings.ADMIN_REQUIRE_SECOND_FACTOR = True
    output = io.StringIO()
    call_command("create_demo_accounts", stdout=output)
    assert "Each account chooses a second factor" in output.getvalue()


def test_the_dashboard_of_a_site_that_asks_for_the_factor_says_nothing(merlin):
    client = verified_client(merlin, with_app(merlin))
    response = client.get("/admin/")
    assert "No second factor on this site" not in visible_text(soup(response))


# One's own devices ------------------------------------------------------------


def verified_client(user, key):
    client = sign_in(user)
    response = client.post("/admin/two-factor/verify/", {"code": code_for(key)})
    assert response.status_code == 302
    return client


def test_a_user_sees_and_removes_their_own_devices(merlin):
    key = with_app(merlin)
    spare = TOTPDevice.objects.create(user=merlin, name="Old phone", confirmed=True)
    someone_else = get_user_model().objects.create_user("kestrel", password=PASSWORD)
    theirs = TOTPDevice.objects.create(user=someone_else, name="Theirs", confirmed=True)
    new_recovery_codes(merlin)
    client = verified_client(merlin, key)

    response = client.get("/admin/account/")
    assert "Two-step verification" in visible_text(soup(response))
    response = client.get("/admin/two-factor/")
    text = visible_text(soup(response))
    assert "Phone" in text and "Old phone" in text and "Theirs" not in text
    assert "You have 10 unused recovery codes." in text

    response = client.post(
        "/admin/two-factor/", {"kind": "app", "id": spare.pk}, follow=True
    )
    assert "Removed “Old phone”." in visible_text(soup(response))
    assert not TOTPDevice.objects.filter(pk=spare.pk).exists()

    # Someone else's device is not theirs to remove.
    response = client.post(
        "/admin/two-factor/", {"kind": "app", "id": theirs.pk}, follow=True
    )
    assert "This device had already been removed." in visible_text(soup(response))
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_removing_the_last_factor_means_choosing_one_again(merlin):
    key = with_app(merlin)
    new_recovery_codes(merlin)
    client = verified_client(merlin, key)
    device = TOTPDevice.objects.get(user=merlin)
    client.post("/admin/two-factor/", {"kind": "app", "id": device.pk})
    # Spare codes without a factor go too.
    assert StaticToken.objects.filter(device__user=merlin).count() == 0
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/admin/two-factor/setup/")


# An administrator's reset ----------------------------------------------------


def test_an_administrator_resets_a_users_factors_and_it_is_logged(
    merlin, kestrel, caplog
):
    key = with_app(merlin)
    kestrel_key = with_app(kestrel)
    new_recovery_codes(kestrel)
    client = verified_client(merlin, key)

    response = client.get("/admin/users/")
    assert f'href="/admin/two-factor/reset/{kestrel.pk}/"' in response.content.decode()
    response = client.get(f"/admin/two-factor/reset/{kestrel.pk}/")
    assert heading(response) == "Reset two-step verification"
    with caplog.at_level(logging.WARNING, logger="security.two_factor"):
        response = client.post(f"/admin/two-factor/reset/{kestrel.pk}/", follow=True)
    assert (
        "Two-step verification of “kestrel” was reset: they choose a new second "
        "factor at their next sign-in." in visible_text(soup(response))
    )
    assert not TOTPDevice.objects.filter(user=kestrel).exists()
    assert not StaticToken.objects.filter(device__user=kestrel).exists()

    entry = ModelLogEntry.objects.get(action="home.reset_second_factor")
    assert entry.user == merlin
    assert entry.object_id == str(kestrel.pk)
    assert entry.message == "Two-step verification reset"
    response = client.get("/admin/reports/site-history/")
    assert "Two-step verification reset" in visible_text(soup(response))
    assert caplog.records[-1].getMessage() == (
        "merlin reset the second factor of 'kestrel'"
    )

    # The editor’s old app no longer works: they choose a factor again.
    kestrel_client = sign_in(kestrel)
    response = kestrel_client.post(
        "/admin/two-factor/verify/", {"code": code_for(kestrel_key)}
    )
    assert response["Location"].startswith("/admin/two-factor/setup/")
    assert kestrel_client.get("/admin/").status_code == 302


def test_only_administrators_may_reset(merlin, kestrel):
    key = with_app(kestrel)
    merlin_key = with_app(merlin)
    client = verified_client(kestrel, key)
    response = client.post(f"/admin/two-factor/reset/{merlin.pk}/")
    assert response.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=merlin, key=merlin_key.hex()).exists()


# In French ---------------------------------------------------------------------


def test_the_second_factor_speaks_french(heron):
    client = sign_in(heron)
    response = client.get("/admin/", follow=True)
    assert heading(response) == "Configurer la vérification en deux étapes"
    response = client.get("/admin/two-factor/setup/app/")
    assert heading(response) == "Configurer une application d’authentification"

    key = with_app(heron)
    TOTPDevice.objects.filter(user=heron, confirmed=False).delete()
    response = client.get("/admin/", follow=True)
    assert heading(response) == "Vérification en deux étapes"
    response = client.post("/admin/two-factor/verify/", {"code": "abc"})
    assert "Ce code n’est pas le bon" in field_error(response)
    client.post("/admin/two-factor/verify/", {"code": code_for(key)})
    response = client.get("/admin/two-factor/")
    assert heading(response) == "Vérification en deux étapes"


# Signed out everywhere else when the factors change --------------------------


def signed_in_elsewhere(user, code):
    """A second session of `user`, on another device, verified with a recovery code."""
    client = sign_in(user)
    assert client.post("/admin/two-factor/verify/", {"code": code}).status_code == 302
    return client


def test_removing_a_device_signs_the_account_out_everywhere_else(merlin):
    key = with_app(merlin)
    spare = TOTPDevice.objects.create(user=merlin, name="Old phone", confirmed=True)
    codes = new_recovery_codes(merlin)
    here = verified_client(merlin, key)
    elsewhere = signed_in_elsewhere(merlin, codes[0])
    assert elsewhere.get("/admin/").status_code == 200

    here.post("/admin/two-factor/", {"kind": "app", "id": spare.pk})

    assert here.get("/admin/").status_code == 200
    gone = elsewhere.get("/admin/")
    assert gone.status_code == 302 and gone["Location"].startswith("/admin/login/")


def test_new_recovery_codes_sign_the_account_out_everywhere_else(merlin):
    key = with_app(merlin)
    codes = new_recovery_codes(merlin)
    here = verified_client(merlin, key)
    elsewhere = signed_in_elsewhere(merlin, codes[0])

    here.post("/admin/two-factor/recovery-codes/")

    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")


def test_an_administrator_s_reset_signs_the_user_out_everywhere(merlin, kestrel):
    key = with_app(merlin)
    kestrel_key = with_app(kestrel)
    new_recovery_codes(kestrel)
    administrator = verified_client(merlin, key)
    user = verified_client(kestrel, kestrel_key)
    assert user.get("/admin/").status_code == 200

    administrator.post(f"/admin/two-factor/reset/{kestrel.pk}/")

    assert user.get("/admin/")["Location"].startswith("/admin/login/")
    assert administrator.get("/admin/").status_code == 200
