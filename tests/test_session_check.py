"""The edge's question: does this session cookie hold anything (caching/session_check.py)?"""

from django.test import Client

import pytest

pytestmark = pytest.mark.django_db

CHECK = "/_edge/session/"


def ask(client):
    response = client.get(CHECK)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("value", ["bogus", "", "x" * 200])
def test_a_session_that_does_not_exist_holds_nothing(value):
    client = Client()
    client.cookies["sessionid"] = value
    response = ask(client)
    assert response["X-Session"] == "none"
    # The edge keeps the answer (it drops the Vary and the deletion of a
    # malformed cookie Django may add: deploy/varnish/policy.vcl).
    assert "s-maxage=600" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_a_signed_in_session_is_in_use(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("someone"))
    response = ask(client)
    assert response["X-Session"] == "in-use"
    assert "s-maxage=60" in response["Cache-Control"]
    assert not response.cookies


def test_a_session_holding_a_page_password_is_in_use():
    client = Client()
    session = client.session
    session["wagtail-page-passwords"] = [1]
    session.save()
    assert ask(client)["X-Session"] == "in-use"


def test_after_signing_out_the_cookie_holds_nothing(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("someone"))
    key = client.cookies["sessionid"].value
    client.logout()
    stale = Client()
    stale.cookies["sessionid"] = key
    assert ask(stale)["X-Session"] == "none"
