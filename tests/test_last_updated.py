"""The “last updated” date comes from the revision history, never from typing."""

import datetime

from django.core.management import call_command
from django.utils import timezone

import time_machine

from tests.admin_forms import (
    policy_form_data,
    publish_through_editor,
    set_cookie_duration,
)
from tests.pages import soup, translate_into_french, visible_text

EN_URL = "/en/privacy-and-cookies/"
FR_URL = "/fr/confidentialite-et-cookies/"


def last_updated_sentence(client, url):
    page = soup(client.get(url))
    return visible_text(page.select_one("section .last-updated"))


def test_seeded_policy_was_last_updated_on_23_january_2018_in_both_languages(
    client, db
):
    assert last_updated_sentence(client, EN_URL).startswith(
        "This privacy notice was last updated on 23 January 2018."
    )
    assert last_updated_sentence(client, FR_URL).startswith(
        "Le présent avis de confidentialité a été mis à jour pour la dernière fois "
        "le 23 janvier 2018."
    )


def test_minor_change_keeps_the_date(admin_client, en_policy):
    publish_through_editor(
        admin_client,
        en_policy,
        body=set_cookie_duration(en_policy, "_gid", "24 hours (one day)"),
        update_type="minor",
    )

    page = soup(admin_client.get(EN_URL))
    assert "24 hours (one day)" in visible_text(page.select_one("main"))
    assert visible_text(page.select_one(".policy-meta")).startswith(
        "Last updated: 23 January 2018"
    )


def test_major_change_moves_the_date_to_the_day_it_went_live(
    admin_client, major_change
):
    assert last_updated_sentence(admin_client, EN_URL).startswith(
        "This privacy notice was last updated on 4 March 2024."
    )


def test_draft_and_unpublished_edits_do_not_move_the_date(admin_client, en_policy):
    response = admin_client.post(
        f"/admin/pages/{en_policy.pk}/edit/",
        policy_form_data(
            en_policy,
            action=None,
            body=set_cookie_duration(en_policy, "_ga", "13 months"),
            update_type="major",
            change_note="Draft only.",
        ),
    )
    assert response.status_code == 302

    page = soup(admin_client.get(EN_URL))
    assert "13 months" not in visible_text(page.select_one("main"))
    assert "23 January 2018" in visible_text(page.select_one(".policy-meta"))


def test_scheduled_major_change_takes_the_date_it_went_live(admin_client, en_policy):
    go_live = timezone.now() + datetime.timedelta(days=10)
    publish_through_editor(
        admin_client,
        en_policy,
        body=set_cookie_duration(en_policy, "_ga", "13 months"),
        update_type="major",
        change_note="Google Analytics cookies now last 13 months.",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    assert "23 January 2018" in last_updated_sentence(admin_client, EN_URL)

    with time_machine.travel(go_live + datetime.timedelta(hours=1)):
        call_command("publish_scheduled")

    expected = timezone.localtime(go_live + datetime.timedelta(hours=1))
    sentence = last_updated_sentence(admin_client, EN_URL)
    assert f"last updated on {expected.day} {expected:%B %Y}." in sentence
    assert "13 months" in visible_text(
        soup(admin_client.get(EN_URL)).select_one("main")
    )


def test_translation_sync_of_a_minor_change_keeps_the_french_date(
    admin_client, en_policy, django_capture_on_commit_callbacks
):
    en_policy = publish_through_editor(
        admin_client,
        en_policy,
        body=set_cookie_duration(en_policy, "_gid", "1 day"),
        update_type="minor",
    )

    translate_into_french(
        en_policy, {"1 day": "1 jour"}, django_capture_on_commit_callbacks
    )

    french = soup(admin_client.get(FR_URL))
    assert "1 jour" in visible_text(french.select_one("main"))
    assert "23 janvier 2018" in visible_text(french.select_one(".policy-meta"))
    assert not french.select(".notice--behind")
