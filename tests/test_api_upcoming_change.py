"""The API's policy detail gives the change scheduled to take effect later."""

from django.test import Client

import pytest

from tests.admin_forms import MAJOR_CHANGE_NOTE
from tests.pages import english_policy, french_policy
from tests.upcoming import schedule

pytestmark = pytest.mark.usefixtures("in_january_2027")


def detail(page):
    response = Client().get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def test_no_upcoming_change_is_null(db):
    assert detail(english_policy())["upcoming_change"] is None
    assert detail(french_policy())["upcoming_change"] is None


def test_a_scheduled_major_change_is_given_in_both_languages(admin_client, en_policy):
    schedule(admin_client, en_policy)

    assert detail(english_policy())["upcoming_change"] == {
        "version": 2,
        "date": "2027-03-01",
        "takes_effect_at": "2027-03-01T09:00:00+00:00",
        "note": MAJOR_CHANGE_NOTE,
        "locale": "en",
        "translated": True,
        "html_url": "http://testserver/en/privacy-and-cookies/upcoming/",
        "compare_html_url": "http://testserver/en/privacy-and-cookies/upcoming/compare/",
    }
    # Not translated yet: the French detail points to the English.
    assert detail(french_policy())["upcoming_change"] == {
        "version": 2,
        "date": "2027-03-01",
        "takes_effect_at": "2027-03-01T09:00:00+00:00",
        "note": MAJOR_CHANGE_NOTE,
        "locale": "en",
        "translated": False,
        "html_url": "http://testserver/en/privacy-and-cookies/upcoming/",
        "compare_html_url": "http://testserver/en/privacy-and-cookies/upcoming/compare/",
    }
    # The links lead to the pages.
    assert Client().get("/en/privacy-and-cookies/upcoming/").status_code == 200
    assert Client().get("/en/privacy-and-cookies/upcoming/compare/").status_code == 200


def test_a_scheduled_minor_change_is_not_given(admin_client, en_policy):
    schedule(admin_client, en_policy, duration="2 years.", update_type="minor")

    assert detail(english_policy())["upcoming_change"] is None


def test_find_leads_the_upcoming_address_to_the_policy_only_while_there_is_one(
    admin_client, en_policy
):
    find = "/api/v2/pages/find/?html_path=/en/privacy-and-cookies/upcoming/"
    assert Client().get(find).status_code == 404

    schedule(admin_client, en_policy)

    response = Client().get(find)
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver/api/v2/pages/{en_policy.pk}/?"
