"""Editors and approvers start from the policy: their dashboard shows it in each
language, its state as Wagtail and wagtail-localize record it, when it was last
published, and a link to edit it, for the languages they may edit."""

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

import pytest

from policy.dashboard import PolicyPanel
from tests.admin_forms import set_cookie_duration
from tests.pages import enlarge, in_french, soup, visible_text
from tests.roles import client_for, user_in
from tests.upcoming import schedule
from tests.workflow import submit

pytestmark = pytest.mark.django_db


def panel(client, en_policy):
    """The panel's rows: language, state, last published, links (text → address)."""
    section = soup(client.get("/admin/")).select_one(f"#policy-{en_policy.pk}-section")
    if section is None:
        return None
    return [
        {
            "language": visible_text(row.th),
            "state": visible_text(row.select("td")[0]),
            "published": visible_text(row.select("td")[1]),
            "links": {visible_text(a): a["href"] for a in row.select("td a")},
        }
        for row in section.select("tbody tr")
    ]


def edit(page):
    return f"/admin/pages/{page.pk}/edit/"


def published_on(page):
    return f"{page.last_published_at.day} {page.last_published_at:%B %Y}"


def speaking_french(group):
    user = user_in(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    return client_for(user)


def test_the_editor_edits_the_english_and_reads_the_french(
    editor, en_policy, fr_policy
):
    assert panel(editor, en_policy) == [
        {
            "language": "English",
            "state": "Live",
            "published": published_on(en_policy),
            "links": {"Edit – English": edit(en_policy)},
        },
        {
            "language": "French",
            "state": "Live",
            "published": published_on(fr_policy),
            "links": {"View live – French": "/fr/confidentialite-et-cookies/"},
        },
    ]


def test_the_approver_edits_the_english_and_reads_the_french(
    approver, en_policy, fr_policy
):
    rows = panel(approver, en_policy)

    assert [row["links"] for row in rows] == [
        {"Edit – English": edit(en_policy)},
        {"View live – French": "/fr/confidentialite-et-cookies/"},
    ]


def test_an_administrator_edits_both(admin_client, en_policy, fr_policy):
    rows = panel(admin_client, en_policy)

    # The French page's edit address is localize's translation editor.
    assert [row["links"] for row in rows] == [
        {"Edit – English": edit(en_policy)},
        {"Edit – French": edit(fr_policy)},
    ]


def test_translators_have_their_own_panel(translator, en_policy):
    assert panel(translator, en_policy) is None


def test_the_french_admin_shows_it_in_french(en_policy, fr_policy):
    editor = speaking_french("Editors")

    assert panel(editor, en_policy) == [
        {
            "language": "Anglais",
            "state": "En ligne",
            "published": published_on_in_french(en_policy),
            "links": {"Modifier – Anglais": edit(en_policy)},
        },
        {
            "language": "Français",
            "state": "En ligne",
            "published": published_on_in_french(fr_policy),
            "links": {"Voir en ligne – Français": "/fr/confidentialite-et-cookies/"},
        },
    ]


def published_on_in_french(page):
    return in_french(page.last_published_at)


def test_a_change_in_review_and_the_french_behind(editor, approver, en_policy):
    submit(editor, en_policy, "13 months", update_type="minor")

    rows = panel(approver, en_policy)

    assert [row["state"] for row in rows] == ["Live In review", "Live"]


def test_changes_in_draft(editor, en_policy):
    page = en_policy.get_latest_revision_as_object()
    set_cookie_duration(page, "_ga", "13 months")
    page.save_revision()

    assert [row["state"] for row in panel(editor, en_policy)] == [
        "Live Changes in draft",
        "Live",
    ]


def publish_english(page, duration="13 months"):
    """An approver publishes a change to the English (the admin form is tested elsewhere)."""
    page = type(page).objects.get(pk=page.pk)
    set_cookie_duration(page, "_ga", duration)
    page.save_revision().publish()
    return page


def test_a_published_change_leaves_the_french_behind(editor, en_policy, fr_policy):
    publish_english(en_policy)

    rows = panel(editor, en_policy)

    assert [row["state"] for row in rows] == [
        "Live",
        "Live Translation behind: 1 string to translate",
    ]
    assert rows[1]["published"] == published_on(fr_policy)


def test_a_french_translation_ready_to_publish(
    editor, en_policy, fr_policy, django_capture_on_commit_callbacks
):
    publish_english(en_policy)
    translation = Translation.objects.get(
        source__object_id=en_policy.translation_key, target_locale=fr_policy.locale
    )
    segment = translation.source.stringsegment_set.filter(string__data="13 months")
    StringTranslation.objects.create(
        translation_of=segment.get().string,
        locale=fr_policy.locale,
        context=segment.get().context,
        data="13 mois",
    )

    rows = panel(editor, en_policy)

    assert rows[1]["state"] == "Live Translation behind: ready to publish"


def test_a_scheduled_change_says_when(in_january_2027, admin_client, editor, en_policy):
    schedule(admin_client, en_policy)

    rows = panel(editor, en_policy)

    assert rows[0]["state"] == "Live Scheduled for 1 March 2027"


def test_a_french_page_nobody_may_read_is_not_shown_to_the_editor(
    editor, admin_client, en_policy, fr_policy
):
    PageViewRestriction.objects.create(
        page=fr_policy, restriction_type=PageViewRestriction.LOGIN
    )

    assert [row["language"] for row in panel(editor, en_policy)] == ["English"]
    # Those who may edit it still see it.
    assert [row["language"] for row in panel(admin_client, en_policy)] == [
        "English",
        "French",
    ]


def test_a_draft_french_page_is_not_shown_to_the_editor(editor, en_policy, fr_policy):
    fr_policy.unpublish()

    assert [row["language"] for row in panel(editor, en_policy)] == ["English"]


# What the panel costs: Wagtail's and localize's state of each language, read in
# a fixed number of queries whatever the policy's length and history (two for
# each translation, localize's progress and its last publication).
PANEL_QUERY_BUDGET = 8


def panel_queries(user):
    """The queries the panel costs for `user`, in a request of their own; and its HTML."""

    def render():
        request = RequestFactory().get("/admin/")
        request.user = get_user_model().objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as queries:
            html = PolicyPanel(request).render_html({})
        return len(queries), html

    render()  # warm per-process caches, as a running server has them
    return render()


def schedule_a_change(page):
    """A change approved to go live in two months, as Wagtail records one."""
    page = type(page).objects.get(pk=page.pk)
    page.go_live_at = timezone.now() + datetime.timedelta(days=60)
    page.save_revision().publish()


def test_the_panel_costs_the_same_few_queries_however_long_the_history(
    admin_user, en_policy
):
    schedule_a_change(en_policy)
    small, html = panel_queries(admin_user)
    assert "Scheduled for" in html

    page = type(en_policy).objects.get(pk=en_policy.pk)
    page.body = enlarge(list(page.body.raw_data), 4)
    for _ in range(5):
        page.save_revision().publish()
    publish_english(page)
    schedule_a_change(page)
    large, html = panel_queries(admin_user)

    assert "Scheduled for" in html and "Translation behind" in html
    assert large == small
    assert small <= PANEL_QUERY_BUDGET
