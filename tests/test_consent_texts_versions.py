"""Each version of the banner's words is kept, as visitors were shown it.

A publication of the texts in a language (by an approver, or a translation
published through wagtail-localize) is a numbered version with a copy of what
the banner says; neither a later edit nor `purge_revisions` changes it. What
the banner shows always has a number, also for texts published before
versions were kept, and for words an upgrade changed.
"""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from consent.models import ConsentRecord, ConsentTextsVersion
from tests.consent_texts import (
    FIELDS,
    publish_english_texts,
    publish_french_texts,
    texts_in,
)
from tests.responses import config_of

pytestmark = pytest.mark.django_db

NEW_INTRO = "We use cookies: some to make the site work, others only if you agree."
NEW_INTRO_FR = (
    "Nous utilisons des cookies : certains pour faire fonctionner le site, "
    "d’autres seulement si vous êtes d’accord."
)


def versions(language):
    return list(
        ConsentTextsVersion.objects.filter(language=language).order_by("number")
    )


def on_the_banner(client, language):
    return config_of(client.get("/consent.js"))["languages"][language]


def test_the_seed_publishes_version_1_in_each_language(client):
    (english,) = versions("en")
    (french,) = versions("fr")

    assert english.number == french.number == 1
    assert english.texts["intro"] == texts_in("en").intro
    assert french.texts["intro"] == texts_in("fr").intro
    assert french.revision == texts_in("fr").live_revision
    # What the visitor read, their buttons and the categories' names included.
    assert french.texts["interface"]["reject"] == "Tout refuser"
    assert french.texts["categories"][1] == {
        "code": "analytics",
        "label": "Mesure d’audience",
        "description": texts_in("fr").analytics,
    }
    assert on_the_banner(client, "en")["texts"] == 1
    assert on_the_banner(client, "fr")["texts"] == 1


def test_each_publication_is_a_version_and_the_older_ones_are_kept(
    client, approver, django_capture_on_commit_callbacks
):
    first_english = texts_in("en").intro
    first_french = texts_in("fr").intro
    on_the_banner(client, "en")  # remembered, then purged by the publication

    publish_english_texts(approver, django_capture_on_commit_callbacks, intro=NEW_INTRO)

    assert [(v.number, v.texts["intro"]) for v in versions("en")] == [
        (1, first_english),
        (2, NEW_INTRO),
    ]
    assert versions("en")[1].revision == texts_in("en").live_revision
    assert versions("en")[1].published_at == texts_in("en").last_published_at
    assert on_the_banner(client, "en")["texts"] == 2
    # The French is what it was until a translator publishes the new intro.
    assert on_the_banner(client, "fr")["texts"] == 1

    publish_french_texts({NEW_INTRO: NEW_INTRO_FR}, django_capture_on_commit_callbacks)

    assert [(v.number, v.texts["intro"]) for v in versions("fr")] == [
        (1, first_french),
        (2, NEW_INTRO_FR),
    ]
    assert versions("fr")[1].revision == texts_in("fr").live_revision
    assert on_the_banner(client, "fr")["texts"] == 2
    assert on_the_banner(client, "fr")["intro"] == NEW_INTRO_FR


def test_drafts_and_republications_make_no_version(
    client, editor, approver, django_capture_on_commit_callbacks
):
    english = texts_in("en")
    editor.post(
        f"/admin/snippets/consent/consenttexts/edit/{english.pk}/",
        {field: getattr(english, field) for field in FIELDS} | {"intro": NEW_INTRO},
    )
    assert texts_in("en").get_latest_revision_as_object().intro == NEW_INTRO
    assert [v.number for v in versions("en")] == [1]
    # The same words published again.
    publish_english_texts(approver, django_capture_on_commit_callbacks)

    assert [v.number for v in versions("en")] == [1]
    assert on_the_banner(client, "en")["texts"] == 1


def test_purging_revisions_keeps_what_visitors_were_shown(
    client, approver, django_capture_on_commit_callbacks
):
    first = texts_in("en").intro
    publish_english_texts(approver, django_capture_on_commit_callbacks, intro=NEW_INTRO)
    publish_english_texts(
        approver, django_capture_on_commit_callbacks, intro="Cookies, briefly."
    )

    call_command("purge_revisions", stdout=io.StringIO())

    kept = versions("en")
    assert [v.texts["intro"] for v in kept] == [first, NEW_INTRO, "Cookies, briefly."]
    # The revisions themselves may go; the copies stay.
    assert kept[1].revision is None
    assert kept[2].revision == texts_in("en").live_revision


def test_texts_published_before_versions_were_kept_get_version_1(client):
    published_at = texts_in("en").last_published_at
    ConsentTextsVersion.objects.all().delete()

    assert on_the_banner(client, "en")["texts"] == 1

    (english,) = versions("en")
    assert english.published_at == published_at
    assert english.texts["intro"] == texts_in("en").intro
    assert english.revision == texts_in("en").live_revision


def test_words_an_upgrade_changed_are_a_new_version(client):
    """The banner's buttons come with the code: new ones are new words shown."""
    first = ConsentTextsVersion.objects.get(language="en")
    first.texts["interface"]["reject"] = "Refuse"
    first.save()
    before = timezone.now()

    assert on_the_banner(client, "en")["texts"] == 2

    new = versions("en")[1]
    assert new.texts["interface"]["reject"] == "Reject all"
    assert new.published_at >= before


def test_a_language_shown_the_english_texts_numbers_them_as_its_own(client):
    """French texts taken offline: the French banner shows the English, as French v2."""
    texts_in("fr").unpublish()

    french = on_the_banner(client, "fr")

    assert french["intro"] == texts_in("en").intro
    assert french["texts"] == 2
    shown = versions("fr")[1]
    assert shown.texts["intro"] == texts_in("en").intro
    # Around it, the banner speaks French.
    assert shown.texts["interface"]["reject"] == "Tout refuser"
    assert shown.revision == texts_in("en").live_revision


def test_the_records_purge_keeps_the_versions(client, settings):
    settings.CONSENT_RETENTION_DAYS = 30
    version = ConsentTextsVersion.objects.get(language="en")
    old = ConsentRecord.objects.create(
        policy_version=1,
        language="en",
        choices={"analytics": True},
        origin="https://shop.example.com",
        texts=version,
    )
    ConsentRecord.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )

    call_command("purge_consent_records", stdout=io.StringIO())

    assert not ConsentRecord.objects.exists()
    assert ConsentTextsVersion.objects.filter(pk=version.pk).exists()
