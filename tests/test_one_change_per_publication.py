"""A publication is one change of the public content: one new generation, one purge.

Wagtail saves the page in autocommit; the version, the search entries and the
strings translators work from follow in one transaction (caching/changes.py).
The edge is told once, after the commit, with the generation that is current
from then on, and the page is served as published.
"""

import io
import uuid
from collections import Counter

from django.core.management import call_command
from django.db import transaction

from wagtail.models import PageViewRestriction

import pytest

from caching.changes import page_publication
from caching.generation import content_generation
from tests.admin_forms import (
    MAJOR_CHANGE_NOTE,
    publish_through_editor,
    set_cookie_duration,
)
from tests.pages import cookie_duration, english_policy, soup

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"


@pytest.fixture
def committed_site(transactional_db):
    """The seeded site, committed: as in production, nothing around a publication
    but what the app opens (an earlier transactional test may have emptied it)."""
    call_command("seed_site", stdout=io.StringIO())


def generation():
    return int(content_generation())


def purged_once_each(edge):
    """The addresses purged, after checking that none was purged twice."""
    paths = Counter(path for path, _host, _generation in edge)
    assert paths, "the edge was purged"
    assert [path for path, count in paths.items() if count > 1] == []
    return set(paths)


def assert_one_purge_in_the_current_generation(edge, before):
    assert {purged for _path, _host, purged in edge} == {str(generation())}
    assert generation() > before


def test_a_publication_purges_each_address_once_and_is_served_fresh(
    client, committed_site, edge
):
    client.get(EN)  # remembered, as a visitor left it
    before = generation()
    english = english_policy()
    english.change_key = uuid.uuid4()
    english.change_note = MAJOR_CHANGE_NOTE
    set_cookie_duration(english, "_ga", "13 months")

    english.save_revision().publish()

    paths = purged_once_each(edge)
    assert {EN, FR, EN + "history/", EN + "versions/2/", "/en/search/"} <= paths
    assert_one_purge_in_the_current_generation(edge, before)
    assert cookie_duration(soup(client.get(EN)), "_ga") == "13 months"
    assert MAJOR_CHANGE_NOTE in client.get(EN + "history/").content.decode()
    assert soup(client.get(FR)).select(".notice--behind")
    assert soup(client.get("/en/search/?q=months")).select(".search-result")


def test_a_publication_in_the_page_editor_is_one_change(
    client, admin_client, committed_site, edge
):
    client.get(EN)
    before = generation()
    english = english_policy()

    publish_through_editor(
        admin_client,
        english,
        body=set_cookie_duration(english, "_ga", "13 months"),
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
    )

    assert EN + "versions/2/" in purged_once_each(edge)
    assert_one_purge_in_the_current_generation(edge, before)
    assert cookie_duration(soup(client.get(EN)), "_ga") == "13 months"


def test_unpublishing_a_page_is_one_change(client, committed_site, edge):
    client.get(FR)
    before = generation()

    english_policy().get_translations().get().unpublish()

    assert FR in purged_once_each(edge)
    assert_one_purge_in_the_current_generation(edge, before)
    assert client.get(FR).status_code == 404


def test_what_follows_a_publication_failing_does_not_leave_the_page_stale(
    client, committed_site, edge
):
    # The page is saved before what follows from its publication: if that
    # fails and is rolled back, the page is public all the same.
    client.get(EN)
    before = generation()
    english = english_policy()
    english.title = "Privacy, cookies and more"

    def fail(**kwargs):
        raise RuntimeError("the search index is full")

    page_publication.connect(fail, dispatch_uid="test.fail")
    try:
        with pytest.raises(RuntimeError):
            english.save_revision().publish()
    finally:
        page_publication.disconnect(dispatch_uid="test.fail")

    assert EN in purged_once_each(edge)
    assert_one_purge_in_the_current_generation(edge, before)
    assert "Privacy, cookies and more" in client.get(EN).content.decode()


def test_a_change_rolled_back_does_not_hold_back_the_next_one(
    edge, en_policy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                PageViewRestriction.objects.create(
                    page=en_policy,
                    restriction_type=PageViewRestriction.PASSWORD,
                    password="s3cret",
                )
                raise RuntimeError("changed their mind")
        except RuntimeError:
            pass
        en_policy.save_revision().publish()

    assert EN in purged_once_each(edge)
