"""How long the policy takes to serve when nothing is cached: `python -m policy.bench`.

A benchmark, not a test: it prints numbers and never fails on them. It needs
PostgreSQL (DATABASE_URL, as for the tests) and works in a throwaway database,
`bench_pages`, made with Django's test database machinery (migrations
included), loaded with the seed site and dropped at the end, so it never
touches real data.

Each address is requested through Django's test client, the whole request:
middleware, routing, view, database and template or serializer, with the
site's response cache off (PUBLIC_RESPONSE_CACHE, caching/middleware.py) and
no If-None-Match, so each one is answered in full, as a first visit is; what
the site remembers per content generation (its page tree) stays cached, as
in production. A request that ran no query was answered from a cache: the
benchmark stops rather than time it.
It prints the median and 95th percentile time of a request, the median CPU
time this process spent on it (which other processes on a shared machine do
not inflate, and which leaves out the database server's own work) and the
number of database queries per request, after one warm-up request per address.
Templates render as in production: Django's test instrumentation of
templates (setup_test_environment) is left out.
"""

import os
import statistics
import sys
import time

REPEATS = 100


def measure(client, url):
    """Seconds and CPU seconds per request, and the query counts seen, after one warm-up request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    timings, cpu_timings, query_counts = [], [], set()
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append(time.perf_counter() - started)
            cpu_timings.append(time.process_time() - cpu_started)
        query_counts.add(len(queries))
    return timings, cpu_timings, query_counts


def run():
    from django.test import Client, override_settings

    from deploy.benchmarking import seeded_throwaway_database
    from policy.models import PolicyPage

    with seeded_throwaway_database("bench_pages") as connection:
        urls = []
        for policy in PolicyPage.objects.order_by("path"):
            urls += [policy.url, f"/api/v2/pages/{policy.pk}/"]
        out = sys.stdout
        out.write(
            f"PostgreSQL {connection.pg_version // 10000}, database bench_pages\n"
        )
        out.write(f"{REPEATS} requests per address, after one warm-up request:\n")
        out.write(
            f"{'request':<36} {'median':>9} {'p95':>9} {'CPU':>9} {'queries':>8}\n"
        )
        client = Client()
        for url in sorted(urls, key=lambda url: url.startswith("/api/")):
            with override_settings(PUBLIC_RESPONSE_CACHE=False):
                timings, cpu_timings, counts = measure(client, url)
            if 0 in counts:
                sys.exit(f"{url} was answered without a query: from a cache?")
            p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
            out.write(
                f"{url:<36} {statistics.median(timings) * 1000:>6.1f} ms "
                f"{p95 * 1000:>6.1f} ms "
                f"{statistics.median(cpu_timings) * 1000:>6.1f} ms "
                f"{'/'.join(str(count) for count in sorted(counts)):>8}\n"
            )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import django

    django.setup()
    run()
