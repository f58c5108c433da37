"""Every major version keeps a permanent address, showing it exactly as published."""

import io

from django.core.management import call_command

from wagtail.models import Revision

import pytest

from policy.models import PolicyVersion
from tests.admin_forms import policy_form_data
from tests.pages import cookie_duration, soup, visible_text

EN_URL = "/en/privacy-and-cookies/"


def test_an_archived_version_shows_the_text_of_its_revision(client, major_change):
    archived = soup(client.get(EN_URL + "versions/1/"))
    current = soup(client.get(EN_URL + "versions/2/"))

    assert cookie_duration(archived, "_ga") == "2 years"
    assert cookie_duration(current, "_ga") == "13 months"
    assert "last updated on 23 January 2018" in visible_text(
        archived.select_one(".last-updated")
    )


def test_an_archived_version_says_so_and_is_not_indexed(client, major_change):
    page = soup(client.get(EN_URL + "versions/1/"))

    notice = visible_text(page.select_one(".notice--archived"))
    assert "This is an archived version of the policy." in notice
    assert "It was in force from 23 January 2018 to 4 March 2024." in notice
    assert page.select_one(".notice--archived a")["href"] == EN_URL
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_the_french_archive_links_to_the_same_version_in_english(client, db):
    page = soup(client.get("/fr/confidentialite-et-cookies/versions/1/"))

    assert "en vigueur depuis le 23 janvier 2018" in visible_text(
        page.select_one(".notice")
    )
    english = page.select_one(".language-switcher a[lang=en]")
    assert english["href"] == EN_URL + "versions/1/"


def test_a_reverted_revision_published_as_major_is_a_new_version(
    admin_client, major_change
):
    first = PolicyVersion.objects.get(page=major_change, number=1)

    response = admin_client.post(
        f"/admin/pages/{major_change.pk}/revisions/{first.revision_id}/revert/",
        policy_form_data(
            first.revision.as_object(),
            update_type="major",
            change_note="We went back to the 2018 cookie durations.",
        ),
    )

    assert response.status_code == 302
    versions = list(PolicyVersion.objects.filter(page=major_change).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[2].revision_id != first.revision_id
    assert (
        cookie_duration(soup(admin_client.get(EN_URL + "versions/3/")), "_ga")
        == "2 years"
    )
    assert (
        len(soup(admin_client.get(EN_URL + "history/")).select(".history__entry")) == 3
    )


def test_purge_revisions_keeps_the_revisions_behind_the_history(major_change):
    kept = set(PolicyVersion.objects.values_list("revision_id", flat=True))
    # A draft saved after the last publication, which purging may remove.
    major_change.save_revision()

    call_command("purge_revisions", stdout=io.StringIO())

    assert kept <= set(Revision.objects.values_list("id", flat=True))


def test_deleting_a_policy_page_takes_its_history_with_it(major_change):
    major_change.delete()

    assert not PolicyVersion.objects.filter(page_id=major_change.pk).exists()


@pytest.mark.parametrize(
    "path",
    [
        "versions/0/",
        "versions/99/",
        "versions/-1/",
        "versions/abc/",
        "versions/99999999999999999999/",
    ],
)
def test_unknown_versions_are_not_found(client, db, path):
    response = client.get(EN_URL + path)

    assert response.status_code == 404
    assert visible_text(soup(response).h1) == "Page not found"
