"""What compat/localize.py relies on in localize's admin, checked against the
installed wagtail-localize: its views, its permission check, the names of its
buttons and form fields, its PO header.

(Its translation editor: tests/test_compat_localize_editor.py.) Each test runs
localize itself; when an upgrade changes what a seam relies on, the test
fails naming the seam and what breaks.
"""

import inspect
import sys
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import URLResolver, reverse

from wagtail.admin import messages as wagtail_messages
from wagtail.models import Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

import polib
import pytest

from compat import localize
from consent.models import ConsentTexts
from tests.admin_forms import set_cookie_duration
from tests.pages import soup
from tests.roles import user_in

pytestmark = pytest.mark.django_db

# What translating/guards.py hands over to, by the name of localize's address.
HANDED_OVER = {
    "convert_to_alias": localize.convert_to_alias,
    "stop_translation": localize.stop_translation,
    "download_pofile": localize.download_pofile,
    "upload_pofile": localize.upload_pofile,
    "edit_string_translation": localize.edit_string_translation,
    "edit_override": localize.edit_override,
    "machine_translate": localize.machine_translate,
    "submit_page_translation": localize.SubmitPageTranslationView,
    "submit_snippet_translation": localize.SubmitSnippetTranslationView,
    "update_translations": localize.UpdateTranslationsView,
}


@pytest.fixture
def french_translation(en_policy):
    return Translation.objects.get(
        source__object_id=en_policy.translation_key,
        target_locale__language_code="fr",
    )


def localize_own_views():
    """{name: callable} of the admin addresses localize's own hook registers."""
    views = {}
    patterns = list(localize_hooks.register_admin_urls())
    while patterns:
        pattern = patterns.pop()
        if isinstance(pattern, URLResolver):
            patterns.extend(pattern.url_patterns)
        else:
            views[pattern.name] = pattern.callback
    return views


def serves(view, expected):
    """Whether the callable of a URL pattern is `expected`, or its class's view."""
    return view is expected or getattr(view, "view_class", None) is expected


def test_localize_views_are_the_ones_localize_serves_at_its_addresses():
    own = localize_own_views()

    changed = {
        name: own.get(name)
        for name, view in HANDED_OVER.items()
        if not serves(own.get(name), view)
    }
    assert not changed, (
        f"localize no longer serves these views at its addresses: {changed}; "
        "translating/guards.py would hand over to views localize no longer "
        "uses; see compat/localize.py"
    )


def test_localize_user_can_edit_instance_asks_page_or_snippet_model_rights(
    en_policy, fr_policy
):
    """What access.editing_rights.may_edit builds on: a page's own permissions,
    "change" on a snippet's model."""
    texts = ConsentTexts.objects.all()
    mismatches = []
    for group in ("Editors", "Approvers", "Translators"):
        user = user_in(group)
        for page in (en_policy, fr_policy):
            expected = page.permissions_for_user(user).can_edit()
            if localize.user_can_edit_instance(user, page) != expected:
                mismatches.append((group, page))
        for text in texts:
            expected = user.has_perm(get_permission_name("change", ConsentTexts))
            if localize.user_can_edit_instance(user, text) != expected:
                mismatches.append((group, text))

    assert texts and not mismatches, (
        "localize's user_can_edit_instance no longer asks a page's permissions "
        f"or 'change' on a snippet's model ({mismatches}): "
        "access.editing_rights.may_edit would no longer agree with localize's "
        "own views; see compat/localize.py user_can_edit_instance"
    )


def test_localize_restart_translation_is_the_name_of_its_button_and_restarts(
    admin_client, fr_policy, french_translation
):
    french_translation.enabled = False
    french_translation.save()
    editor = soup(admin_client.get(f"/admin/pages/{fr_policy.pk}/edit/"))
    buttons = {button.get("name") for button in editor.select("button[name]")}

    assert {localize.RESTART_TRANSLATION, localize.CONVERT_TO_ALIAS} <= buttons, (
        "localize's page editor actions are no longer named "
        f"{localize.RESTART_TRANSLATION!r} and {localize.CONVERT_TO_ALIAS!r} "
        f"(buttons: {sorted(buttons)}): translating/wagtail_hooks.py would no "
        "longer guard them; see compat/localize.py"
    )
    snippet_action = localize_hooks.RestartTranslationSnippetActionMenuItem
    assert snippet_action.name == localize.RESTART_TRANSLATION, (
        "localize's snippet editor action is no longer named "
        f"{localize.RESTART_TRANSLATION!r}; see compat/localize.py"
    )

    admin_client.post(
        f"/admin/pages/{fr_policy.pk}/edit/", {localize.RESTART_TRANSLATION: "1"}
    )

    french_translation.refresh_from_db()
    assert french_translation.enabled, (
        f"localize no longer restarts a translation on {localize.RESTART_TRANSLATION!r}; "
        "see compat/localize.py RESTART_TRANSLATION"
    )


def test_localize_convert_to_alias_sends_to_its_alias_conversion(
    admin_client, fr_policy
):
    response = admin_client.post(
        f"/admin/pages/{fr_policy.pk}/edit/", {localize.CONVERT_TO_ALIAS: "1"}
    )

    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtail_localize:convert_to_alias", args=[fr_policy.pk]
    ), (
        f"localize no longer acts on {localize.CONVERT_TO_ALIAS!r} in the page "
        "editor; see compat/localize.py CONVERT_TO_ALIAS"
    )
    assert Page.objects.get(pk=fr_policy.pk).alias_of_id is None


