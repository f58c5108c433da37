"""A dead service degrades the site, never breaks it.

Redis is only a cache: without it every page, the API, the consent script and
the consent records are served from the database, nothing is kept where it
could go stale, and /healthz/ says "degraded" with a 200 so that the edge
keeps sending visitors. PostgreSQL may restart: gunicorn's workers and the
scheduled-publishing loop reconnect on their own.

Nothing is imitated: "Redis is dead" is the project's cache backend pointed
at a port nothing listens on, or a redis-server of the test's own that is
paused (SIGSTOP) and resumed; "PostgreSQL dropped the connection" is
pg_terminate_backend.
"""

import datetime
import http.client
import io
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import redis

from caching.management.commands.edge_vcl import edge_facts
from consent.models import ConsentRecord
from deploy.harness import Stack
from deploy.stack import free_port
from policy.models import PolicyPage
from tests.admin_forms import set_cookie_duration
from tests.consent_records import a_record
from tests.pages import cookie_duration, english_policy, soup
from tests.production import PRODUCTION
from tests.services import redis_url
from tests.waiting import wait_until

PROJECT_DIR = Path(__file__).resolve().parent.parent
EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"
DEAD_REDIS = "redis://127.0.0.1:1/0"
SITE = "https://shop.example.com"


def project_cache(location, **options):
    return {
        "default": {
            "BACKEND": "caching.redis_cache.ReusingRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"degraded-{uuid.uuid4().hex[:8]}",
            "OPTIONS": options,
        }
    }


def not_kept_by_anyone(response):
    cache_control = response["Cache-Control"]
    return (
        "private" in cache_control
        and "no-store" in cache_control
        and "s-maxage" not in cache_control
        and "public" not in cache_control
        and not response.has_header("ETag")
        and not response.has_header("X-Content-Generation")
    )


@pytest.fixture
def dead_redis(settings):
    """The project's Redis backend, pointed at a port nothing listens on."""
    settings.CACHES = project_cache(DEAD_REDIS)
    settings.PUBLIC_RESPONSE_CACHE = True
    settings.CONSENT_ALLOWED_ORIGINS = [SITE]
    caches["default"].close()


def send_consent(client):
    return client.post(
        "/consent/records/",
        json.dumps(a_record()),
        content_type="text/plain;charset=UTF-8",
        HTTP_ORIGIN=SITE,
    )


# In this process, Redis dead ----------------------------------------------


def public_addresses():
    english = english_policy()
    return {
        EN: "cookie",
        FR: "cookie",
        "/api/v2/pages/": '"items"',
        f"/api/v2/pages/{english.pk}/": "privacy-and-cookies",
        "/consent.js": "records",
        "/en/search/?q=cookies": "cookies",
        "/fr/recherche/?q=donnees": "<main",
    }


def test_without_redis_every_public_address_is_served_and_kept_nowhere(
    client, db, dead_redis
):
    for path, expected in public_addresses().items():
        response = client.get(path)

        assert response.status_code == 200, path
        assert expected in response.content.decode(), path
        # Without a content generation, nothing says when the response goes
        # stale: no edge, browser or proxy may keep it.
        assert not_kept_by_anyone(response), (path, response["Cache-Control"])


def test_without_redis_the_same_page_is_built_again_each_time(client, db, dead_redis):
    first = client.get(EN)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(EN)

    assert second.status_code == 200
    assert second.content == first.content
    # From the database, not from a cache that does not answer.
    assert len(queries) > 0


def test_without_redis_a_consent_record_is_stored(client, db, dead_redis):
    # More than the rate limit (20 a minute): without its counters the
    # limit fails open, and no visitor's choice is lost.
    responses = [send_consent(client) for _ in range(25)]

    assert [response.status_code for response in responses] == [201] * 25
    ids = {response.json()["id"] for response in responses}
    stored = ConsentRecord.objects.filter(origin=SITE)
    assert {str(record.id) for record in stored} == ids
    assert all(record.choices == {"analytics": True} for record in stored)


def test_without_redis_health_says_degraded_with_a_200(client, db, dead_redis):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"degraded: cache unavailable\n"
    assert "no-store" in response["Cache-Control"]


def test_without_redis_a_publication_goes_out_and_the_edge_is_purged(
    client, db, dead_redis, edge, django_capture_on_commit_callbacks
):
    assert cookie_duration(soup(client.get(EN)), "_ga") == "2 years"
    english = english_policy()
    set_cookie_duration(english, "_ga", "13 months")

    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()

    assert cookie_duration(soup(client.get(EN)), "_ga") == "13 months"
    purged = [path for path, _host, _generation in edge]
    assert EN in purged
    assert "/consent.js" in purged
    # A generation the edge can read (digits, at most 15), for every address.
    generations = {generation for _path, _host, generation in edge}
    assert len(generations) == 1
    assert all(g.isdigit() and len(g) <= 15 for g in generations), generations


