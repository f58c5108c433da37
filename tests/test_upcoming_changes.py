"""Readers are told of a major change before it takes effect, in their language."""

import datetime
import uuid

from django.core.management import call_command
from django.test import Client

import pytest
import time_machine

from tests.admin_forms import MAJOR_CHANGE_NOTE, policy_form_data, set_cookie_duration
from tests.pages import cookie_duration, english_policy, soup, visible_text
from tests.upcoming import GO_LIVE, LONDON, schedule
from tests.workflow import approve, submit

EN_URL = "/en/privacy-and-cookies/"
FR_URL = "/fr/confidentialite-et-cookies/"

pytestmark = pytest.mark.usefixtures("in_january_2027")


def announcement(url):
    """The upcoming change's notice as an anonymous visitor gets it, or None."""
    return soup(Client().get(url)).select_one(".notice--upcoming")


def link(notice, text):
    return next(a["href"] for a in notice.select("a") if visible_text(a) == text)


@pytest.fixture
def scheduled(admin_client, en_policy):
    return schedule(admin_client, en_policy)


def test_nothing_is_announced_while_no_change_is_scheduled(db):
    for url in (EN_URL, EN_URL + "history/", FR_URL, FR_URL + "historique/"):
        assert announcement(url) is None
    assert Client().get(EN_URL + "upcoming/").status_code == 404


def test_a_scheduled_major_change_is_announced_on_the_policy_and_its_history(
    scheduled,
):
    for url in (EN_URL, EN_URL + "history/"):
        notice = announcement(url)
        assert visible_text(notice.h2) == (
            "A new version of this notice takes effect on 1 March 2027"
        )
        assert MAJOR_CHANGE_NOTE in visible_text(notice)
        assert link(notice, "Read the new version") == EN_URL + "upcoming/"
        assert (
            link(notice, "Compare it with the current version")
            == EN_URL + "upcoming/compare/"
        )
    # The policy itself is unchanged until then.
    assert cookie_duration(soup(Client().get(EN_URL)), "_ga") == "2 years"


def test_the_upcoming_version_has_its_own_page_marked_as_not_yet_in_force(scheduled):
    response = Client().get(EN_URL + "upcoming/")

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    notice = visible_text(page.select_one(".notice--upcoming"))
    assert "This version of the policy is not yet in force." in notice
    assert "It takes effect on 1 March 2027." in notice
    assert cookie_duration(page, "_ga") == "13 months"
    assert link(page.select_one(".notice--upcoming"), "Read the current policy") == (
        EN_URL
    )


def test_the_upcoming_comparison_shows_what_changes(scheduled):
    response = Client().get(EN_URL + "upcoming/compare/")

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert "These changes take effect on 1 March 2027: they are not yet in force." in (
        visible_text(page.select_one(".notice--upcoming"))
    )
    assert [visible_text(ins) for ins in page.select("ins")] == ["now: 13 months"]
    assert [visible_text(d) for d in page.select("del")] == ["was: 2 years"]


def test_the_french_policy_announces_it_in_french_and_links_to_the_english(
    scheduled,
):
    for url in (FR_URL, FR_URL + "historique/"):
        notice = announcement(url)
        assert visible_text(notice.h2) == (
            "Une nouvelle version de cet avis entrera en vigueur le 1 mars 2027"
        )
        assert "Sa traduction n’est pas encore publiée." in visible_text(notice)
        note = notice.find("p", lang="en")
        assert visible_text(note) == MAJOR_CHANGE_NOTE
        assert link(notice, "Lire la nouvelle version en anglais") == (
            EN_URL + "upcoming/"
        )
        assert link(notice, "La comparer avec la version en vigueur, en anglais") == (
            EN_URL + "upcoming/compare/"
        )
    # No French upcoming version exists yet.
    assert Client().get(FR_URL + "a-venir/").status_code == 404


def test_a_french_translation_scheduled_for_the_same_change_is_announced_in_french(
    scheduled, fr_policy
):
    english = english_policy().get_latest_revision_as_object()
    french = fr_policy
    french.body = set_cookie_duration(french, "_ga", "13 mois")
    french.change_key = english.change_key
    french.change_note = "Les cookies de Google Analytics durent désormais 13 mois."
    french.go_live_at = GO_LIVE
    french.save_revision().publish()

    notice = announcement(FR_URL)
    assert "Les cookies de Google Analytics durent désormais 13 mois." in (
        visible_text(notice)
    )
    assert link(notice, "Lire la nouvelle version") == FR_URL + "a-venir/"
    upcoming = soup(Client().get(FR_URL + "a-venir/"))
    assert cookie_duration(upcoming, "_ga") == "13 mois"
    assert "Elle entrera en vigueur le 1 mars 2027." in visible_text(
        upcoming.select_one(".notice--upcoming")
    )
    compare = Client().get(FR_URL + "a-venir/comparer/")
    assert [visible_text(ins) for ins in soup(compare).select("ins")] == [
        "désormais : 13 mois"
    ]


def test_cancelling_the_schedule_ends_the_announcement_at_once(admin_client, scheduled):
    # Seen, and so remembered, before the schedule is cancelled.
    assert announcement(EN_URL) is not None
    assert announcement(FR_URL) is not None
    revision = scheduled.scheduled_revision

    response = admin_client.post(
        f"/admin/pages/{scheduled.pk}/revisions/{revision.pk}/unschedule/"
    )

    assert response.status_code == 302
    assert announcement(EN_URL) is None
    assert announcement(FR_URL) is None
    assert Client().get(EN_URL + "upcoming/").status_code == 404
    assert Client().get(EN_URL + "upcoming/compare/").status_code == 404


