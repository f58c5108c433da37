"""wagtail-localize's admin views, guarded page by page and snippet by snippet.

localize lets anyone with the global `submit_translation` permission submit or
sync any page, lets anyone who may edit a translation turn it back into an
alias of its source (which deletes the translation and shows the source's
text in its place) or stop its sync, lets anyone with "change" on a snippet
model translate every language of it, serves PO files without a charset, and
its PO upload fails with a server error on some files. These views check the
pages and snippets involved first (access.editing_rights), then hand over to
localize. tests/test_localize_views.py lists every admin address localize
registers and what each role may do there.
"""

import logging
import tempfile

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

import polib

from access.editing_rights import may_edit, may_publish
from compat import localize
from languages.names import in_sentence

from .editor_labels import localized_comment

# A policy's PO file is tens of kilobytes; anything this big is not one.
MAX_PO_SIZE = 2 * 1024 * 1024

security_log = logging.getLogger("security")


def refuse(request):
    """Refuse the request as Wagtail refuses, and say so in the security log."""
    security_log.warning(
        "Refused %s %s to user %s",
        request.method,
        request.path,
        request.user.pk,
        extra={"request": request},
    )
    raise PermissionDenied


def may_change_what_a_translation_is(user, instance):
    """Whether `user` may stop or restart a translation's sync, or make a page an alias of its source.

    Those change what the page (or snippet) is rather than its words, and the
    source's text would replace the translation: only for someone who may
    edit both the translation and its source (in this site's roles,
    administrators).
    """
    if not may_edit(user, instance):
        return False
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return True
    try:
        source = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return True
    return may_edit(user, source)


def convert_to_alias(request, page_id):
    """Make a translation an alias of its source again: see may_change_what_a_translation_is."""
    page = get_object_or_404(Page, id=page_id)
    if not may_change_what_a_translation_is(request.user, page):
        refuse(request)
    return localize.convert_to_alias(request, page_id)


@require_POST
def stop_translation(request, translation_id):
    """Stop keeping a translation in step with its source: see may_change_what_a_translation_is."""
    translation = get_object_or_404(Translation, id=translation_id)
    target = _target(translation)
    if not may_change_what_a_translation_is(request.user, target):
        refuse(request)
    return localize.stop_translation(request, translation_id)


def _translation_editable_by(request, translation_id):
    """The translation, if the user may edit what it translates into; refused otherwise."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not may_edit(request.user, _target(translation)):
        refuse(request)
    return translation


def download_pofile(request, translation_id):
    """localize's PO download, saying that it is UTF-8, as PO files from localize are."""
    _translation_editable_by(request, translation_id)
    response = localize.download_pofile(request, translation_id)
    if response.status_code == 200:
        response["Content-Type"] = "text/x-gettext-translation; charset=utf-8"
    return response


def edit_string_translation(request, translation_id, string_segment_id):
    """localize's saving of one string, answering with its date in the translator's language."""
    _translation_editable_by(request, translation_id)
    response = localize.edit_string_translation(
        request, translation_id, string_segment_id
    )
    data = localize.saved_string_answer(response)
    if request.method == "PUT" and data and data.get("comment"):
        segment = StringSegment.objects.get(id=string_segment_id)
        string_translation = StringTranslation.objects.get(
            translation_of_id=segment.string_id,
            context_id=segment.context_id,
            locale_id=Translation.objects.get(id=translation_id).target_locale_id,
        )
        data["comment"] = localized_comment(string_translation)
    return response


def edit_override(request, translation_id, overridable_segment_id):
    """localize's saving of an overridden segment (an image, a link), for those who may edit the target."""
    _translation_editable_by(request, translation_id)
    return localize.edit_override(request, translation_id, overridable_segment_id)


def machine_translate(request, translation_id):
    """localize's machine translation of the missing strings, for those who may edit the target."""
    _translation_editable_by(request, translation_id)
    return localize.machine_translate(request, translation_id)


def _target(translation):
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404("This translation has no page yet.") from error


