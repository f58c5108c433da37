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
    search reads `heading` and `text` instead.
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
    text = models.TextField(blank=True, help_text="Plain text, as a reader sees it.")
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