def test_a_new_schedule_replaces_the_announcement_at_once(scheduled):
    assert "1 March 2027" in visible_text(announcement(EN_URL))

    # Wagtail locks a scheduled page in its editor: a schedule is replaced by
    # publishing another revision with a go-live date (here in code, as an
    # import or a script would).
    page = english_policy().get_latest_revision_as_object()
    page.body = set_cookie_duration(page, "_ga", "14 months")
    page.change_key = uuid.uuid4()
    page.change_note = "Google Analytics cookies now last 14 months."
    page.go_live_at = datetime.datetime(2027, 4, 6, 9, 0, tzinfo=LONDON)
    page.save_revision().publish()

    notice = announcement(EN_URL)
    assert visible_text(notice.h2) == (
        "A new version of this notice takes effect on 6 April 2027"
    )
    assert "Google Analytics cookies now last 14 months." in visible_text(notice)
    assert MAJOR_CHANGE_NOTE not in visible_text(notice)
    upcoming = soup(Client().get(EN_URL + "upcoming/"))
    assert cookie_duration(upcoming, "_ga") == "14 months"


def test_a_change_can_be_scheduled_again_once_its_schedule_is_cancelled(
    admin_client, scheduled
):
    admin_client.post(
        f"/admin/pages/{scheduled.pk}/revisions/"
        f"{scheduled.scheduled_revision.pk}/unschedule/"
    )
    assert announcement(EN_URL) is None

    schedule(
        admin_client,
        scheduled,
        go_live=datetime.datetime(2027, 4, 6, 9, 0, tzinfo=LONDON),
        duration="14 months",
        change_note="Google Analytics cookies now last 14 months.",
    )

    notice = announcement(EN_URL)
    assert "6 April 2027" in visible_text(notice.h2)
    assert "Google Analytics cookies now last 14 months." in visible_text(notice)


def test_the_change_goes_live_on_its_date_and_the_announcement_ends(scheduled):
    assert announcement(EN_URL) is not None

    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    policy = soup(Client().get(EN_URL))
    assert policy.select_one(".notice--upcoming") is None
    assert cookie_duration(policy, "_ga") == "13 months"
    assert visible_text(policy.select_one(".policy-meta")).startswith(
        "Last updated: 1 March 2027"
    )
    history = soup(Client().get(EN_URL + "history/"))
    newest = history.select_one(".history__entry")
    assert visible_text(newest.select_one(".history__date")) == "1 March 2027"
    assert MAJOR_CHANGE_NOTE in visible_text(newest)
    assert Client().get(EN_URL + "upcoming/").status_code == 404
    # The French readers are now told the English changed, no longer that it will.
    french = soup(Client().get(FR_URL))
    assert french.select_one(".notice--upcoming") is None
    assert "1 mars 2027" in visible_text(french.select_one(".notice--behind"))


def test_a_scheduled_minor_change_announces_nothing(admin_client, en_policy):
    schedule(admin_client, en_policy, duration="2 years.", update_type="minor")

    assert english_policy().scheduled_revision is not None
    for url in (EN_URL, EN_URL + "history/", FR_URL):
        assert announcement(url) is None
    assert Client().get(EN_URL + "upcoming/").status_code == 404


def test_a_change_awaiting_approval_is_not_announced(editor, en_policy):
    page = english_policy()
    response = editor.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form_data(
            page,
            action="action-submit",
            body=set_cookie_duration(page, "_ga", "13 months"),
            update_type="major",
            change_note=MAJOR_CHANGE_NOTE,
            go_live_at=GO_LIVE.strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 302

    for url in (EN_URL, EN_URL + "history/", FR_URL):
        assert announcement(url) is None
    assert Client().get(EN_URL + "upcoming/").status_code == 404


def test_approving_a_scheduled_change_announces_it(editor, approver, en_policy):
    state = submit(
        editor,
        en_policy,
        "13 months",
        update_type="major",
        change_note=MAJOR_CHANGE_NOTE,
        go_live_at=GO_LIVE.strftime("%Y-%m-%d %H:%M"),
    )
    assert announcement(EN_URL) is None

    approve(approver, en_policy, state)

    assert "1 March 2027" in visible_text(announcement(EN_URL).h2)
    assert cookie_duration(soup(Client().get(EN_URL)), "_ga") == "2 years"


def test_setting_and_cancelling_a_schedule_purges_the_edge(
    edge,
    admin_client,
    en_policy,
    django_capture_on_commit_callbacks,
):
    announcing = {
        EN_URL,
        EN_URL + "history/",
        EN_URL + "feed/",
        EN_URL + "upcoming/",
        EN_URL + "upcoming/compare/",
        FR_URL,
        FR_URL + "historique/",
        FR_URL + "flux/",
        FR_URL + "a-venir/",
        FR_URL + "a-venir/comparer/",
        "/api/v2/pages/",
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = schedule(admin_client, en_policy)
    assert announcing <= {path for path, _host, _generation in edge}

    edge.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/pages/{page.pk}/revisions/{page.scheduled_revision.pk}/unschedule/"
        )
    assert announcing <= {path for path, _host, _generation in edge}
