"""The consent banner's texts, changed as people change them: the English published
by an approver in Wagtail's snippet editor, the French through wagtail-localize."""

from django.urls import reverse

from consent.models import ConsentTexts
from tests.pages import translate_into_french

FIELDS = ("intro", "necessary", "analytics", "functionality", "marketing")


def texts_in(language):
    return ConsentTexts.objects.get(locale__language_code=language)


def publish_english_texts(approver, capture_on_commit, **changes):
    """An approver changes the English texts in the snippet editor and publishes them."""
    english = texts_in("en")
    data = {field: getattr(english, field) for field in FIELDS}
    data.update(changes, **{"action-publish": "1"})
    with capture_on_commit(execute=True):
        response = approver.post(
            reverse("wagtailsnippets_consent_consenttexts:edit", args=[english.pk]),
            data,
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return texts_in("en")


def publish_french_texts(french_strings, capture_on_commit):
    """The French texts synced with the English and published through localize,
    the strings not yet translated taken from `french_strings` (English → French)."""
    translation = translate_into_french(
        texts_in("en"), french_strings, capture_on_commit
    )
    progress = translation.get_progress()
    assert progress[0] == progress[1], "every string of the texts is translated"
    return texts_in("fr")
