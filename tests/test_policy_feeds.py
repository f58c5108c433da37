"""Readers subscribe to the policy's versions: an Atom feed per language."""

import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import Client

import feedparser
import pytest
import time_machine

from tests.admin_forms import MAJOR_CHANGE_NOTE, MAJOR_CHANGE_NOTE_FR
from tests.pages import english_policy, soup, visible_text
from tests.upcoming import GO_LIVE, schedule

EN_URL = "/en/privacy-and-cookies/"
FR_URL = "/fr/confidentialite-et-cookies/"
EN_FEED = EN_URL + "feed/"
FR_FEED = FR_URL + "flux/"
LONDON = ZoneInfo("Europe/London")


def read_feed(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    # What RFC 4287 requires of a feed and of each entry.
    assert feed.feed.id and feed.feed.title and feed.feed.updated
    assert feed.feed.author == "DMJ Computer Services Ltd"
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated and entry.link
    return feed


def related_link(entry):
    return next(
        (link.href for link in entry.links if link.rel == "related"),
        None,
    )


def test_the_feeds_list_the_seeded_version_in_each_language(db):
    english = read_feed(EN_FEED)
    assert english.feed.title == "Updates to Privacy and Cookies"
    assert english.feed.link == "http://testserver" + EN_URL
    [first] = english.entries
    assert first.title == "Version of 23 January 2018"
    assert first.summary == "First published."
    assert first.link == "http://testserver" + EN_URL + "versions/1/"
    assert related_link(first) is None

    french = read_feed(FR_FEED)
    assert french.feed.language == "fr"
    assert french.feed.title == "Mises à jour : Confidentialité et Cookies"
    [first] = french.entries
    assert first.title == "Version du 23 janvier 2018"
    assert first.summary == "Première publication."
    assert first.link == "http://testserver" + FR_URL + "versions/1/"


def test_the_feed_lists_versions_newest_first_with_their_comparisons(
    translated_major_change,
):
    english = read_feed(EN_FEED)
    assert [entry.title for entry in english.entries] == [
        "Version of 4 March 2024",
        "Version of 23 January 2018",
    ]
    assert english.entries[0].summary == MAJOR_CHANGE_NOTE
    assert related_link(english.entries[0]) == (
        "http://testserver" + EN_URL + "compare/1/2/"
    )
    assert english.feed.updated.startswith("2024-03-04")

    french = read_feed(FR_FEED)
    assert [entry.title for entry in french.entries] == [
        "Version du 4 mars 2024",
        "Version du 23 janvier 2018",
    ]
    assert french.entries[0].summary == MAJOR_CHANGE_NOTE_FR
    assert related_link(french.entries[0]) == (
        "http://testserver" + FR_URL + "comparer/1/2/"
    )
    # Each language's entries have ids of their own.
    assert not {e.id for e in english.entries} & {e.id for e in french.entries}


def test_an_upcoming_change_comes_first_marked_as_not_yet_in_force(
    in_january_2027, admin_client
):
    schedule(admin_client, english_policy())

    english = read_feed(EN_FEED)
    upcoming, current = english.entries
    assert upcoming.title == (
        "New version taking effect on 1 March 2027 (not yet in force)"
    )
    assert [(tag.term, tag.label) for tag in upcoming.tags] == [
        ("upcoming", "Not yet in force")
    ]
    assert upcoming.summary == MAJOR_CHANGE_NOTE
    assert upcoming.link == "http://testserver" + EN_URL + "upcoming/"
    assert related_link(upcoming) == (
        "http://testserver" + EN_URL + "upcoming/compare/"
    )
    assert current.title == "Version of 23 January 2018"
    assert "tags" not in current

    # In French, said in French, with the English note marked as English.
    french = read_feed(FR_FEED)
    upcoming_fr = french.entries[0]
    assert upcoming_fr.title == (
        "Nouvelle version applicable à partir du 1 mars 2027 "
        "(pas encore en vigueur, pas encore traduite)"
    )
    assert upcoming_fr.summary == MAJOR_CHANGE_NOTE
    assert upcoming_fr.summary_detail.language == "en"
    assert upcoming_fr.link == "http://testserver" + EN_URL + "upcoming/"

    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    # Once in force, the entry keeps its id: feed readers update it.
    live = read_feed(EN_FEED)
    assert [entry.title for entry in live.entries] == [
        "Version of 1 March 2027",
        "Version of 23 January 2018",
    ]
    assert live.entries[0].id == upcoming.id
    assert live.entries[1].id == current.id
    assert "tags" not in live.entries[0]


def test_entry_ids_are_the_same_at_every_request(db):
    first = [entry.id for entry in read_feed(EN_FEED).entries]
    call_command("purge_public_caches", stdout=None)
    assert [entry.id for entry in read_feed(EN_FEED).entries] == first


@pytest.mark.parametrize(
    ("page_url", "feed_url"),
    [
        (EN_URL, EN_FEED),
        (EN_URL + "history/", EN_FEED),
        (FR_URL, FR_FEED),
        (FR_URL + "historique/", FR_FEED),
    ],
)
def test_the_policy_and_its_history_advertise_the_feed(db, page_url, feed_url):
    page = soup(Client().get(page_url))

    [alternate] = page.select("link[rel=alternate][type='application/atom+xml']")
    assert alternate["href"] == "http://testserver" + feed_url
    assert alternate["title"]


def test_the_history_links_visibly_to_the_feed(db):
    english = soup(Client().get(EN_URL + "history/")).select_one(".feed-link a")
    assert visible_text(english) == "Follow updates to this policy (Atom feed)"
    assert english["href"] == EN_FEED

    french = soup(Client().get(FR_URL + "historique/")).select_one(".feed-link a")
    assert visible_text(french) == (
        "Suivre les mises à jour de cette politique (flux Atom)"
    )
    assert french["href"] == FR_FEED


def test_the_feed_is_kept_and_renewed_like_the_pages(in_january_2027, admin_client):
    first = Client().get(EN_FEED)
    assert "s-maxage" in first["Cache-Control"]
    again = Client().get(EN_FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    schedule(admin_client, english_policy())

    # A schedule is a change: the old ETag no longer matches.
    renewed = Client().get(EN_FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    assert renewed.status_code == 200
    assert b"not yet in force" in renewed.content
