from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import ConsentRecordsView, export_csv
from .models import ConsentTexts


class ConsentTextsViewSet(SnippetViewSet):
    model = ConsentTexts
    icon = "tick-inverse"
    menu_label = _("Consent banner texts")
    add_to_admin_menu = False
    list_display = ["__str__", "locale"]


register_snippet(ConsentTextsViewSet)


@hooks.register("register_admin_urls")
def consent_records_urls():
    return [
        path(
            "consent-records/",
            ConsentRecordsView.as_view(),
            name="consent_records_report",
        ),
        path("consent-records/csv/", export_csv, name="consent_records_csv"),
    ]


@hooks.register("register_reports_menu_item")
def consent_records_menu_item():
    return ConsentRecordsView.menu_item(
        _("Consent records"),
        reverse("consent_records_report"),
        icon_name="tick-inverse",
        order=910,
    )


def _guard_source_texts(request, instances):
    for instance in instances:
        if (
            isinstance(instance, ConsentTexts)
            and instance.locale.language_code == settings.LANGUAGE_CODE
            and not request.user.has_perm("consent.change_source_consenttexts")
        ):
            raise PermissionDenied


@hooks.register("before_edit_snippet")
def source_texts_only_for_editors(request, instance):
    _guard_source_texts(request, [instance])


@hooks.register("before_delete_snippet")
def source_texts_deleted_only_by_editors(request, instances):
    _guard_source_texts(request, instances)
