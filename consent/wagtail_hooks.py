from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from translating.snippet_views import TranslatedSnippetViewSet

from .admin_views import ConsentRecordsView, export_csv
from .models import ConsentTexts


class ConsentTextsViewSet(TranslatedSnippetViewSet):
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