def test_redis_going_away_is_logged_once_not_per_call(client, db, settings, caplog):
    # A location of its own: this process may have found 127.0.0.1:1 dead
    # already, under another database number, and said so then.
    settings.CACHES = project_cache(
        f"redis://localhost:1/{uuid.uuid4().int % 1000}", breaker_seconds=60
    )
    caches["default"].close()

    with caplog.at_level(logging.WARNING, logger="caching.redis_cache"):
        for _ in range(5):
            assert client.get(EN).status_code == 200
            assert client.get("/healthz/").status_code == 200

    warnings = [
        r.getMessage() for r in caplog.records if r.name == "caching.redis_cache"
    ]
    assert len(warnings) == 1
    assert "does not answer" in warnings[0]
    assert "localhost:1" in warnings[0]


# In this process, Redis paused and resumed ---------------------------------


class RedisServer:
    """A redis-server of a test's own, on a free port: it can be paused and restarted."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.location = f"redis://127.0.0.1:{self.port}/9"
        self.process = None

    def start(self):
        server = shutil.which("redis-server")
        assert server, "redis-server is needed (apt-get install -y redis-server)"
        self.process = subprocess.Popen(  # noqa: S603
            [
                server,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, db=9, socket_timeout=1)

        def answers():
            try:
                return client.ping()
            except redis.RedisError:
                return False

        wait_until(answers, 10, "redis-server did not start")
        client.close()

    def pause(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self):
        self.resume()
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.mark.stack
def test_a_redis_restart_costs_no_outage(db, settings, own_redis, caplog):
    settings.CACHES = project_cache(own_redis.location)
    caches["default"].close()
    caplog.set_level(logging.WARNING, logger="caching.redis_cache")
    cache = caches["default"]
    cache.set("before", 1)
    assert cache.get("before") == 1

    # The pooled connection is now closed by the server: redis-py finds it
    # closed and opens a new one, and the cache never counts Redis as gone.
    own_redis.stop()
    own_redis.start()
    cache.set("after", 2)

    assert cache.get("after") == 2
    assert cache.get("before") is None  # a restart empties it: --save ""
    assert [r.getMessage() for r in caplog.records] == []


@pytest.mark.stack
def test_caching_stops_while_redis_is_away_and_resumes_when_it_is_back(
    client, db, settings, own_redis, edge, caplog, django_capture_on_commit_callbacks
):
    breaker_seconds = 2
    settings.CACHES = project_cache(own_redis.location, breaker_seconds=breaker_seconds)
    settings.PUBLIC_RESPONSE_CACHE = True
    caches["default"].close()
    caplog.set_level(logging.WARNING, logger="caching.redis_cache")

    # Redis answers: the page is kept, and the next request runs no query.
    assert "public" in client.get(EN)["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        kept = client.get(EN)
    assert kept.status_code == 200 and len(queries) == 0
    assert cookie_duration(soup(kept), "_ga") == "2 years"
    generation_before = int(kept["ETag"].strip('"'))

    # Redis stops answering (paused: connections hang until the timeout).
    own_redis.pause()
    first = client.get(EN)
    assert first.status_code == 200
    assert not_kept_by_anyone(first)
    # While the breaker is open, Redis is not even asked: no timeout to wait.
    started = time.monotonic()
    skipped = client.get(EN)
    skipping_took = time.monotonic() - started
    assert skipped.status_code == 200 and not_kept_by_anyone(skipped)
    assert skipping_took < 1.0, skipping_took

    # A publication while Redis is away cannot start a new generation...
    english = english_policy()
    set_cookie_duration(english, "_ga", "13 months")
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()
    assert cookie_duration(soup(client.get(EN)), "_ga") == "13 months"
    # ...but its purge tells the edge a generation above the one Redis holds,
    # so that the edge refuses what was rendered in it.
    purged_generation = int(edge[0][2])
    assert purged_generation > generation_before

    # ...Redis comes back with what it held before, the page as it was.
    own_redis.resume()
    came_back = time.monotonic()

    def kept_again():
        response = client.get(EN)
        return response if "public" in response["Cache-Control"] else None

    response = wait_until(kept_again, breaker_seconds + 10, "caching did not resume")
    assert cookie_duration(soup(response), "_ga") == "13 months"
    assert int(response["ETag"].strip('"')) > purged_generation
    with CaptureQueriesContext(connection) as queries:
        again = client.get(EN)
    assert len(queries) == 0
    assert cookie_duration(soup(again), "_ga") == "13 months"
    assert time.monotonic() - came_back < breaker_seconds + 10

    messages = [
        r.getMessage() for r in caplog.records if r.name == "caching.redis_cache"
    ]
    assert len(messages) == 2, messages
    assert "does not answer" in messages[0]
    assert "answers again" in messages[1]


# The real stack, Redis dead -------------------------------------------------


def database_url():
    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}"
    )


@pytest.fixture(scope="module")
def stack_without_redis(django_db_setup, production_static_root, tmp_path_factory):
    env = {
        **PRODUCTION,
        # pytest names the test settings in this process's environment, which
        # the stack would pass on: gunicorn runs production's, as deployed
        # (persistent connections with health checks among them).
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url(),
        "REDIS_URL": DEAD_REDIS,
        "TLS_TERMINATED_BY_PROXY": "on",
        "STATIC_ROOT": str(production_static_root),
        "WEB_CONCURRENCY": "2",
        "CONSENT_ALLOWED_ORIGINS": SITE,
    }
    log = tmp_path_factory.mktemp("stack") / "stack.log"
    with Stack(
        port=free_port(),
        app_port=free_port(),
        env=env,
        output=log,
        edge_facts=edge_facts(),
    ) as stack:
        stack.log = log
        yield stack


@pytest.fixture
def stack(stack_without_redis, transactional_db):
    # The database is emptied after each transactional test: the seeded
    # site again, committed, for gunicorn to read.
    call_command("seed_site", stdout=io.StringIO())
    return stack_without_redis


def request(port, path, method="GET", body=None, headers=None):
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection_.request(
        method,
        path,
        body=body,
        headers={"Host": f"127.0.0.1:{port}", **(headers or {})},
    )
    response = connection_.getresponse()
    content = response.read().decode()
    connection_.close()
    return response.status, dict(response.getheaders()), content


def test_the_real_stack_without_redis_serves_everything_through_the_edge(stack):
    for path, expected in public_addresses().items():
        status, headers, body = request(stack.port, path)
        assert status == 200, (path, status, body[:300])
        assert expected in body, path
        assert "no-store" in headers["Cache-Control"], path
        # Nothing is kept at the edge while the app cannot tell how fresh it is.
        assert request(stack.port, path)[1]["X-Cache"] == "MISS", path

    status, headers, body = request(
        stack.port,
        "/consent/records/",
        method="POST",
        body=json.dumps(a_record()),
        headers={"Origin": SITE, "Content-Type": "text/plain;charset=UTF-8"},
    )
    assert status == 201, body
    assert ConsentRecord.objects.filter(id=json.loads(body)["id"]).exists()

    for port in (stack.port, stack.app_port):
        status, headers, body = request(port, "/healthz/")
        assert (status, body) == (200, "degraded: cache unavailable\n")
        assert "no-store" in headers["Cache-Control"]
    assert stack.app_is_healthy()


def test_gunicorn_workers_reconnect_after_postgresql_drops_them(stack):
    # Every worker opens its connection (kept 60 s by the production settings).
    for _ in range(8):
        assert request(stack.app_port, EN)[0] == 200

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        terminated = [row for row in cursor.fetchall() if row[0]]
    assert terminated, "gunicorn held no connection to terminate"

    statuses = [request(stack.app_port, path)[0] for path in (EN, FR) * 4]
    assert statuses == [200] * 8
    assert request(stack.app_port, "/healthz/")[0] == 200


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_the_real_stack_when_redis_stops_mid_run_and_comes_back(
    production_static_root, own_redis, settings, tmp_path
):
    call_command("seed_site", stdout=io.StringIO())
    location = own_redis.location
    prefix = f"degraded-{uuid.uuid4().hex[:8]}"
    env = {
        **PRODUCTION,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url(),
        "REDIS_URL": location,
        "CACHE_KEY_PREFIX": prefix,
        "TLS_TERMINATED_BY_PROXY": "on",
        "STATIC_ROOT": str(production_static_root),
        "WEB_CONCURRENCY": "2",
    }
    with Stack(
        port=free_port(),
        app_port=free_port(),
        env=env,
        output=tmp_path / "stack.log",
        edge_facts=edge_facts(),
    ) as stack:
        # This process publishes as the admin would: same Redis, same edge.
        settings.CACHES = project_cache(location)
        settings.CACHES["default"]["KEY_PREFIX"] = prefix
        settings.WAGTAILFRONTENDCACHE = {
            "edge": {
                "BACKEND": "caching.edge.EdgeBackend",
                "LOCATION": stack.url("").rstrip("/"),
            }
        }
        caches["default"].close()
        request(stack.port, EN)
        status, headers, body = request(stack.port, EN)
        assert (status, headers["X-Cache"]) == (200, "HIT")
        assert "2 years" in body

        own_redis.pause()
        wait_until(
            lambda: (
                request(stack.app_port, "/healthz/")[2]
                == "degraded: cache unavailable\n"
            ),
            30,
            "/healthz/ did not say degraded",
        )
        english = english_policy()
        set_cookie_duration(english, "_ga", "13 months")
        english.save_revision().publish()

        # Purged: the edge asks the app, which serves from the database.
        after = [request(stack.port, path) for path in (EN, FR, EN, EN)]
        assert [status for status, _h, _b in after] == [200] * 4
        assert "13 months" in after[0][2] and "13 months" in after[3][2]
        assert {headers["X-Cache"] for _s, headers, _b in after} == {"MISS"}
        assert stack.app_is_healthy()

        own_redis.resume()
        resumed = time.monotonic()
        seen = []

        def kept_again():
            seen.append((time.monotonic() - resumed, *request(stack.port, EN)))
            return seen[-1][2]["X-Cache"] == "HIT"

        wait_until(kept_again, 30, "the edge did not keep the page again")
        for _ in range(10):
            seen.append((time.monotonic() - resumed, *request(stack.port, EN)))

        assert [status for _t, status, _h, _b in seen] == [200] * len(seen)
        # The edge never keeps the page from before the publication, which
        # the paused Redis still held when it came back.
        hits = [body for _t, _s, headers, body in seen if headers["X-Cache"] == "HIT"]
        assert len(hits) >= 10
        assert all("13 months" in body for body in hits)
        # A worker that saw nothing of the outage may answer from what Redis
        # held until one that saw it starts the new generation: once its
        # breaker lets it try Redis again (5 s) and a request reaches it (the
        # edge probes every 2 s; this test asks all the time).
        stale = [t for t, _s, _h, body in seen if "13 months" not in body]
        assert all(t < 12 for t in stale), stale
        assert all("13 months" in body for _t, _s, _h, body in seen[-10:])


# The scheduled-publishing loop and a dropped connection ---------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.stack
def test_the_publishing_loop_survives_its_connection_being_dropped(tmp_path):
    call_command("seed_site", stdout=io.StringIO())
    application = f"publish-loop-{uuid.uuid4().hex[:8]}"
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in PRODUCTION and key != "DJANGO_SETTINGS_MODULE"
        },
        **PRODUCTION,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url(9),
        "CACHE_KEY_PREFIX": application,
        "TLS_TERMINATED_BY_PROXY": "on",
        # libpq names the connection: the test finds the loop's by it.
        "PGAPPNAME": application,
        "LOG_LEVEL": "WARNING",
    }
    log = tmp_path / "loop.log"
    with log.open("w") as output:
        loop = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(PROJECT_DIR / "manage.py"),
                "publish_scheduled_loop",
                "--interval",
                "0.5",
            ],
            env=env,
            cwd=PROJECT_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:

        def loop_backends():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                    [application],
                )
                return [row[0] for row in cursor.fetchall()]

        before = wait_until(loop_backends, 60, "the loop never connected")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = %s",
                [application],
            )

        def reconnected():
            assert loop.poll() is None, f"the loop stopped: {log.read_text()}"
            pids = loop_backends()
            return pids and not set(pids) & set(before)

        # Its next runs meet the dead connection; it must go on.
        wait_until(
            reconnected,
            30,
            "the loop did not reconnect",
        )
        assert loop.poll() is None, log.read_text()

        # A change scheduled now is published by the loop, on its new connection.
        english = english_policy()
        set_cookie_duration(english, "_ga", "13 months")
        revision = english.save_revision(
            approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1)
        )

        def published():
            page = PolicyPage.objects.get(pk=english.pk)
            return page.live_revision_id == revision.pk

        wait_until(published, 30, "the loop did not publish the scheduled change")
        assert loop.poll() is None, log.read_text()
    finally:
        loop.terminate()
        loop.wait(timeout=20)
        keys = redis.Redis.from_url(env["REDIS_URL"])
        for key in keys.scan_iter(f"{application}:*"):
            keys.delete(key)
        keys.close()
