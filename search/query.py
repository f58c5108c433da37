"""Finding the entries that match a visitor's words, one page of results at a time.

On PostgreSQL the query goes through `websearch_to_tsquery` in the text search
configuration of the visitor's language, is ranked with `ts_rank` and
highlighted with `ts_headline`, in one statement (postgres_statement). On
SQLite (the development default) every word must begin a word of the heading
or text, accents and case aside (search/folding.py), but without stemming.

Either way a page of results costs one query: the entries with their page and
text, and the number of matches.
"""

import math
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Value,
    Window,
)
from django.db.models.lookups import StartsWith
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page, PageViewRestriction

from caching.site_tree import current_site
from policy.plain_text import clean_text
from search.terms import MAX_SEARCH_LENGTH

from .config import text_search_config
from .folding import SQL_FUNCTION, fold, folded_spans
from .indexing import GREATER_THAN, LESS_THAN, START_SEL, STOP_SEL
from .models import SearchEntry

PER_PAGE = 10

# ts_headline marks the matched words with indexing.py's markers...
MARKERS = f"StartSel='{START_SEL}', StopSel='{STOP_SEL}'"
# ...and shows this much of a section's text around them.
FRAGMENTS = "MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=' … '"
# A text this short (in characters) is shown whole.
SHORT_TEXT = 240
SQLITE_SNIPPET_CHARS = 160


