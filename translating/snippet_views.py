"""The snippet admin of a translatable snippet, guarded language by language.

Wagtail checks a snippet model's permissions, not the language of the
instance: with "change", "publish" or "lock" on the model, a user may edit,
publish, unpublish, revert, lock or act on the workflow of every language's
instance. TranslatedSnippetViewSet puts access.editing_rights.may_edit in front
of each of its views that changes an instance, and checks the language asked
for when one is created. What only reads (history, usage, comparisons) stays
as Wagtail checks it.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.urls import URLPattern

from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSet

from access.editing_rights import may_edit, may_edit_in

from .guards import refuse

# Views that show an instance without changing it.
READ_ONLY_VIEWS = {
    "list",
    "list_results",
    "usage",
    "history",
    "history_results",
    "inspect",
    "revisions_view",
    "revisions_compare",
    "workflow_history",
    "workflow_history_detail",
    "workflow_preview",
    "preview_on_add",
}


def _guard_instance(view, model):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        instance = model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
        # A missing instance is Wagtail's to answer (404).
        if instance is not None and not may_edit(request.user, instance):
            refuse(request)
        return view(request, *args, **kwargs)

    return guarded


def _guard_creation(view, model):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        # Wagtail creates a translatable snippet in the language given by
        # ?locale=, the source language without it.
        code = request.GET.get("locale")
        locale = (
            Locale.objects.filter(language_code=code).first()
            if code
            else Locale.get_default()
        )
        if locale is not None and not may_edit_in(request.user, model, locale):
            refuse(request)
        return view(request, *args, **kwargs)

    return guarded


class TranslatedSnippetViewSet(SnippetViewSet):
    def get_urlpatterns(self):
        patterns = []
        for pattern in super().get_urlpatterns():
            view = pattern.callback
            if pattern.name == "add":
                view = _guard_creation(view, self.model)
            elif (
                pattern.name not in READ_ONLY_VIEWS
                and "pk" in pattern.pattern.regex.groupindex
            ):
                view = _guard_instance(view, self.model)
            patterns.append(
                URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)
            )
        return patterns
