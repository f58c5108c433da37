"""Keeps the search entries in step with what is published.

`index_page` rewrites a page's entries from its live content; the signal
handlers in search/signals.py call it on every publication (the English
editor's and wagtail-localize's French ones alike) and remove the entries when a
page is unpublished. Deleted pages take their entries with them (the foreign
key cascades). `rebuild` starts again from every live page, for a database
that was filled before this app existed.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value
from django.utils import translation

from wagtail.models import Page

from caching.changes import content_changed
from home.models import HomePage
from policy.models import PolicyPage
from policy.plain_text import clean_text, passages, rich_text_passages

from .config import text_search_config
from .models import SearchEntry, SearchEntryText

# ts_headline marks the matched words with these, and the view turns them into
# <mark> after escaping the text (search/query.py). They are Unicode
# private-use characters, removed from the indexed text, so a page can never
# produce a marker of its own.
START_SEL = "\ue000"
STOP_SEL = "\ue001"
# PostgreSQL's text search parser reads “<…>” as an HTML tag: it leaves the
# words inside out of the index and ts_headline drops them from snippets. The
# text is plain text, so both see these private-use stand-ins instead.
LESS_THAN = "\ue002"
GREATER_THAN = "\ue003"


def page_entries(page):
    """The search entries of a page's current content, not yet saved, with their text.

    Position 0 is the page itself: a home page's introduction, otherwise its
    search description. A policy's sections follow, each with its anchor.
    """
    with translation.override(page.locale.language_code):
        if isinstance(page, HomePage):
            summary = " ".join(rich_text_passages(page.intro))
        else:
            summary = clean_text(page.search_description)
        entries = [(0, "", clean_text(page.title), summary)]
        if isinstance(page, PolicyPage):
            for block in page.body:
                if block.block_type != "section":
                    continue
                section = block.value
                content_block = block.block.child_blocks["content"]
                text = " ".join(passages(content_block, section["content"]))
                entries.append(
                    (
                        len(entries),
                        section["anchor"],
                        clean_text(section["heading"]),
                        text,
                    )
                )
    return [
        (
            SearchEntry(
                page_id=page.pk,
                locale_id=page.locale_id,
                position=position,
                anchor=anchor,
                heading=heading[:255],
            ),
            text,
        )
        for position, anchor, heading, text in entries
    ]


def without_tags(text):
    """Text in which the text search parser cannot see HTML tags."""
    return text.replace("<", LESS_THAN).replace(">", GREATER_THAN)


def search_vector(heading, text, config):
    """A heading (weight A) and its text (weight B), read in one configuration."""
    return SearchVector(
        Value(without_tags(heading)), config=config, weight="A"
    ) + SearchVector(Value(without_tags(text)), config=config, weight="B")


def index_page(page):
    """Replace a page's entries with its current (live) content."""
    page = page.specific
    entries = page_entries(page)
    if connection.vendor == "postgresql":
        # Computed in the INSERT itself: an UPDATE afterwards would leave a
        # dead copy of every row behind, for searches to step over until
        # VACUUM.
        config = text_search_config(page.locale.language_code)
        for entry, text in entries:
            entry.search_vector = search_vector(entry.heading, text, config)
    with transaction.atomic():
        # Two publications of one page at once (or a publication during a
        # rebuild) take turns here instead of writing the same positions.
        list(Page.objects.select_for_update().filter(pk=page.pk).values("pk"))
        SearchEntry.objects.filter(page_id=page.pk).delete()
        SearchEntry.objects.bulk_create(entry for entry, _text in entries)
        SearchEntryText.objects.bulk_create(
            SearchEntryText(entry=entry, text=text) for entry, text in entries
        )


def remove_page(page):
    """Take a page out of the search results (it is no longer live)."""
    SearchEntry.objects.filter(page_id=page.pk).delete()


def rebuild():
    """Index every live page again and drop the entries of any other page.

    Returns the number of pages indexed. Remembered search results are
    dropped: they may list what is no longer there.
    """
    pages = Page.objects.live().filter(depth__gt=1)
    count = 0
    with transaction.atomic():
        SearchEntry.objects.exclude(page__in=pages).delete()
        for page in pages.specific():
            index_page(page)
            count += 1
        content_changed()
    return count
