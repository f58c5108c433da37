"""Each cookie's lifetime in seconds beside its words: read, checked where editors and
translators write, copied to the French page, given by the API, filled in by seed_site.

The device storage disclosure built from them: tests/test_device_storage.py.
"""

import io
import json

from django.core.management import call_command
from django.urls import reverse

from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

import pytest

from policy.durations import SESSION, duration_range, parse_duration
from tests.admin_forms import policy_form_data, set_cookie_duration
from tests.pages import english_policy, french_policy, soup, visible_text
from tests.roles import client_for, user_in

DAY = 24 * 3600
GA_ID = "79df31e1-1878-5f9a-833c-23b104d54c78"


# The words, read in English and in French -----------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2 ans", 730 * DAY),
        ("13 mois", 390 * DAY),
        ("24 heures", DAY),
        ("30 jours", 30 * DAY),
        ("1 an et 6 mois", 545 * DAY),
        ("deux semaines", 14 * DAY),
        ("un an", 365 * DAY),
        ("an hour", 3600),
    ],
)
def test_french_and_english_durations_are_read(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text", ["Session", "session", "Jusqu’à la fermeture du navigateur"]
)
def test_french_session_words_are_a_session(text):
    assert parse_duration(text) == SESSION


def test_months_and_years_mean_a_range_of_calendar_lengths():
    # 13 calendar months are 393 to 397 days; a year 365 or 366.
    shortest, longest = duration_range("13 months")
    assert shortest <= 393 * DAY and longest >= 397 * DAY
    assert longest - shortest <= 7 * DAY
    assert duration_range("2 years") == (730 * DAY, 732 * DAY)
    assert duration_range("13 mois") == duration_range("13 months")
    assert duration_range("24 hours") == (DAY, DAY)


# The page editor -------------------------------------------------------------


def row_errors(response, section=1, child=1, row=0):
    """The errors the editor's script shows on one cookie row, by field (Wagtail's JSON)."""
    body = response.context["form"].errors.as_data()["body"][0].as_json_data()
    content = body["blockErrors"][section]["blockErrors"]["content"]
    cookies = content["blockErrors"][child]["blockErrors"]["cookies"]
    return {
        name: error["messages"]
        for name, error in cookies["blockErrors"][row]["blockErrors"].items()
    }


def editor(language, role="Editors"):
    user = user_in(role)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return client_for(user)


def ga_table_position(page):
    for s, section in enumerate(page.body):
        for c, child in enumerate(section.value["content"]):
            if child.block_type == "cookie_table" and any(
                row["name"] == "_ga" for row in child.value["cookies"]
            ):
                return s, c
    raise LookupError("_ga")


def set_ga(page, duration, seconds):
    body = set_cookie_duration(page, "_ga", duration)
    for section in body:
        for child in section.value["content"]:
            if child.block_type == "cookie_table":
                for row in child.value["cookies"]:
                    if row["name"] == "_ga":
                        row["max_age_seconds"] = seconds
    return body


@pytest.mark.parametrize(
    ("duration", "seconds", "message"),
    [
        (
            "13 months",
            63072000,
            "63072000 seconds is not “13 months”, which is between 33928200 and "
            "34446600 seconds: correct the number or the words.",
        ),
        (
            "Session",
            63072000,
            "“Session” says the cookie is deleted when the browser closes: leave "
            "the seconds empty, or say how long it lasts.",
        ),
        (
            "24 hours",
            None,
            "“24 hours” is 86400 seconds: give the number, or say that the cookie "
            "lasts until the browser closes.",
        ),
    ],
)
def test_the_editor_reads_a_lifetime_that_disagrees_on_its_row(
    en_policy, duration, seconds, message
):
    section, child = ga_table_position(en_policy)

    response = editor("en").post(
        f"/admin/pages/{en_policy.pk}/edit/",
        policy_form_data(
            en_policy, body=set_ga(en_policy, duration, seconds), update_type="minor"
        ),
    )

    assert response.status_code == 200
    assert row_errors(response, section, child) == {"max_age_seconds": [message]}
    assert english_policy().live_revision_id == en_policy.live_revision_id


def test_the_french_admin_says_it_in_french(en_policy):
    section, child = ga_table_position(en_policy)

    response = editor("fr").post(
        f"/admin/pages/{en_policy.pk}/edit/",
        policy_form_data(
            en_policy, body=set_ga(en_policy, "13 months", 86400), update_type="minor"
        ),
    )

    [message] = row_errors(response, section, child)["max_age_seconds"]
    assert message == (
        "86400 secondes ne font pas « 13 months », qui fait entre 33928200 et "
        "34446600 secondes : corrigez le nombre ou les mots."
    )