def test_localize_publish_translations_is_the_box_of_its_sync_form(
    admin_client, en_policy
):
    source = TranslationSource.objects.get(object_id=en_policy.translation_key)

    form = soup(admin_client.get(f"/admin/localize/update/{source.pk}/"))

    assert form.select(f'input[name="{localize.PUBLISH_TRANSLATIONS}"]'), (
        "localize's sync form no longer has a box named "
        f"{localize.PUBLISH_TRANSLATIONS!r}: translating/guards.update_translations "
        "would not check the right to publish what it syncs; see "
        "compat/localize.py PUBLISH_TRANSLATIONS"
    )


def test_localize_po_translation_id_names_the_translation(french_translation):
    po = polib.pofile(str(french_translation.export_po()))

    assert po.metadata.get(localize.PO_TRANSLATION_ID) == str(
        french_translation.uuid
    ), (
        f"localize's PO files no longer name their translation in "
        f"{localize.PO_TRANSLATION_ID!r}: translating/guards.po_file_problem "
        "would refuse every upload; see compat/localize.py PO_TRANSLATION_ID"
    )


def _edit_module():
    return sys.modules[localize.edit_translation.__module__]


def test_localize_edit_translation_is_what_its_hooks_answer_a_translation_with():
    hooks_source = inspect.getsource(localize_hooks.before_edit_page) + (
        inspect.getsource(localize_hooks.before_edit_snippet)
    )

    assert (
        localize_hooks.edit_translation.edit_translation is localize.edit_translation
        and hooks_source.count("edit_translation.edit_translation(") == 2
    ), (
        "localize's before_edit_page and before_edit_snippet hooks no longer "
        "answer a translation's edit address with its edit_translation view: "
        "translating/publishing.py would hand its editor's publication to "
        "another view; see compat/localize.py edit_translation"
    )


def test_localize_publish_action_and_published_messages_are_its_own():
    """The editor's button posts PUBLISH_ACTION; the view answers with PUBLISHED_MESSAGES,
    as Wagtail's admin messages (HTML)."""
    bundle = Path(finders.find("wagtail_localize/js/wagtail-localize.js")).read_text(
        encoding="utf-8"
    )
    view = inspect.getsource(localize.edit_translation)
    key, value = localize.PUBLISH_ACTION

    assert f'name:"{key}",value:"{value}"' in bundle and (
        f'request.POST.get("{key}") == "{value}"' in view
    ), (
        "localize's publish button or its view no longer use "
        f"{key}={value}: translating/publishing.py would not recognise a "
        "publication; see compat/localize.py PUBLISH_ACTION"
    )
    said = " ".join(view.split())
    missing = [
        message
        for message in localize.PUBLISHED_MESSAGES
        if " ".join(f'"{message}"'.split()) not in said
    ]
    assert not missing and _edit_module().messages is wagtail_messages, (
        f"localize no longer says {missing} when publishing from its editor, "
        "or not through Wagtail's admin messages: its French would name the "
        "language with a capital again; see compat/localize.py PUBLISHED_MESSAGES"
    )


def segment_rows(source):
    """Every segment localize holds for `source`: its kind, id and what it says."""
    rows = set()
    for segment in source.stringsegment_set.select_related("context", "string"):
        rows.add(
            (
                "string",
                segment.pk,
                segment.context.path,
                segment.order,
                segment.string.data,
                segment.attrs,
            )
        )
    for model in ("templatesegment", "relatedobjectsegment", "overridablesegment"):
        for segment in getattr(source, f"{model}_set").select_related("context"):
            rows.add((model, segment.pk, segment.context.path, segment.order))
    return rows


def test_localize_refresh_segments_leaves_nothing_for_localize_own_refresh(
    en_policy, django_capture_on_commit_callbacks
):
    """After an English publication, the strings translators see are those
    localize's own refresh would write: running it next changes no segment."""
    source = TranslationSource.objects.get(
        object_id=en_policy.translation_key, locale=en_policy.locale
    )
    before = {row[:2] for row in segment_rows(source)}
    body = en_policy.body
    # A section gone from the middle: every segment after it moves up.
    removed = body[1].value["heading"]
    del body[1]
    set_cookie_duration(en_policy, "_ga", "13 months")
    en_policy.body = body
    revision = en_policy.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()

    source.refresh_from_db()
    after = segment_rows(source)
    texts = {row[4] for row in after if row[0] == "string"}
    assert "13 months" in texts and removed not in texts, (
        "localize.refresh_segments did not write the changed strings"
    )
    # The segments that stayed kept their rows: only the change was written.
    assert len(before & {row[:2] for row in after}) > len(after) - 5
    source.refresh_segments()
    assert segment_rows(source) == after, (
        "localize's refresh_segments wrote segments that localize.refresh_segments "
        "left out: compare compat/localize.py with TranslationSource.refresh_segments"
    )


def test_localize_content_path_names_a_string_it_puts_errors_on(en_policy):
    """A translated page's error keyed by content_path lands on that string."""
    from wagtail_localize.models import TranslationContext

    section, table, row = next(
        (section, child, row)
        for section in en_policy.body
        for child in section.value["content"]
        if child.block_type == "cookie_table"
        for row in child.value["cookies"].bound_blocks
    )
    path = localize.content_path(
        "body", section.id, "content", table.id, "cookies", row.id, "duration"
    )
    saving = inspect.getsource(TranslationSource.create_or_update_translation)

    assert TranslationContext.objects.filter(
        object_id=en_policy.translation_key, path=path
    ).exists(), (
        f"localize no longer keeps a cookie's duration at {path}: a translated "
        "duration's error would not reach its string; see compat/localize.py "
        "content_path"
    )
    assert "e.error_dict.items()" in saving and "set_field_error" in saving, (
        "localize no longer puts a translated page's ValidationError on the "
        "string its key names; see compat/localize.py content_path"
    )
