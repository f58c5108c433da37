"""French writes a language's name in lower case inside a sentence: “publié(e) en
français”, “Publier dans la langue : français”; standing alone (“Anglais”,
“Français” in a list, the language switcher) it keeps its capital.
"""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy

from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

import pytest

from consent.models import ConsentTexts
from tests.admin_forms import set_cookie_duration
from tests.localize_urls import localize_url
from tests.pages import soup, visible_text
from tests.roles import client_for, user_in

pytestmark = pytest.mark.django_db


def translator_speaking(language):
    user = user_in("Translators")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return client_for(user)


def publish_french(client, edit_url, capture_on_commit):
    """The translation editor's publish button; the messages the next page shows."""
    with capture_on_commit(execute=True):
        response = client.post(edit_url, {"action": "publish"}, follow=True)
    assert response.status_code == 200
    return [visible_text(item) for item in soup(response).select(".messages li")]


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_the_french_admin_says_published_in_french_in_lower_case(
    fr_policy, django_capture_on_commit_callbacks
):
    translator = translator_speaking("fr")

    said = publish_french(
        translator, page_edit_url(fr_policy), django_capture_on_commit_callbacks
    )

    assert said == ["« Confidentialité et Cookies » a été publié(e) en français."]


def test_the_english_admin_says_published_in_french_with_its_capital(
    fr_policy, django_capture_on_commit_callbacks
):
    translator = translator_speaking("en")

    said = publish_french(
        translator, page_edit_url(fr_policy), django_capture_on_commit_callbacks
    )

    assert said == ["Published 'Confidentialité et Cookies' in French."]


def test_published_with_missing_translations_names_french_in_lower_case(
    en_policy, fr_policy, django_capture_on_commit_callbacks
):
    set_cookie_duration(en_policy, "_ga", "13 months")
    with django_capture_on_commit_callbacks(execute=True):
        en_policy.save_revision().publish()
    translator = translator_speaking("fr")

    said = publish_french(
        translator, page_edit_url(fr_policy), django_capture_on_commit_callbacks
    )

    assert said == [
        "'Confidentialité et Cookies' a été publié(e) en français avec des "
        "traductions manquantes, voir ci-dessous :"
    ]


def test_the_banner_texts_published_in_french_in_lower_case(
    django_capture_on_commit_callbacks,
):
    french_texts = ConsentTexts.objects.get(locale__language_code="fr")
    translator = translator_speaking("fr")

    said = publish_french(
        translator,
        reverse("wagtailsnippets_consent_consenttexts:edit", args=[french_texts.pk]),
        django_capture_on_commit_callbacks,
    )

    assert said == [
        "« Textes du bandeau de consentement » a été publié(e) en français."
    ]


def test_the_publish_button_names_french_in_lower_case(fr_policy):
    translator = translator_speaking("fr")

    editor = soup(translator.get(page_edit_url(fr_policy)))

    props = json.loads(editor.select_one(".js-translation-editor")["data-props"])

    # localize's editor writes its button “Publish in ” + this name.
    assert props["locale"]["displayName"] == "français"
    # Standing alone, in the editor's header, the name keeps its capital.
    assert visible_text(editor.select_one(".header-meta--locales")) == (
        "Anglais Français"
    )


def test_a_po_file_of_another_language_names_both_in_lower_case(
    settings, en_policy, fr_policy
):
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    settings.WAGTAIL_CONTENT_LANGUAGES = [
        *settings.WAGTAIL_CONTENT_LANGUAGES,
        ("de", gettext_lazy("German")),
    ]
    french = Translation.objects.get(
        source__object_id=en_policy.translation_key, target_locale=fr_policy.locale
    )
    german_po = Translation.objects.create(
        source=french.source, target_locale=Locale.objects.create(language_code="de")
    ).export_po()
    for entry in german_po:
        entry.msgstr = "Datenschutz"
    translator = translator_speaking("fr")

    response = translator.post(
        localize_url("upload_pofile", french.pk),
        {
            "file": SimpleUploadedFile("de.po", str(german_po).encode()),
            "next": "/admin/",
        },
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Ce fichier PO est celui de la traduction en allemand de cette page, pas de "
        "la traduction en français."
    ]