def submit_page_translation(request, page_id):
    """Translate a page into other languages: only for those who may edit it."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        refuse(request)
    return localize.SubmitPageTranslationView.as_view()(request, page_id=page_id)


def submit_snippet_translation(request, app_label, model_name, pk):
    """Translate a snippet into other languages: only for those who may edit it."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404("No such snippet.") from error
    instance = get_object_or_404(model, pk=unquote(pk))
    if not may_edit(request.user, instance):
        refuse(request)
    return localize.SubmitSnippetTranslationView.as_view()(
        request, app_label=app_label, model_name=model_name, pk=pk
    )


def update_translations(request, translation_source_id):
    """Sync translations with their source: only for those who may edit the source.

    Publishing the synced translations at once also needs the right to publish
    each of them. For pages and snippets alike.
    """
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist as error:
        raise Http404("The source of this translation no longer exists.") from error
    if not may_edit(request.user, instance):
        refuse(request)
    if request.method == "POST" and request.POST.get(localize.PUBLISH_TRANSLATIONS):
        for translation in source.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not may_publish(request.user, target):
                refuse(request)
    return localize.UpdateTranslationsView.as_view()(
        request, translation_source_id=translation_source_id
    )


def is_garbled(text):
    """True for text that is UTF-8 read as Latin-1 or Windows-1252 (“donnÃ©es”).

    Read back as UTF-8 it makes sense (“données”); real French text never can
    be: its accented letters alone are not valid UTF-8.
    """
    if text.isascii():
        return False
    for encoding in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if repaired != text:
            return True
    return False


def po_file_problem(upload, translation):
    """Why `upload` cannot be imported into `translation`, in words; None if it can."""
    if upload is None:
        return _("Choose a PO file to upload.")
    if upload.size > MAX_PO_SIZE:
        return _("This file is too large to be the PO file of this page.")
    content = b"".join(upload.chunks())
    upload.seek(0)
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return _(
            "This PO file is not saved as UTF-8, so its accents would be garbled. "
            "Save it as UTF-8 (your PO editor's “Unicode (UTF-8)” encoding) and "
            "upload it again."
        )
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        copy.write(content)
        copy.flush()
        try:
            # polib reads a file by name; given the text itself, a text that
            # happens to be a path would be read from disk instead.
            po = polib.pofile(copy.name, encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError):
            po = None
    if po is None:
        return _(
            "This file is not a valid PO file. Download the PO file from this "
            "translation again and translate that one."
        )
    garbled = next((entry.msgstr for entry in po if is_garbled(entry.msgstr)), None)
    if garbled:
        return _(
            "The accents in this PO file are garbled, for example “%(text)s”: it "
            "was opened in the wrong encoding and saved again. Download the PO "
            "file again, open it as UTF-8 and translate that one."
        ) % {"text": garbled[:60]}

    translation_id = po.metadata.get(localize.PO_TRANSLATION_ID)
    if translation_id == str(translation.uuid):
        return None
    other = (
        Translation.objects.filter(uuid=translation_id)
        .select_related("source", "target_locale")
        .first()
        if translation_id
        else None
    )
    if other is None:
        return _(
            "This PO file was not downloaded from this translation. Download the PO "
            "file from this page and translate that one."
        )
    if other.source_id == translation.source_id:
        return _(
            "This PO file is for the %(language)s translation of this page, not the "
            "%(expected)s one."
        ) % {
            "language": in_sentence(other.target_locale.get_display_name()),
            "expected": in_sentence(translation.target_locale.get_display_name()),
        }
    return _("This PO file is for another page: “%(title)s”.") % {
        "title": other.source.object_repr
    }


@require_POST
def upload_pofile(request, translation_id):
    """Import a translator's PO file, refusing with a message any file that does not fit."""
    translation = _translation_editable_by(request, translation_id)
    target = _target(translation)
    problem = po_file_problem(request.FILES.get("file"), translation)
    if problem:
        messages.error(request, problem)
        return redirect(
            get_valid_next_url_from_request(request)
            or AdminURLFinder(request.user).get_edit_url(target)
            or reverse("wagtailadmin_home")
        )
    return localize.upload_pofile(request, translation_id)
