"""The consent banner's French texts belong to translators, as the French policy does.

Editors and approvers write the English; whichever admin address they try,
the French texts stay as the translators published them. Every address is
built from Wagtail's and wagtail-localize's own URL names, so that a renamed
route fails here rather than going unguarded.
"""

from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from compat.localize import RESTART_TRANSLATION
from consent.models import ConsentTexts
from tests.responses import config_of
from tests.roles import refused

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
NOT_TRANSLATORS = ["editor", "approver"]
VANDALISM = "Vandalisme"


def snippet_url(name, *args):
    return reverse(f"wagtailsnippets_consent_consenttexts:{name}", args=args)


def english():
    return ConsentTexts.objects.get(locale__language_code="en")


def french():
    return ConsentTexts.objects.get(locale__language_code="fr")


@pytest.fixture
def french_translation(db):
    return Translation.objects.get(
        source__object_id=english().translation_key,
        target_locale__language_code="fr",
    )


def french_state():
    """Everything a change to the French texts would touch."""
    return (
        list(
            ConsentTexts.objects.filter(locale__language_code="fr").values_list(
                "pk", "intro", "analytics", "live", "live_revision_id", "locked"
            )
        ),
        list(
            StringTranslation.objects.filter(locale__language_code="fr")
            .order_by("pk")
            .values_list("pk", "data")
        ),
        list(Translation.objects.order_by("pk").values_list("pk", "enabled")),
    )


def french_on_the_banner(client):
    return config_of(client.get("/consent.js"))["languages"]["fr"]


def is_refused(response):
    """Refused as the policy's guard refuses: back to the dashboard with a reason, or 403."""
    return response.status_code == 403 or refused(response)


def a_french_string(translation, field="intro"):
    segment = StringSegment.objects.get(source=translation.source, context__path=field)
    return segment, reverse(
        "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
    )


def french_form(**changes):
    texts = french()
    data = {
        field: getattr(texts, field)
        for field in ("intro", "necessary", "analytics", "functionality", "marketing")
    }
    return {**data, **changes}


# The snippet's own views --------------------------------------------------


@pytest.mark.parametrize("role", NOT_TRANSLATORS)
def test_the_french_texts_cannot_be_opened_edited_or_published(request, role):
    client = request.getfixturevalue(role)
    before = french_state()
    edit = snippet_url("edit", french().pk)

    assert is_refused(client.get(edit))
    # Wagtail's own form, saved and published.
    assert is_refused(client.post(edit, french_form(intro=VANDALISM)))
    assert is_refused(
        client.post(edit, french_form(intro=VANDALISM, **{"action-publish": "1"}))
    )
    # localize's editor, which answers at the same address: its publish
    # button, and the restart of a stopped sync.
    assert is_refused(client.post(edit, {"action": "publish"}))
    assert is_refused(client.post(edit, {RESTART_TRANSLATION: "1"}))

    assert french_state() == before


@pytest.mark.parametrize("role", NOT_TRANSLATORS)
def test_the_french_texts_cannot_be_deleted_unpublished_or_reverted(request, role):
    client = request.getfixturevalue(role)
    texts = french()
    before = french_state()
    revision = texts.live_revision_id

    assert is_refused(client.get(snippet_url("delete", texts.pk)))
    assert is_refused(client.post(snippet_url("delete", texts.pk)))
    bulk = client.post(
        reverse("wagtail_bulk_action", args=["consent", "consenttexts", "delete"])
        + f"?id={texts.pk}"
    )
    # The bulk action leaves out what they may not delete: nothing is left.
    assert bulk.status_code == 302
    assert is_refused(client.post(snippet_url("unpublish", texts.pk)))
    assert is_refused(
        client.post(
            snippet_url("revisions_revert", texts.pk, revision),
            french_form(intro=VANDALISM, **{"action-publish": "1"}),
        )
    )
    assert is_refused(
        client.post(snippet_url("revisions_unschedule", texts.pk, revision))
    )

    assert french_state() == before


@pytest.mark.parametrize("role", NOT_TRANSLATORS)
def test_the_french_texts_cannot_be_locked_copied_or_sent_to_a_workflow(request, role):
    client = request.getfixturevalue(role)
    texts = french()
    before = french_state()
    count = ConsentTexts.objects.count()

    assert is_refused(client.post(snippet_url("lock", texts.pk)))
    assert is_refused(client.post(snippet_url("unlock", texts.pk)))
    assert is_refused(client.post(snippet_url("copy", texts.pk), french_form()))
    assert is_refused(
        client.post(snippet_url("workflow_action", texts.pk, "approve", 1))
    )
    assert is_refused(
        client.post(snippet_url("collect_workflow_action_data", texts.pk, "approve", 1))
    )
    assert is_refused(
        client.get(snippet_url("confirm_workflow_cancellation", texts.pk))
    )
    # Nor written again from scratch in French.
    add_in_french = snippet_url("add") + "?" + urlencode({"locale": "fr"})
    assert is_refused(client.get(add_in_french))
    assert is_refused(client.post(add_in_french, french_form(intro=VANDALISM)))

    assert french_state() == before
    assert ConsentTexts.objects.count() == count


