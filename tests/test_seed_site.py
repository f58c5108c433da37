"""`seed_site` sets the site up once; running it again changes nothing."""

import io

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    PageLogEntry,
    Revision,
    Site,
    WorkflowPage,
)
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


def snapshot():
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "path",
                "slug",
                "title",
                "live",
                "locale__language_code",
                "latest_revision_id",
            )
        ),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "locales": list(Locale.objects.values_list("language_code", flat=True)),
        "sites": list(Site.objects.values_list("hostname", "root_page_id")),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
        "groups": sorted(
            (group.name, sorted(group.permissions.values_list("codename", flat=True)))
            for group in Group.objects.all()
        ),
        "page permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "workflows": sorted(
            WorkflowPage.objects.values_list("page_id", "workflow__name")
        ),
    }


def test_seed_site_twice_leaves_the_database_unchanged(
    db, django_capture_on_commit_callbacks
):
    before = snapshot()
    output = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_site", stdout=output)

    assert snapshot() == before
    assert "nothing changed" in output.getvalue()


def test_seeded_site_serves_both_languages_from_one_site(db):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page.specific.title == "DMJ Computer Services"
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == [
        "en",
        "fr",
    ]
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site")
