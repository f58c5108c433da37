"""wagtail-localize's admin views, guarded page by page.

localize lets anyone with the global `submit_translation` permission submit or
sync any page, and its PO upload fails with a server error on some files. These
views check the pages involved first, then hand over to localize.
"""

import tempfile

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views.edit_translation import upload_pofile as localize_upload
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

import polib

# A policy's PO file is tens of kilobytes; anything this big is not one.
MAX_PO_SIZE = 2 * 1024 * 1024


def submit_page_translation(request, page_id):
    """Translate a page into other languages: only for those who may edit it."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def update_translations(request, translation_source_id):
    """Sync translated pages with their source: only for those who may edit the source.

    Publishing the synced translations at once also needs the right to publish
    each of them.
    """
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist as error:
        raise Http404("The source of this translation no longer exists.") from error
    if isinstance(instance, Page):
        if not instance.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("publish_translations"):
            for translation in source.translations.filter(enabled=True):
                try:
                    target = translation.get_target_instance()
                except ObjectDoesNotExist:
                    continue
                if not target.permissions_for_user(request.user).can_publish():
                    raise PermissionDenied
    return UpdateTranslationsView.as_view()(
        request, translation_source_id=translation_source_id
    )


def po_file_problem(upload, translation):
    """Why `upload` cannot be imported into `translation`, in words; None if it can."""
    if upload is None:
        return _("Choose a PO file to upload.")
    if upload.size > MAX_PO_SIZE:
        return _("This file is too large to be the PO file of this page.")
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        try:
            # polib reads a file by name; given the text itself, a text that
            # happens to be a path would be read from disk instead.
            po = polib.pofile(copy.name)
        except (OSError, UnicodeDecodeError, ValueError):
            po = None
    upload.seek(0)
    if po is None:
        return _(
            "This file is not a valid PO file. Download the PO file from this "
            "translation again and translate that one."
        )

    translation_id = po.metadata.get("X-WagtailLocalize-TranslationID")
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
            "language": other.target_locale.get_display_name(),
            "expected": translation.target_locale.get_display_name(),
        }
    return _("This PO file is for another page: “%(title)s”.") % {
        "title": other.source.object_repr
    }


@require_POST
def upload_pofile(request, translation_id):
    """Import a translator's PO file, refusing with a message any file that does not fit."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404("This translation has no page yet.") from error
    if not user_can_edit_instance(request.user, target):
        raise PermissionDenied
    problem = po_file_problem(request.FILES.get("file"), translation)
    if problem:
        messages.error(request, problem)
        return redirect(
            get_valid_next_url_from_request(request)
            or reverse("wagtailadmin_pages:edit", args=[target.pk])
        )
    return localize_upload(request, translation_id)