# wagtail-localize's views ------------------------------------------------


@pytest.mark.parametrize("role", NOT_TRANSLATORS)
def test_localize_refuses_them_the_french_strings(request, role, french_translation):
    client = request.getfixturevalue(role)
    before = french_state()
    _segment, string_url = a_french_string(french_translation)

    assert is_refused(
        client.put(string_url, urlencode({"value": VANDALISM}), content_type=FORM)
    )
    assert is_refused(client.delete(string_url))
    assert is_refused(
        client.put(
            reverse("wagtail_localize:edit_override", args=[french_translation.pk, 1]),
            urlencode({"value": VANDALISM}),
            content_type=FORM,
        )
    )
    assert is_refused(
        client.post(
            reverse("wagtail_localize:machine_translate", args=[french_translation.pk])
        )
    )

    assert french_state() == before


@pytest.mark.parametrize("role", NOT_TRANSLATORS)
def test_localize_refuses_them_the_french_po_file(request, role, french_translation):
    client = request.getfixturevalue(role)
    before = french_state()
    po = french_translation.export_po()
    for entry in po:
        entry.msgstr = VANDALISM

    download = client.get(
        reverse("wagtail_localize:download_pofile", args=[french_translation.pk])
    )
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[french_translation.pk]),
        {"file": SimpleUploadedFile("fr.po", str(po).encode())},
    )

    assert is_refused(download)
    assert is_refused(upload)
    assert french_state() == before


@pytest.mark.parametrize("role", NOT_TRANSLATORS)
def test_localize_refuses_them_what_changes_the_french_translation(
    request, role, french_translation
):
    client = request.getfixturevalue(role)
    before = french_state()
    source = french_translation.source

    # Sync the English into the French and publish it at once.
    assert is_refused(
        client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    )
    assert is_refused(
        client.post(
            reverse("wagtail_localize:stop_translation", args=[french_translation.pk])
        )
    )
    # The French texts as the source of a translation of their own.
    assert is_refused(
        client.get(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["consent", "consenttexts", french().pk],
            )
        )
    )

    assert french_state() == before


def test_approvers_sync_the_french_with_the_english_without_publishing_it(
    approver, french_translation
):
    before = french_state()

    response = approver.post(
        reverse(
            "wagtail_localize:update_translations",
            args=[french_translation.source.pk],
        ),
        {},
    )

    assert response.status_code == 302 and not refused(response)
    assert french_state() == before


# Translators -------------------------------------------------------------


def test_a_translator_changes_the_french_banner_through_localize(
    translator, client, french_translation, django_capture_on_commit_callbacks
):
    _segment, string_url = a_french_string(french_translation)
    assert french_on_the_banner(client)["intro"] == french().intro

    saved = translator.put(
        string_url,
        urlencode({"value": "Nous utilisons des cookies."}),
        content_type=FORM,
    )
    with django_capture_on_commit_callbacks(execute=True):
        published = translator.post(
            snippet_url("edit", french().pk), {"action": "publish"}
        )

    assert saved.status_code == 200
    assert published.status_code == 302 and not refused(published)
    assert french().intro == "Nous utilisons des cookies."
    # The banner, cached before, says it at once.
    assert french_on_the_banner(client)["intro"] == "Nous utilisons des cookies."


def test_a_translator_uploads_the_french_po_file(
    translator, french_translation, django_capture_on_commit_callbacks
):
    po = french_translation.export_po()
    for entry in po:
        if entry.msgid.startswith("They count visits"):
            entry.msgstr = "Ils comptent les visites, sans plus."

    response = translator.post(
        reverse("wagtail_localize:upload_pofile", args=[french_translation.pk]),
        {"file": SimpleUploadedFile("fr.po", str(po).encode())},
    )

    assert response.status_code == 302 and not refused(response)
    assert StringTranslation.objects.filter(
        locale=Locale.objects.get(language_code="fr"),
        data="Ils comptent les visites, sans plus.",
    ).exists()


def test_a_translator_cannot_restart_a_stopped_sync(translator, french_translation):
    """Restarting it puts the English back where the French was: administrators only,
    as for the policy."""
    french_translation.enabled = False
    french_translation.save()

    response = translator.post(
        snippet_url("edit", french().pk), {RESTART_TRANSLATION: "1"}
    )

    assert is_refused(response)
    french_translation.refresh_from_db()
    assert not french_translation.enabled


def test_a_translator_cannot_change_the_english(translator, french_translation):
    texts = english()
    before = (texts.intro, texts.live_revision_id)

    assert is_refused(translator.get(snippet_url("edit", texts.pk)))
    assert is_refused(
        translator.post(
            snippet_url("edit", texts.pk),
            {"intro": VANDALISM, "action-publish": "1"},
        )
    )
    assert is_refused(translator.post(snippet_url("unpublish", texts.pk)))
    assert is_refused(
        translator.post(snippet_url("add"), {"intro": VANDALISM, "action-publish": "1"})
    )

    texts = english()
    assert (texts.intro, texts.live_revision_id) == before
