"""Approvers see first what a change changes for readers, and are told what their decision did.

The comparison of a change with the live policy (“Compare with live version”
in “Awaiting your review”) starts with the public comparison's words and
cookies, then Wagtail's comparison of every field; approving or requesting
changes, from the dashboard or the editor, ends with a message in the admin's
language. The browser test (tests/browser/test_approvers_review.py) follows the
approver's clicks.
"""

import datetime

import pytest

from tests.admin_forms import MAJOR_CHANGE_NOTE, policy_form_data
from tests.pages import english_policy, soup, visible_text
from tests.upcoming import LONDON
from tests.workflow import submit

pytestmark = pytest.mark.usefixtures("in_january_2027")


def speaks_french(client, username):
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
    profile.preferred_language = "fr"
    profile.save()
    return client


@pytest.fixture
def submitted(editor, en_policy):
    """The editor's major change to `_ga`, waiting for an approver: its workflow state."""
    return submit(
        editor,
        en_policy,
        "13 months",
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
    )


def comparison(client, state):
    page = english_policy()
    revision = state.current_task_state.revision_id
    response = client.get(
        f"/admin/pages/{page.pk}/revisions/compare/live...{revision}/"
    )
    assert response.status_code == 200
    return soup(response)


def messages_shown(response):
    """The admin's messages at the top of the page, as read."""
    assert response.status_code == 200
    return [visible_text(item) for item in soup(response).select(".messages li")]


def test_the_comparison_starts_with_what_changes_for_readers(approver, submitted):
    page = comparison(approver, submitted)

    headings = [visible_text(h) for h in page.select("main h2, main h3")]
    # The changed section is a part of what changes for readers.
    assert headings[:2] == ["What changes for readers", "Use of Cookies"]
    assert visible_text(page.select_one(".policy-review h3")) == "Use of Cookies"
    assert headings[-1] == "Every field, as Wagtail compares them"
    review = page.select_one(".policy-review")
    cookie = review.select_one(".policy-diff__table tbody tr")
    assert visible_text(cookie) == (
        "_ga Changed How long it lasts: was: 2 years → now: 13 months"
    )
    assert "15 sections did not change." in visible_text(review)
    # Wagtail's comparison of every field follows, and the intro links to it.
    assert review.select_one('a[href="#every-field"]')
    wagtail_table = page.select_one("#every-field ~ table.listing")
    assert "Change note:" in visible_text(wagtail_table)


def test_the_comparison_speaks_french_in_the_french_admin(approver, submitted):
    page = comparison(speaks_french(approver, "approvers"), submitted)

    headings = [visible_text(h) for h in page.select("main h2")]
    assert headings[0] == "Ce qui change pour les lecteurs"
    assert headings[-1] == "Tous les champs, comparés par Wagtail"
    assert visible_text(page.select_one(".policy-review__intro")).startswith(
        "De la version en ligne à la révision du 12 janvier 2027, "
    )


def test_approving_from_the_dashboard_says_it_is_published(approver, submitted):
    page = english_policy()
    response = approver.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/"
        f"{submitted.current_task_state.pk}/",
        follow=True,
    )

    assert messages_shown(response) == ["Approved: “Privacy and Cookies” is published."]


def test_requesting_changes_says_so_in_french(approver, submitted):
    speaks_french(approver, "approvers")
    page = english_policy()
    response = approver.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/"
        f"{submitted.current_task_state.pk}/",
        {"comment": "Say why in the note."},
        follow=True,
    )

    assert messages_shown(response) == [
        # As read: the no-break spaces before the colon and inside « » are spaces.
        "Modifications demandées : « Privacy and Cookies » retourne à son "
        "rédacteur, et rien n’a été publié."
    ]
    assert english_policy().live_revision.as_object().body == page.body


def test_approving_in_the_editor_says_when_it_goes_live(approver, submitted):
    go_live = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=LONDON)
    page = english_policy().get_latest_revision_as_object()
    data = policy_form_data(
        page,
        action="action-workflow-action",
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    data["workflow-action-name"] = "approve"

    response = approver.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)

    assert messages_shown(response) == [
        "Approved: “Privacy and Cookies” goes live on 1 March 2027."
    ]


def test_the_editor_tells_the_approver_that_a_change_awaits_them(
    approver, editor, submitted
):
    page = english_policy()

    shown = soup(approver.get(f"/admin/pages/{page.pk}/edit/"))
    message = shown.select_one(".messages li")
    assert visible_text(message).startswith(
        "This change awaits your review: see first what it changes for readers."
    )
    link = message.find("a", string=lambda text: text and "What changes" in text)
    revision = submitted.current_task_state.revision_id
    assert (
        link["href"] == f"/admin/pages/{page.pk}/revisions/compare/live...{revision}/"
    )

    # The editor who submitted it is not asked to review it.
    assert not soup(editor.get(f"/admin/pages/{page.pk}/edit/")).find(
        string=lambda text: text and "awaits your review" in text
    )


def test_requesting_changes_in_the_editor_asks_nothing_of_publishing(
    approver, submitted
):
    """Nothing goes live: neither the notice period nor the change note holds it back."""
    page = english_policy().get_latest_revision_as_object()
    data = policy_form_data(
        page, action="action-workflow-action", update_type="", accept_short_notice=""
    )
    data["workflow-action-name"] = "reject"

    response = approver.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)

    assert messages_shown(response) == [
        "Changes requested: “Privacy and Cookies” goes back to its editor, and "
        "nothing was published."
    ]
    submitted.refresh_from_db()
    assert submitted.status == submitted.STATUS_NEEDS_CHANGES
