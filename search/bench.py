"""How fast the search answers with 1,000 policy pages per language (`make bench-search`).

A benchmark, not a test: it prints numbers and never fails on them. It needs
PostgreSQL (DATABASE_URL, as for the tests) and works in a throwaway database,
`bench_search`, made with Django's test database machinery (migrations
included) and dropped at the end (unless run with --keep), so it never touches
real data.

The database gets the seed site, then copies of the seeded English and French
policies until each language has 1,000 (16 sections each, so about 17,000
search entries per language), indexed exactly as a publication indexes them.
Then each query is requested through Django's test client, the whole request:
middleware, view, database and template. It prints the median and 95th
percentile time of a request and the number of database queries per request.

Every request is answered from scratch (UNCACHED): while they run, the site's
own response cache is off (PUBLIC_RESPONSE_CACHE, caching/middleware.py), and
each request is checked to have run the search statement. What the site keeps
between requests in production (its sites and page tree, remembered per
content generation) stays cached, as it is there. The figures are what a
search costs the first time it is asked.
"""

import os
import statistics
import sys
import time
import uuid
from urllib.parse import unquote_plus, urlencode

POLICIES_PER_LANGUAGE = 1000
REPEATS = 40


# What visitors plausibly type, plus a page deep in the results and a miss.
QUERIES = {
    "en": [
        {"q": "cookie"},
        {"q": "complaints"},
        {"q": "personal information"},
        {"q": '"google analytics"'},
        {"q": "cookie", "page": 150},
        {"q": "xylophone"},
    ],
    "fr": [
        {"q": "donnees"},
        {"q": "cookies"},
        {"q": "réclamation"},
        {"q": "informations personnelles"},
        {"q": "cookie", "page": 150},
        {"q": "xylophone"},
    ],
}


def say(line=""):
    """One line of the report (a command's output, not a debugging print)."""
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def percentile(values, fraction):
    """The value below which `fraction` of the values lie (nearest rank)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import django

    django.setup()


def copy_policies(language_code, count):
    """Add policies under the language's home page until it has `count` of them.

    Each is a live page saved directly and indexed with `index_page`, the
    function a publication calls; revisions and version history are left out,
    as the search never reads them. Returns the seconds each indexing took.
    """
    from django.db import transaction

    from home.models import HomePage
    from policy.models import PolicyPage
    from search.indexing import index_page

    seeded = PolicyPage.objects.get(locale__language_code=language_code)
    home = HomePage.objects.get(locale__language_code=language_code)
    body = list(seeded.body.raw_data)
    index_times = []
    for number in range(2, count + 1):
        with transaction.atomic():
            page = home.add_child(
                instance=PolicyPage(
                    title=f"{seeded.title} {number}",
                    slug=f"{seeded.slug}-{number}",
                    locale=seeded.locale,
                    translation_key=uuid.uuid4(),
                    search_description=seeded.search_description,
                    body=body,
                )
            )
            started = time.perf_counter()
            index_page(page)
            index_times.append(time.perf_counter() - started)
        home.refresh_from_db()
    return index_times


def measure(client, url):
    """Seconds per request and queries per request, after one warm-up request.

    Stops the benchmark if a request did not run the search statement: its
    answer came from a cache, and timing it would mean nothing.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)  # noqa: S101
    timings, query_counts = [], set()
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - started)
        query_counts.add(len(queries))
        if not any("search_searchentry" in query["sql"] for query in queries):
            sys.exit(f"{url} was answered without searching: from a cache?")
    return timings, query_counts


def gin_index_use(language_code):
    """Whether the search reads the GIN index for a rare word and for a common one.

    EXPLAIN of the very statement a search request runs.
    """
    from django.db import connection

    from search.query import postgres_statement

    answers = []
    for word in ("xylophone", "cookie"):
        sql, params = postgres_statement(word, language_code, 0)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        used = "search_entry_locale_vector_gin" in plan
        answers.append(f"{word}: {'yes' if used else 'no'}")
    return ", ".join(answers)


def run():
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import translation

    from deploy.benchmarking import seeded_throwaway_database
    from search.models import SearchEntry

    setup_test_environment()
    # --keep leaves the database in place, for looking into a plan by hand.
    with seeded_throwaway_database(
        "bench_search", keep="--keep" in sys.argv
    ) as connection:
        index_times = []
        for language_code in QUERIES:
            index_times += copy_policies(language_code, POLICIES_PER_LANGUAGE)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        say(f"PostgreSQL {connection.pg_version // 10000}, database bench_search")
        for language_code in QUERIES:
            entries = SearchEntry.objects.filter(locale__language_code=language_code)
            pages = entries.values("page").distinct().count()
            say(
                f"{language_code}: {pages} pages, {entries.count()} search entries, "
                f"GIN index used for {gin_index_use(language_code)}"
            )
        say(
            f"indexing one policy page (17 entries): "
            f"median {statistics.median(index_times) * 1000:.1f} ms, "
            f"p95 {percentile(index_times, 0.95) * 1000:.1f} ms"
        )
        say(
            f"\n{REPEATS} requests per query, after one warm-up request, UNCACHED "
            "(no response kept in the cache; each request ran the search):"
        )
        say(f"{'request':<50} {'median':>9} {'p95':>9} {'queries':>8}")
        client = Client()
        all_timings, all_counts = [], set()
        for language_code, queries in QUERIES.items():
            with translation.override(language_code):
                path = reverse("search")
            for params in queries:
                url = f"{path}?{urlencode(params)}"
                with override_settings(PUBLIC_RESPONSE_CACHE=False):
                    timings, counts = measure(client, url)
                all_timings += timings
                all_counts |= counts
                say(
                    f"{unquote_plus(url):<50} {statistics.median(timings) * 1000:>6.1f} ms "
                    f"{percentile(timings, 0.95) * 1000:>6.1f} ms "
                    f"{'/'.join(str(c) for c in sorted(counts)):>8}"
                )
        say(
            f"\nall {len(all_timings)} requests: "
            f"median {statistics.median(all_timings) * 1000:.1f} ms, "
            f"p95 {percentile(all_timings, 0.95) * 1000:.1f} ms, "
            f"queries per request: {'/'.join(str(c) for c in sorted(all_counts))}"
        )


if __name__ == "__main__":
    setup_django()
    run()
