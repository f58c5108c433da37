"""The Atom feed of a policy's versions, in the page's language.

Readers subscribe to it rather than check the history by hand: one entry per
major change, newest first, the change scheduled for later first of all and
marked as not yet in force. An entry's id depends only on the change and the
language, so that a feed reader sees the upcoming entry become the version
when it goes live, and never sees an entry twice.
"""

import uuid

from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from languages.dates import long_date

from .versions import with_previous

PUBLISHER = "DMJ Computer Services Ltd"
UPCOMING = "upcoming"


def entry_id(change_key, language):
    """A stable id for one change in one language's feed."""
    return uuid.uuid5(uuid.UUID(str(change_key)), language).urn


class PolicyAtomFeed(Atom1Feed):
    """Django's Atom feed with each entry's comparison, language and status.

    The change note is plain text (Django would send it as HTML), in its own
    language when that is not the feed's; the link to what changed is a
    `related` link, and an upcoming change has the `upcoming` category.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        summary = {"type": "text"}
        if item.get("note_language"):
            # A change not translated yet: its note is in the source language.
            summary["xml:lang"] = item["note_language"]
        handler.addQuickElement("summary", item["note"], summary)
        if item.get("compare_link"):
            handler.addQuickElement(
                "link", "", {"rel": "related", "href": item["compare_link"]}
            )
        if item.get("status_label"):
            handler.addQuickElement(
                "category", "", {"term": UPCOMING, "label": item["status_label"]}
            )


def policy_feed(page, request):
    """The feed of `page`'s versions, in its language, as a PolicyAtomFeed."""
    language = page.locale.language_code

    def absolute(url):
        return url and request.build_absolute_uri(url)

    with translation.override(language):
        feed = PolicyAtomFeed(
            title=gettext("Updates to %(title)s") % {"title": page.title},
            link=absolute(page.url),
            description=None,
            language=language,
            author_name=PUBLISHER,
            feed_url=absolute(page.localized_url("feed")),
            feed_guid=entry_id(page.translation_key, language),
        )
        announcement = page.upcoming_announcement
        if announcement:
            change = announcement["change"]
            if change.translated:
                title = gettext(
                    "New version taking effect on %(date)s (not yet in force)"
                )
            else:
                title = gettext(
                    "New version taking effect on %(date)s (not yet in force, "
                    "not yet translated)"
                )
            feed.add_item(
                title=title % {"date": long_date(change.published_at)},
                link=absolute(announcement["url"]),
                description=None,
                unique_id=entry_id(change.change_key, language),
                updateddate=change.scheduled_revision_created_at,
                note=change.change_note,
                compare_link=absolute(announcement["compare_url"]),
                status_label=gettext("Not yet in force"),
                note_language=(None if change.translated else announcement["language"]),
            )
        for version, previous in with_previous(page.versions):
            feed.add_item(
                title=gettext("Version of %(date)s")
                % {"date": long_date(version.published_at)},
                link=absolute(page.localized_url("version", version.number)),
                description=None,
                unique_id=entry_id(version.change_key, language),
                pubdate=version.published_at,
                updateddate=version.published_at,
                note=version.change_note,
                compare_link=previous
                and absolute(
                    page.localized_url("compare", previous.number, version.number)
                ),
            )
    return feed
