"""The production stack, started for real: Varnish in front of gunicorn, Redis, PostgreSQL.

gunicorn runs the production settings on the tests' database and shares a
Redis cache with this process, so that a publication made here reaches it as
one made in the admin would: a new content generation, then a PURGE to the
edge once committed. Nothing is imitated: the edge is deploy/varnish/policy.vcl
in varnishd, started by deploy/stack.py.
"""

import http.client
import io
import threading
import time
import uuid
from urllib.request import urlopen

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

import pytest

from deploy.stack import Stack, free_port
from policy.models import PolicyPage
from tests.admin_forms import MAJOR_CHANGE_IN_FRENCH, set_cookie_duration
from tests.pages import translate_into_french
from tests.test_settings import PRODUCTION

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"
REDIS_URL = "redis://127.0.0.1:6379/3"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def cache_prefix():
    # The stack and this process share one Redis database, under a prefix of
    # this run's own.
    return f"stack-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def stack(django_db_setup, production_static_root, cache_prefix, tmp_path_factory):
    database = connection.settings_dict
    env = {
        **PRODUCTION,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": cache_prefix,
        "TLS_TERMINATED_BY_PROXY": "on",
        "STATIC_ROOT": str(production_static_root),
        "WEB_CONCURRENCY": "2",
    }
    log = tmp_path_factory.mktemp("stack") / "stack.log"
    with Stack(port=free_port(), app_port=free_port(), env=env, output=log) as stack:
        yield stack


@pytest.fixture
def shared_with_the_stack(stack, settings, cache_prefix):
    """This process uses the stack's Redis and purges its edge, as the app does."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": cache_prefix,
        }
    }
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "home.frontend_cache.EdgeBackend",
            "LOCATION": f"http://127.0.0.1:{stack.port}",
        }
    }
    caches["default"].close()
    # The database is emptied after each test of this module: the seeded
    # site again, committed (and so published) for gunicorn to read.
    call_command("seed_site", stdout=io.StringIO())
    caches["default"].clear()
    stack.varnishadm("ban", "req.url", "~", ".")
    return stack


def get(stack, path, source="127.0.0.1"):
    connection_ = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=10, source_address=(source, 0)
    )
    connection_.request("GET", path, headers={"Host": f"127.0.0.1:{stack.port}"})
    response = connection_.getresponse()
    body = response.read().decode()
    connection_.close()
    return response.status, dict(response.getheaders()), body


class Reader(threading.Thread):
    """A visitor reading the same pages again and again through the edge.

    Each response is noted with the time its request started, so that what a
    request sent after a publication returned got can be checked.
    """

    def __init__(self, stack, paths):
        super().__init__(daemon=True)
        self.stack, self.paths = stack, paths
        self.responses = []
        self.running = True

    def run(self):
        while self.running:
            for path in self.paths:
                started = time.monotonic()
                status, headers, body = get(self.stack, path)
                self.responses.append(
                    (started, time.monotonic(), path, status, headers["X-Cache"], body)
                )

    def stop(self):
        self.running = False
        self.join(timeout=30)


def test_a_publication_is_never_stale_through_the_edge(
    shared_with_the_stack, django_capture_on_commit_callbacks
):
    stack = shared_with_the_stack
    english = PolicyPage.objects.get(locale__language_code="en")
    api = f"/api/v2/pages/{english.pk}/"
    for path in (EN, FR, api):
        get(stack, path)
    assert get(stack, EN)[1]["X-Cache"] == "HIT"

    reader = Reader(stack, [EN, FR, api])
    reader.start()
    time.sleep(1)

    set_cookie_duration(english, "_ga", "13 months")
    english.change_key = uuid.uuid4()
    english.change_note = "Google Analytics cookies now last 13 months."
    publishing = time.monotonic()
    english.save_revision().publish()
    published = time.monotonic()
    time.sleep(1.5)

    # Committed as it comes (this test's transactions are real): localize
    # publishes the French page on commit, then the edge is purged.
    translate_into_french(
        english, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )
    translated = time.monotonic()
    time.sleep(1.5)
    reader.stop()

    responses = reader.responses
    before = [r for r in responses if r[1] < publishing]
    after_english = [r for r in responses if r[0] > published]
    after_french = [r for r in responses if r[0] > translated]
    assert len(before) > 10 and len(after_english) > 30 and len(after_french) > 10
    assert [r[3] for r in responses if r[3] != 200] == []
    assert all("2 years" in r[5] for r in before if r[2] == EN)

    stale = [
        (path, cache)
        for _start, _end, path, _status, cache, body in after_english
        if (path in (EN, api) and "13 months" not in body)
        or (path == FR and "notice--behind" not in body and "13 mois" not in body)
    ]
    stale += [
        (path, cache)
        for _start, _end, path, _status, cache, body in after_french
        if path == FR and "13 mois" not in body
    ]
    assert stale == []
    # ...and the edge went on answering from its cache in between.
    assert any(r[4] == "HIT" for r in after_french)


def test_a_purge_from_another_address_is_refused(shared_with_the_stack):
    stack = shared_with_the_stack
    get(stack, FR)

    connection_ = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=10, source_address=("127.0.0.2", 0)
    )
    connection_.request("PURGE", FR, headers={"Host": "testserver"})
    refused = connection_.getresponse()
    connection_.close()

    assert refused.status == 405
    assert get(stack, FR)[1]["X-Cache"] == "HIT"


def test_with_gunicorn_stopped_the_edge_still_serves_the_page(shared_with_the_stack):
    stack = shared_with_the_stack
    first = get(stack, FR)
    try:
        stack.stop_app(kill=True)
        with pytest.raises(OSError):
            urlopen(stack.app_url("/healthz/"), timeout=2)  # noqa: S310

        status, headers, body = get(stack, FR)
    finally:
        stack.start_app()
        stack.wait_ready()

    assert status == 200
    assert body == first[2]
    assert headers["X-Cache"] == "HIT"
