"""Each role can do its job and nothing more, whichever admin view it tries."""

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from policy.models import PolicyPage, PolicyVersion
from tests.admin_forms import policy_form_data, set_cookie_duration
from tests.localize_urls import localize_url
from tests.roles import refused


def duration_in(page, cookie_name):
    for section in page.body:
        for child in section.value["content"]:
            if child.block_type == "cookie_table":
                for cookie in child.value["cookies"]:
                    if cookie["name"] == cookie_name:
                        return cookie["duration"]
    raise LookupError(cookie_name)


def live_duration(page, cookie_name):
    return duration_in(PolicyPage.objects.get(pk=page.pk), cookie_name)


def source_of(page):
    return TranslationSource.objects.get(
        object_id=page.translation_key, locale_id=page.locale_id
    )


# Editors ---------------------------------------------------------------


def test_editor_edits_english_but_cannot_publish(editor, en_policy):
    response = editor.post(
        f"/admin/pages/{en_policy.pk}/edit/",
        policy_form_data(
            en_policy,
            body=set_cookie_duration(en_policy, "_ga", "13 months"),
            update_type="major",
            change_note="Longer Google Analytics cookies.",
        ),
    )

    assert response.status_code == 302
    assert live_duration(en_policy, "_ga") == "2 years"
    assert PolicyVersion.objects.filter(page=en_policy).count() == 1
    # ...but the change is kept as a draft.
    draft = PolicyPage.objects.get(pk=en_policy.pk).get_latest_revision_as_object()
    assert duration_in(draft, "_ga") == "13 months"


def test_editor_cannot_open_the_french_page(editor, fr_policy):
    assert refused(editor.get(f"/admin/pages/{fr_policy.pk}/edit/"))


# Translators -----------------------------------------------------------


def test_translator_cannot_edit_or_publish_english(translator, en_policy):
    assert refused(translator.get(f"/admin/pages/{en_policy.pk}/edit/"))
    response = translator.post(
        f"/admin/pages/{en_policy.pk}/edit/",
        policy_form_data(
            en_policy,
            body=set_cookie_duration(en_policy, "_ga", "1 day"),
            update_type="minor",
        ),
    )
    assert refused(response)
    assert live_duration(en_policy, "_ga") == "2 years"


def test_translator_opens_the_french_page_in_the_translation_editor(
    translator, fr_policy
):
    response = translator.get(f"/admin/pages/{fr_policy.pk}/edit/")

    assert response.status_code == 200
    assert b'class="js-translation-editor"' in response.content


def test_translator_cannot_submit_or_sync_english_pages(translator, en_policy):
    source = source_of(en_policy)
    before = (Translation.objects.count(), source.last_updated_at)

    submit = translator.post(
        localize_url("submit_page_translation", en_policy.pk), {"locales": []}
    )
    sync = translator.post(
        localize_url("update_translations", source.pk), {"publish_translations": "on"}
    )

    assert refused(submit) and refused(sync)
    source.refresh_from_db()
    assert (Translation.objects.count(), source.last_updated_at) == before


def test_submit_translation_permission_alone_does_not_open_english_pages(
    translator, en_policy, django_user_model
):
    """localize checks only the global permission: a French translator given it
    still cannot reach English pages through localize's views."""
    user = django_user_model.objects.get(username="translators")
    user.user_permissions.add(
        Permission.objects.get(
            codename="submit_translation", content_type__app_label="wagtail_localize"
        )
    )
    source = source_of(en_policy)
    before = source.last_updated_at

    assert refused(
        translator.get(localize_url("submit_page_translation", en_policy.pk))
    )
    assert refused(translator.get(localize_url("update_translations", source.pk)))
    assert refused(
        translator.post(
            localize_url("update_translations", source.pk),
            {"publish_translations": "on"},
        )
    )
    source.refresh_from_db()
    assert source.last_updated_at == before


def test_editor_cannot_upload_a_po_file_into_the_french_translation(editor, en_policy):
    translation = Translation.objects.get(source=source_of(en_policy))
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "Vandalisme"
    before = list(StringTranslation.objects.values_list("data", flat=True))

    response = editor.post(
        localize_url("upload_pofile", translation.pk),
        {"file": SimpleUploadedFile("fr.po", str(po).encode())},
    )

    assert refused(response)
    assert list(StringTranslation.objects.values_list("data", flat=True)) == before


# Approvers -------------------------------------------------------------


def test_approver_syncs_but_cannot_publish_french_through_sync(
    approver, en_policy, fr_policy
):
    source = source_of(en_policy)
    french_revision = fr_policy.live_revision_id

    publish = approver.post(
        localize_url("update_translations", source.pk), {"publish_translations": "on"}
    )
    assert refused(publish)
    assert PolicyPage.objects.get(pk=fr_policy.pk).live_revision_id == french_revision

    sync = approver.post(localize_url("update_translations", source.pk), {})
    assert sync.status_code == 302 and sync["Location"] != "/admin/"
    assert PolicyPage.objects.get(pk=fr_policy.pk).live_revision_id == french_revision


def test_approver_cannot_edit_french(approver, fr_policy):
    assert refused(approver.get(f"/admin/pages/{fr_policy.pk}/edit/"))
