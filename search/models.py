"""What the site search looks in: one row per part of a published page, per language."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """A part of a live page that a visitor can land on from the search results.

    A policy page has one entry for the page itself (title and description)
    and one per section (heading, anchor and the text of its blocks); other
    pages have one entry (the home page: its title and introduction). The
    entries of a page are rewritten each time it is published and deleted when
    it is unpublished or deleted (search/indexing.py), so they only ever hold
    what visitors can read.

    On PostgreSQL `search_vector` holds the heading (weight A) and the text
    (weight B) processed with the text search configuration of the page's
    language (search/config.py). Its GIN index, on (locale, search_vector),
    is created by migrations 0002 and 0003 on PostgreSQL only: Django's
    GinIndex in Meta would also be created, and fail, on SQLite, where the
    search reads `heading` and the text instead.

    The text itself is kept aside, in SearchEntryText.
    """

    # No index of its own: the unique (page, position) constraint's index
    # starts with the page and serves lookups by page.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="search_entries",
        db_index=False,
    )
    # No index of its own either: on PostgreSQL the GIN index (locale,
    # search_vector) serves lookups by language. A plain one tempted the
    # planner into reading every entry of the language and testing each
    # against the query, five times slower for a common word than the GIN
    # index (migration 0003).
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    position = models.PositiveIntegerField(
        help_text="Order on the page: 0 for the page itself, then its sections."
    )
    anchor = models.CharField(
        max_length=255,
        blank=True,
        help_text="The section's #anchor; empty for the top of the page.",
    )
    heading = models.CharField(
        max_length=255, help_text="The section's heading, or the page title."
    )
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["page", "position"]
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "position"], name="one_search_entry_per_position"
            )
        ]

    def __str__(self):
        return f"{self.heading} ({self.locale_id}, page {self.page_id})"


class SearchEntryText(models.Model):
    """The text of a search entry, which the results show a snippet of.

    A table of its own: a search reads the entry of every match (thousands for
    a common word) but the text of only the ten it shows. Without their text
    the benchmark's 34,000 entries take 27 MB instead of 43, and a search with
    10,000 matches takes a quarter less time.
    """

    entry = models.OneToOneField(
        SearchEntry,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="full_text",
    )
    text = models.TextField(blank=True, help_text="Plain text, as a reader sees it.")

    def __str__(self):
        return str(self.entry)
