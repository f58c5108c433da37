"""What a translator reads in wagtail-localize's editor: where each string sits, in their language.

The editor is a React app that receives its content as JSON (`data-props`):
each string's `location.field` is shown above the strings of its block and
`location.subField` above the string itself; `initialStringTranslations`
carry the “translated manually on …” notes.
"""

import datetime
import json
import re
from urllib.parse import urlencode

from django.utils import timezone

from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from tests.localize_urls import localize_url
from tests.pages import soup
from tests.roles import client_for, user_in

ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
)
FRENCH_DATE = re.compile(
    r"\b\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
    r"octobre|novembre|décembre) \d{4}\b"
)


def translator_speaking(language):
    user = user_in("Translators")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return client_for(user)


@pytest.fixture
def french_translator(db):
    return translator_speaking("fr")


@pytest.fixture
def english_translator(db):
    return translator_speaking("en")


def editor_props(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return json.loads(soup(response).select_one(".js-translation-editor")["data-props"])


def labels_of(props, source):
    """(block label, string label) the editor shows for the English string `source`."""
    for segment in props["segments"]:
        if segment.get("source") == source:
            return segment["location"]["field"], segment["location"]["subField"]
    raise LookupError(source)


def test_a_cookie_duration_says_which_cookie_and_field(french_translator, fr_policy):
    props = editor_props(french_translator, fr_policy)

    assert labels_of(props, "2 years") == (
        "Section : Use of Cookies",
        "Tableau de cookies : Google Analytics › Cookie : _ga › Durée de conservation",
    )
    assert labels_of(props, "24 hours") == (
        "Section : Use of Cookies",
        "Tableau de cookies : Google Analytics › Cookie : _gid › Durée de conservation",
    )
    assert labels_of(props, "Tells visitors apart over a single day.") == (
        "Section : Use of Cookies",
        "Tableau de cookies : Google Analytics › Cookie : _gid › À quoi il sert",
    )


def test_the_labels_are_in_the_translators_language(english_translator, fr_policy):
    props = editor_props(english_translator, fr_policy)

    assert labels_of(props, "30 days") == (
        "Section: Use of Cookies",
        "Cookie table: Cloudflare › Cookie: _cfduid › How long it lasts",
    )


def test_every_string_of_the_body_says_its_section_and_field(
    french_translator, fr_policy, en_policy
):
    headings = [section.value["heading"] for section in en_policy.body]
    props = editor_props(french_translator, fr_policy)
    body = [s for s in props["segments"] if s["contentPath"].startswith("body.")]

    assert len(body) > 60
    for segment in body:
        location = segment["location"]
        assert location["field"].removeprefix("Section : ") in headings
        assert location["subField"]
        assert location["subField"] != "Contenu"
    assert labels_of(props, "Complaints") == ("Section : Complaints", "Titre")
    assert labels_of(props, "United Kingdom") == (
        "Section : How to Contact Us",
        "Coordonnées : Internal Compliance Department › Pays",
    )


def test_a_link_in_rich_text_is_explained(french_translator, fr_policy):
    props = editor_props(french_translator, fr_policy)
    [segment] = [
        s
        for s in props["segments"]
        if s.get("source", "").startswith("Most web browsers allow")
    ]
    [address] = [
        s
        for s in props["segments"]
        if s["type"] == "synchronised_value"
        and s["value"] == "https://www.allaboutcookies.org/"
    ]

    assert '<a id="a1">' in segment["source"]
    assert segment["location"]["subField"] == (
        'Texte — Gardez les balises <a id="a1"> et </a> autour des mots traduits '
        "qu’elles entourent : elles portent le lien ou la mise en forme de l’original."
    )
    assert address["location"]["subField"] == "Texte › Adresse du lien"


def test_translation_notes_give_the_date_in_french(french_translator, fr_policy):
    StringTranslation.objects.filter(locale__language_code="fr").update(
        updated_at=datetime.datetime(2026, 11, 29, 10, 0, tzinfo=datetime.UTC)
    )

    response = french_translator.get(f"/admin/pages/{fr_policy.pk}/edit/")
    props = json.loads(
        soup(response).select_one(".js-translation-editor")["data-props"]
    )
    notes = {item["comment"] for item in props["initialStringTranslations"]}

    assert notes == {"Traduit manuellement le 29 novembre 2026"}
    assert ENGLISH_MONTHS.findall(response.content.decode()) == []


def test_saving_a_string_answers_with_the_date_in_french(french_translator, fr_policy):
    translation = Translation.objects.get(
        target_locale__language_code="fr",
        source__object_id=fr_policy.translation_key,
    )
    segment = StringSegment.objects.get(
        source=translation.source, string__data="2 years"
    )

    response = french_translator.put(
        localize_url("edit_string_translation", translation.pk, segment.pk),
        urlencode({"value": "2 ans"}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    comment = response.json()["comment"]
    assert comment.startswith("Traduit manuellement le ")
    assert FRENCH_DATE.search(comment)
    assert ENGLISH_MONTHS.findall(comment) == []


def test_the_french_admin_names_languages_in_french(french_translator, fr_policy):
    props = editor_props(french_translator, fr_policy)

    assert props["sourceLocale"]["displayName"] == "Anglais"
    # Only written after “Publier dans la langue : ”, in a sentence: in lower case.
    assert props["locale"]["displayName"] == "français"


def test_the_english_admin_names_languages_in_english(english_translator, fr_policy):
    props = editor_props(english_translator, fr_policy)

    assert props["sourceLocale"]["displayName"] == "English"
    assert props["locale"]["displayName"] == "French"


def test_the_editors_french_buttons_read_as_french(french_translator):
    """localize's own French is “Publier dans” + “Français”, and “Utiliser la version English”."""
    catalogue = french_translator.get(
        localize_url("javascript_catalog")
    ).content.decode()

    assert '"Publish in ": "Publier dans la langue : "' in catalogue
    assert '"Uses %s version": "Identique \\u00e0 l\\u2019original (%s)"' in catalogue
    assert '"Publier dans"' not in catalogue
    assert "Utiliser la version %s" not in catalogue


def test_the_translation_date_follows_the_local_day(french_translator, fr_policy):
    """The day in London, the site's time zone: 23:30 UTC on 30 June is 1 July there."""
    StringTranslation.objects.filter(locale__language_code="fr").update(
        updated_at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    )

    props = editor_props(french_translator, fr_policy)
    notes = {item["comment"] for item in props["initialStringTranslations"]}

    assert timezone.get_current_timezone_name() == "Europe/London"
    assert notes == {"Traduit manuellement le 1 juillet 2026"}
