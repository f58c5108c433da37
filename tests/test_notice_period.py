"""Editors are warned before publishing a major change with less notice than readers are given."""

import datetime

from django.test import Client

import pytest

from tests.admin_forms import MAJOR_CHANGE_NOTE, policy_form_data, set_cookie_duration
from tests.pages import cookie_duration, english_policy, soup, visible_text
from tests.upcoming import LONDON, TODAY

pytestmark = pytest.mark.usefixtures("in_january_2027")

IN_10_DAYS = TODAY + datetime.timedelta(days=10)
IN_40_DAYS = TODAY + datetime.timedelta(days=40)


def post_change(client, go_live=None, **fields):
    page = english_policy()
    data = policy_form_data(
        page,
        body=set_cookie_duration(page, "_ga", "13 months"),
        **fields,
    )
    if go_live is not None:
        data["go_live_at"] = go_live.astimezone(LONDON).strftime("%Y-%m-%d %H:%M")
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def warning(response):
    """The warning beside “Publish with less notice”, as the editor reads it."""
    assert response.status_code == 200
    field = soup(response).select_one(
        "[data-field-wrapper]:has(#id_accept_short_notice)"
    )
    return visible_text(field.select_one(".error-message"))


def ga_duration_on_site():
    return cookie_duration(soup(Client().get("/en/privacy-and-cookies/")), "_ga")


def nothing_changed():
    return (
        english_policy().scheduled_revision is None
        and ga_duration_on_site() == "2 years"
    )


def test_a_major_change_published_at_once_is_held_with_a_warning(admin_client):
    response = post_change(
        admin_client,
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
    )

    assert warning(response) == (
        "This major change takes effect as soon as it is published: readers are "
        "told of a major change 30 days before it takes effect. Choose a later "
        "go-live date (“Set schedule” in the Status panel), or tick “Publish with "
        "less notice” to "
        "go ahead."
    )
    assert nothing_changed()


def test_a_major_change_scheduled_too_soon_is_held_with_its_date(admin_client):
    response = post_change(
        admin_client,
        go_live=IN_10_DAYS,
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
    )

    assert warning(response).startswith(
        "This major change takes effect on 22 January 2027, less than 30 days "
        "from now: readers are told of a major change 30 days before it takes effect."
    )
    assert nothing_changed()


def test_the_editor_can_go_ahead_with_less_notice(admin_client):
    response = post_change(
        admin_client,
        go_live=IN_10_DAYS,
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="on",
    )

    assert response.status_code == 302
    assert english_policy().scheduled_revision.approved_go_live_at == IN_10_DAYS


def test_enough_notice_needs_no_tick(admin_client):
    response = post_change(
        admin_client,
        go_live=IN_40_DAYS,
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
    )

    assert response.status_code == 302
    assert english_policy().scheduled_revision.approved_go_live_at == IN_40_DAYS


def test_a_minor_change_is_never_held(admin_client):
    response = post_change(admin_client, update_type="minor", accept_short_notice="")

    assert response.status_code == 302
    assert ga_duration_on_site() == "13 months"


def test_the_notice_period_is_a_setting(admin_client, settings):
    settings.POLICY_NOTICE_PERIOD_DAYS = 7

    response = post_change(
        admin_client,
        go_live=IN_10_DAYS,
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
    )

    assert response.status_code == 302


def test_an_approver_is_warned_too(editor, approver):
    from wagtail.models import WorkflowState

    page = english_policy()
    submitted = editor.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form_data(
            page,
            action="action-submit",
            body=set_cookie_duration(page, "_ga", "13 months"),
            update_type="major",
            change_note=MAJOR_CHANGE_NOTE,
        ),
    )
    assert submitted.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")

    page = english_policy().get_latest_revision_as_object()
    data = policy_form_data(
        page,
        action="action-workflow-action",
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
    )
    data["workflow-action-name"] = "approve"
    response = approver.post(f"/admin/pages/{page.pk}/edit/", data)

    assert "readers are told of a major change 30 days before" in warning(response)
    state.refresh_from_db()
    assert state.status == "in_progress"
    assert nothing_changed()


# The rule up front: the editor is shown it, and the earliest go-live date that
# respects it, as soon as they pick "Major change" (the script in the policy
# app; tests/browser/test_notice_period_up_front.py). The form gives both.

# Today is 12 January 2027 in Swindon: 30 days later is 11 February 2027.
EARLIEST = datetime.datetime(2027, 2, 11, 0, 0, tzinfo=LONDON)


def major_choice(client):
    page = english_policy()
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return soup(response).select_one('input[name="update_type"][value="major"]')


def test_the_editor_is_given_the_rule_and_the_earliest_go_live(editor):
    major = major_choice(editor)

    assert major["data-notice-rule"] == (
        "Readers are told of a major change 30 days before it takes effect: its "
        "go-live date (“Set schedule” in the Status panel) is 11 February 2027 or "
        "later."
    )
    assert major["data-notice-proposed"] == (
        "It is set to 11 February 2027 for you; a later date is fine too. For an "
        "exception, tick “Publish with less notice”."
    )
    assert major["data-proposed-go-live"] == "2027-02-11 00:00"


def test_the_french_admin_gives_the_rule_in_french(editor, django_user_model):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(
        django_user_model.objects.get(username="editors")
    )
    profile.preferred_language = "fr"
    profile.save()

    major = major_choice(editor)

    assert major["data-notice-rule"] == (
        "Les lecteurs sont prévenus d’une modification majeure 30 jours avant son "
        "entrée en vigueur\u00a0: sa date de mise en ligne («\u00a0Programmer\u00a0» "
        "dans le panneau Statut) est le 11 février 2027 ou plus tard."
    )
    assert major["data-proposed-go-live"] == "2027-02-11 00:00"


def test_the_proposed_date_goes_through_without_the_tick(admin_client):
    response = post_change(
        admin_client,
        go_live=EARLIEST,
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
    )

    assert response.status_code == 302
    assert english_policy().scheduled_revision.approved_go_live_at == EARLIEST


def test_the_evening_before_is_held(admin_client):
    response = post_change(
        admin_client,
        go_live=datetime.datetime(2027, 2, 10, 23, 30, tzinfo=LONDON),
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        accept_short_notice="",
    )

    assert warning(response).startswith(
        "This major change takes effect on 10 February 2027, less than 30 days"
    )
    assert nothing_changed()


def test_the_earliest_go_live_is_counted_in_the_sites_time_zone(
    editor, django_user_model
):
    import time_machine

    # 30 June 2027 at 23:30 in UTC is already 1 July in Swindon (summer time).
    late_in_june = datetime.datetime(2027, 6, 30, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late_in_june):
        # Months later, the editor signs in again (idle sessions end).
        editor.force_login(django_user_model.objects.get(username="editors"))
        major = major_choice(editor)

    assert major["data-proposed-go-live"] == "2027-07-31 00:00"
    assert "is 31 July 2027 or later" in major["data-notice-rule"]
