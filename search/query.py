"""Finding the entries that match a visitor's words, one page of results at a time.

On PostgreSQL the query goes through `websearch_to_tsquery` in the text search
configuration of the visitor's language, is ranked with `ts_rank` and
highlighted with `ts_headline`. On SQLite (the development default) every word
must appear in the heading or text (`icontains`): no stemming, accents must
match, and non-ASCII letters are case-sensitive.

Either way a page of results costs one query: the entries with their page
(`select_related`) and the number of matches.
"""

import math
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Length
from django.db.models.lookups import StartsWith
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import PageViewRestriction

from home.site_tree import current_site
from policy.plain_text import clean_text

from .config import text_search_config
from .indexing import GREATER_THAN, LESS_THAN, START_SEL, STOP_SEL, without_tags
from .models import SearchEntry

# The header's search box has the same limit (maxlength); a longer query from
# elsewhere is cut rather than refused.
MAX_QUERY_LENGTH = 200
PER_PAGE = 10

# How much of a section's text a result shows around the matched words.
HEADLINE_OPTIONS = {
    "max_words": 30,
    "min_words": 12,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
# A text this short (in characters) is shown whole.
SHORT_TEXT = 240
SQLITE_SNIPPET_CHARS = 160


def clean_query(raw):
    """The visitor's words as the database may read them.

    Control characters go (NUL included: PostgreSQL refuses it in text; tabs
    and line breaks become spaces), spaces are collapsed, and the query is cut
    to MAX_QUERY_LENGTH.
    Quotes, operators and SQL stay: the query is always a parameter, and
    websearch_to_tsquery reads any text without a syntax error.
    """
    return clean_text(raw or "")[:MAX_QUERY_LENGTH].strip()


@dataclass
class Result:
    """One line of the results: where it leads and what the visitor reads."""

    page_title: str
    heading: SafeString
    url: str | None
    snippet: SafeString
    # False for the top of a page (a home page's introduction), whose heading
    # is the page title itself.
    is_section: bool


@dataclass
class ResultPage:
    """The results of one page of the listing, and where it sits among the others."""

    results: list
    total: int
    number: int
    per_page: int = PER_PAGE

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def start_index(self):
        """Number of the first result on this page, counting from 1."""
        return (self.number - 1) * self.per_page + 1


def visible_entries(language_code):
    """Entries that anyone may read in this language, with their page."""
    # A section of the site behind a password or login stays out of public
    # results, from the moment the restriction is added.
    result_path = ExpressionWrapper(OuterRef("page__path"), output_field=CharField())
    restricted = PageViewRestriction.objects.filter(
        StartsWith(result_path, F("page__path"))
    )
    return (
        SearchEntry.objects.filter(locale__language_code=language_code, page__live=True)
        .exclude(Exists(restricted))
        .select_related("page")
    )


def marked_html(text, whole=None):
    """ts_headline's output as HTML: the text escaped, its markers made <mark>.

    Given the `whole` text it was cut from, an ellipsis says where the snippet
    leaves words out at either end.
    """
    text = text.replace(LESS_THAN, "<").replace(GREATER_THAN, ">")
    html = str(escape(text))
    if whole is not None and text:
        plain = text.replace(START_SEL, "").replace(STOP_SEL, "")
        if not whole.startswith(plain[:40]):
            html = f"… {html}"
        if not whole.endswith(plain[-40:]):
            html = f"{html} …"
    if html.count(START_SEL) != html.count(STOP_SEL):
        html = html.replace(START_SEL, "").replace(STOP_SEL, "")
    return mark_safe(  # noqa: S308 (escaped above; only the markers become tags)
        html.replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>")
    )


def query_words(query):
    """The words of a query, without websearch syntax (quotes, “or”, leading minus)."""
    return [word for word in re.findall(r"\w+", query) if word.lower() != "or"]


def mark_words(text, words):
    """Plain text as HTML, with every occurrence of the words in <mark> (SQLite)."""
    if not words:
        return escape(text)
    pattern = re.compile(
        "(" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE
    )
    parts = pattern.split(text)
    html = "".join(
        f"<mark>{escape(part)}</mark>" if index % 2 else str(escape(part))
        for index, part in enumerate(parts)
    )
    return mark_safe(html)  # noqa: S308 (every part is escaped)


def sqlite_snippet(text, words):
    """About SQLITE_SNIPPET_CHARS of text around the first matched word."""
    lowered = text.lower()
    found = [lowered.find(word.lower()) for word in words]
    found = [index for index in found if index >= 0]
    first = min(found) if found else 0
    start = max(0, first - SQLITE_SNIPPET_CHARS // 3)
    if start:
        # Start at a word, not in the middle of one.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = start + SQLITE_SNIPPET_CHARS
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    snippet = text[start:end]
    html = mark_words(snippet, words)
    before = "… " if start else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{html}{after}")  # noqa: S308 (mark_words escaped it)


def postgres_query(query, language_code):
    """The visitor's words as a tsquery, in the configuration of their language."""
    config = text_search_config(language_code)
    return SearchQuery(query, search_type="websearch", config=config), config


def postgres_page(entries, query, language_code, offset):
    """One page of ranked, highlighted entries with the number of matches, in one query.

    The ranking picks this page's ids in a subquery and the matches are
    counted in another, so that ts_headline, the expensive part, only runs on
    the rows shown: in one flat query PostgreSQL would compute it for every
    row that OFFSET skips too.
    """
    search_query, config = postgres_query(query, language_code)
    matches = entries.filter(search_vector=search_query)
    rank = SearchRank(F("search_vector"), search_query)
    order = ["-rank", "page__path", "position"]
    page_ids = (
        matches.annotate(rank=rank)
        .order_by(*order)
        .values("pk")[offset : offset + PER_PAGE]
    )
    # COUNT as a plain function, not an aggregate: no GROUP BY, one row.
    total = matches.order_by().annotate(
        n=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    marks = {"config": config, "start_sel": START_SEL, "stop_sel": STOP_SEL}
    return (
        SearchEntry.objects.filter(pk__in=Subquery(page_ids))
        .select_related("page")
        .alias(text_length=Length("text"))
        .annotate(
            rank=rank,
            total=Subquery(total.values("n")),
            marked_heading=SearchHeadline(
                without_tags("heading"), search_query, highlight_all=True, **marks
            ),
            marked_text=Case(
                # Shown whole: ts_headline's fragments would cut it shorter still.
                When(
                    text_length__lte=SHORT_TEXT,
                    then=SearchHeadline(
                        without_tags("text"), search_query, highlight_all=True, **marks
                    ),
                ),
                default=SearchHeadline(
                    without_tags("text"), search_query, **marks, **HEADLINE_OPTIONS
                ),
            ),
        )
        .order_by(*order)
    )


def sqlite_page(entries, words, offset):
    """One page of entries that contain every word, with the number of matches."""
    if not words:
        return entries.none()
    for word in words:
        entries = entries.filter(Q(heading__icontains=word) | Q(text__icontains=word))
    return entries.annotate(total=Window(Count("pk"))).order_by(
        "page__path", "position"
    )[offset : offset + PER_PAGE]


def search(query, language_code, page_number, request=None):
    """One page of results for an already cleaned query.

    A page past the last one comes back with no results; the caller decides
    what that means.
    """
    entries = visible_entries(language_code)
    postgres = connection.vendor == "postgresql"
    words = query_words(query)
    offset = (page_number - 1) * PER_PAGE
    if postgres:
        rows = list(postgres_page(entries, query, language_code, offset))
    else:
        rows = list(sqlite_page(entries, words, offset))
    # The site answering the request, remembered: the addresses cost no query.
    site = current_site(request) if request is not None else None
    results = []
    for entry in rows:
        page_url = entry.page.relative_url(site, request)
        if postgres:
            heading = marked_html(entry.marked_heading)
            snippet = (
                marked_html(entry.marked_text, whole=entry.text) if entry.text else ""
            )
        else:
            heading = mark_words(entry.heading, words)
            snippet = sqlite_snippet(entry.text, words) if entry.text else ""
        results.append(
            Result(
                page_title=entry.page.title,
                heading=heading,
                url=page_url
                and (f"{page_url}#{entry.anchor}" if entry.anchor else page_url),
                snippet=snippet,
                is_section=bool(entry.anchor),
            )
        )
    return ResultPage(
        results=results, total=rows[0].total if rows else 0, number=page_number
    )