def clean_query(raw):
    """The visitor's words as the database may read them.

    Control characters go (NUL included: PostgreSQL refuses it in text; tabs
    and line breaks become spaces), spaces are collapsed, and the query is cut
    to MAX_SEARCH_LENGTH: the search boxes have the same limit (maxlength), so
    a longer query from elsewhere is cut rather than refused.
    Quotes, operators and SQL stay: the query is always a parameter, and
    websearch_to_tsquery reads any text without a syntax error.
    """
    return clean_text(raw or "")[:MAX_SEARCH_LENGTH].strip()


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
    """Entries that anyone may read in this language, with their page and text."""
    # A section of the site behind a password or login stays out of public
    # results, from the moment the restriction is added.
    result_path = ExpressionWrapper(OuterRef("page__path"), output_field=CharField())
    restricted = PageViewRestriction.objects.filter(
        StartsWith(result_path, F("page__path"))
    )
    return (
        SearchEntry.objects.filter(locale__language_code=language_code, page__live=True)
        .exclude(Exists(restricted))
        .select_related("page", "full_text")
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
    """Plain text as HTML, every occurrence of the words in <mark>, accents and case aside (SQLite)."""
    html, end = [], 0
    for start, stop in folded_spans(text, words):
        html += [
            str(escape(text[end:start])),
            f"<mark>{escape(text[start:stop])}</mark>",
        ]
        end = stop
    html.append(str(escape(text[end:])))
    return mark_safe("".join(html))  # noqa: S308 (every part is escaped)


def sqlite_snippet(text, words):
    """About SQLITE_SNIPPET_CHARS of text around the first matched word."""
    spans = folded_spans(text, words)
    first = spans[0][0] if spans else 0
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


# One page of results in one statement; postgres_statement() says why it is
# written this way. The markers and stand-ins for < and > are those of
# indexing.py: ts_headline must read the text as the index did.
POSTGRES_SQL = """
WITH matches AS MATERIALIZED (
    SELECT entry.id, page.path, entry.position,
           ts_rank(
               entry.search_vector,
               (SELECT websearch_to_tsquery(%(config)s::regconfig, %(rank_words)s))
           ) AS rank
    FROM search_searchentry entry
    JOIN wagtailcore_page page ON page.id = entry.page_id
    WHERE entry.locale_id = (
            SELECT id FROM wagtailcore_locale WHERE language_code = %(language_code)s
        )
        AND entry.search_vector
            @@ (SELECT websearch_to_tsquery(%(config)s::regconfig, %(query)s))
        AND page.live
        AND page.id NOT IN (
            SELECT below.id
            FROM wagtailcore_pageviewrestriction restriction
            JOIN wagtailcore_page restricted ON restricted.id = restriction.page_id
            JOIN wagtailcore_page below ON starts_with(below.path, restricted.path)
        )
),
shown AS (
    SELECT * FROM matches
    ORDER BY rank DESC, path, position
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.id, page.title, page.url_path, entry.anchor, full_text.text,
       (SELECT count(*) FROM matches) AS total,
       ts_headline(
           %(config)s::regconfig, parsed.heading, query, %(highlight_all)s
       ) AS marked_heading,
       CASE WHEN length(full_text.text) <= %(short_text)s
           -- Shown whole: ts_headline's fragments would cut it shorter still.
           THEN ts_headline(%(config)s::regconfig, parsed.text, query, %(highlight_all)s)
           ELSE ts_headline(%(config)s::regconfig, parsed.text, query, %(fragments)s)
       END AS marked_text
FROM shown
JOIN search_searchentry entry ON entry.id = shown.id
JOIN search_searchentrytext full_text ON full_text.entry_id = entry.id
JOIN wagtailcore_page page ON page.id = entry.page_id
CROSS JOIN websearch_to_tsquery(%(config)s::regconfig, %(query)s) AS query
CROSS JOIN LATERAL (
    SELECT replace(replace(entry.heading, '<', %(less_than)s), '>', %(greater_than)s),
           replace(replace(full_text.text, '<', %(less_than)s), '>', %(greater_than)s)
) AS parsed (heading, text)
ORDER BY shown.rank DESC, shown.path, shown.position
"""


def postgres_statement(query, language_code, offset):
    """One page of ranked, highlighted results and the number of matches: SQL, parameters.

    A single statement, so that PostgreSQL goes through the matches once:
    - `matches` finds them with the GIN index (locale, search_vector) and
      ranks them. The queries come from subqueries on purpose: not knowing
      the words when it plans, PostgreSQL expects few matches and reads the
      index. Knowing them, it reads every entry of the language instead for
      a common word, and tests each one (15 ms against 3 ms for 10,000
      matches among 17,000).
    - Pages behind a password or login are found once, from the
      restrictions, and only the other live pages are joined to the matches,
      rather than each match being checked against every restriction.
    - The rank weighs how often each of the visitor's words appears, a
      heading counting more than text (ts_rank's weights A and B): ts_rank
      of the words joined with “or”. For one word that is the query itself.
      For several, ts_rank of the query itself would also measure how close
      together they stand, which costs twice as much again over thousands
      of matches.
    - Only the rows of `shown` get their text, ts_headline (the expensive
      part) and their page's title and address; the count reads the matches
      already in memory.
    """
    config = text_search_config(language_code)
    params = {
        "config": config,
        "language_code": language_code,
        "query": query,
        "rank_words": " or ".join(query_words(query)),
        "limit": PER_PAGE,
        "offset": offset,
        "short_text": SHORT_TEXT,
        "highlight_all": f"{MARKERS}, HighlightAll=true",
        "fragments": f"{MARKERS}, {FRAGMENTS}",
        "less_than": LESS_THAN,
        "greater_than": GREATER_THAN,
    }
    return POSTGRES_SQL, params


def postgres_page(query, language_code, offset):
    """This page's results: each row a page, with the matching entry's columns."""
    return Page.objects.raw(*postgres_statement(query, language_code, offset))


def has_word(text, folded_word):
    """SQLite: whether a word of `text` begins with `folded_word` (search/folding.py)."""
    return Func(text, folded_word, function=SQL_FUNCTION, output_field=BooleanField())


def sqlite_page(entries, words, offset):
    """One page of entries that contain every word, with the number of matches."""
    if not words:
        return entries.none()
    # Headings, texts and words folded alike (search/folding.py): “donnees”
    # finds “Données”, at the start of a word only.
    for word in words:
        folded = Value(fold(word))
        entries = entries.filter(
            has_word(F("heading"), folded) | has_word(F("full_text__text"), folded)
        )
    return entries.annotate(total=Window(Count("pk"))).order_by(
        "page__path", "position"
    )[offset : offset + PER_PAGE]


def result(page, anchor, heading, snippet, request):
    """A line of the results, leading to the entry's section of its page."""
    # The site answering the request, remembered: the address costs no query.
    site = current_site(request) if request is not None else None
    page_url = page.relative_url(site, request)
    return Result(
        page_title=page.title,
        heading=heading,
        url=page_url and (f"{page_url}#{anchor}" if anchor else page_url),
        snippet=snippet,
        is_section=bool(anchor),
    )


def search(query, language_code, page_number, request=None):
    """One page of results for an already cleaned query.

    A page past the last one comes back with no results; the caller decides
    what that means.
    """
    offset = (page_number - 1) * PER_PAGE
    if connection.vendor == "postgresql":
        rows = list(postgres_page(query, language_code, offset))
        results = [
            result(
                row,
                row.anchor,
                marked_html(row.marked_heading),
                marked_html(row.marked_text, whole=row.text) if row.text else "",
                request,
            )
            for row in rows
        ]
    else:
        words = query_words(query)
        rows = list(sqlite_page(visible_entries(language_code), words, offset))
        results = [
            result(
                entry.page,
                entry.anchor,
                mark_words(entry.heading, words),
                (
                    sqlite_snippet(entry.full_text.text, words)
                    if entry.full_text.text
                    else ""
                ),
                request,
            )
            for entry in rows
        ]
    return ResultPage(
        results=results, total=rows[0].total if rows else 0, number=page_number
    )