@pytest.mark.parametrize(
    ("duration", "seconds"),
    [
        ("2 years", 63072000),
        ("13 months", 396 * DAY),
        ("13 months", 395 * DAY),
        ("Session", None),
        ("2 years or until you sign out", 60),
        ("2 years or until you sign out", None),
    ],
)
def test_words_and_seconds_that_agree_or_words_that_claim_nothing_are_published(
    en_policy, duration, seconds
):
    response = editor("en", "Approvers").post(
        f"/admin/pages/{en_policy.pk}/edit/",
        policy_form_data(
            en_policy, body=set_ga(en_policy, duration, seconds), update_type="minor"
        ),
    )

    assert response.status_code == 302
    rows = {row["name"]: row for row in json_rows("en")}
    assert (rows["_ga"]["duration"], rows["_ga"]["maxAgeSeconds"]) == (
        duration,
        seconds,
    )


def json_rows(locale):
    from django.test import Client

    return Client().get(f"/api/v2/cookies/?locale={locale}").json()["items"]


# Translators ----------------------------------------------------------------


def translator(language):
    user = user_in("Translators")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return client_for(user)


def translate_ga_duration_as(text):
    english = english_policy()
    translation = Translation.objects.get(
        source__object_id=english.translation_key,
        target_locale__language_code="fr",
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgctxt.endswith(f"{GA_ID}.duration"):
            entry.msgstr = text
    translation.import_po(po)
    return translation


def publish_french(client, capture_on_commit):
    edit = reverse("wagtailadmin_pages:edit", args=[french_policy().pk])
    with capture_on_commit(execute=True):
        response = client.post(edit, {"action": "publish"}, follow=True)
    assert response.status_code == 200
    messages = [visible_text(item) for item in soup(response).select(".messages li")]
    props = json.loads(
        soup(response).select_one(".js-translation-editor")["data-props"]
    )
    return messages, props


def test_a_translated_duration_that_disagrees_is_refused_on_its_string(
    db, django_capture_on_commit_callbacks
):
    translate_ga_duration_as("1 an")
    client = translator("fr")

    messages, props = publish_french(client, django_capture_on_commit_callbacks)

    assert messages == [
        # wagtail-localize's own words, in its French
        "De nouvelles erreurs de validations ont été trouvé lors de la publication "
        "de « Confidentialité et Cookies » en français. Veuillez les corriger ou "
        "cliquez à nouveau « publier » afin d'ignorer ces traductions pour le "
        "moment. Aller à la première erreur"
    ]
    errors = {
        entry["error"]
        for entry in props["initialStringTranslations"]
        if entry["data"] == "1 an"
    }
    assert errors == {
        "La page anglaise donne à ce cookie une durée de vie de 63072000 secondes, "
        "ce que « 1 an » ne dit pas : traduisez sa durée comme l’anglais la donne."
    }
    # Readers still get the French as it was.
    assert [row["duration"] for row in json_rows("fr")][0] == "2 ans"


def test_a_translated_duration_that_agrees_is_published(
    db, django_capture_on_commit_callbacks
):
    translate_ga_duration_as("deux ans")

    messages, _props = publish_french(
        translator("fr"), django_capture_on_commit_callbacks
    )

    assert messages == ["« Confidentialité et Cookies » a été publié(e) en français."]
    assert (json_rows("fr")[0]["duration"], json_rows("fr")[0]["maxAgeSeconds"]) == (
        "deux ans",
        63072000,
    )
    assert not StringTranslation.objects.filter(has_error=True).exists()


# seed_site on a site seeded before lifetimes had numbers ----------------------


def without_numbers(page):
    """Publish `page` as a site seeded before lifetimes were recorded has it."""
    data = page.body.get_prep_value()
    for section in data:
        for child in section["value"]["content"]:
            if child["type"] == "cookie_table":
                for row in child["value"]["cookies"]:
                    row["value"].pop("max_age_seconds", None)
                    row["value"].pop("refreshed", None)
    page.body = data
    page.save_revision().publish()


def test_seed_site_fills_in_the_seeds_numbers_on_an_existing_site(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        without_numbers(english_policy())
        without_numbers(french_policy())
    before = {code: json_rows(code) for code in ("en", "fr")}
    assert {row["maxAgeSeconds"] for row in before["en"] + before["fr"]} == {None}

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_site", stdout=out)

    for code in ("en", "fr"):
        after = json_rows(code)
        assert [
            (row["name"], row["maxAgeSeconds"], row["refreshed"]) for row in after
        ] == [
            ("_ga", 63072000, True),
            ("_gid", 86400, True),
            ("_gat_gtag_UA_951418_39", 60, False),
            ("_cfduid", 2592000, False),
        ]
        # Not a word changed.
        strip = ("maxAgeSeconds", "refreshed")
        assert [{k: v for k, v in r.items() if k not in strip} for r in after] == [
            {k: v for k, v in r.items() if k not in strip} for r in before[code]
        ]
    assert "lifetimes in seconds" in out.getvalue()

    again = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_site", stdout=again)
    assert "nothing changed" in again.getvalue()
