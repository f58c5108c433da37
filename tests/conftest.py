"""What every test shares: the seeded database, people in each role, the production stack.

Running parts of the suite (the markers are declared in pyproject.toml):

    make test-fast                          everything but the two below, while you work
    .venv/bin/python -m pytest -m browser   the tests that drive Chromium (tests/browser/)
    .venv/bin/python -m pytest -m stack     those that start the production stack's programs
                                            (varnishd, gunicorn, supervisor, redis-server, the
                                            publishing loop) or run the deployment's commands
                                            (make manage, deploy/backup, systemd-analyze,
                                            varnishtest)
    make test                               all of them (PYTEST_ARGS="-m stack" for a part)

make test and make test-fast run one test process per CPU (pytest-xdist;
pytest_collection_modifyitems below says which tests run together).

Every test under tests/browser/ is marked `browser` (tests/browser/conftest.py)
and every test using the `stack` or `shared_with_the_stack` fixture is marked
`stack` (below); the other tests that start such programs are marked where
they are.

Where the real services are, from the environment (tests/services.py, with
the names the settings use):

    DATABASE_URL           PostgreSQL (postgres://postgres@127.0.0.1:5432/test);
                           pytest-django creates and drops test_<name>
    REDIS_URL              the Redis server (redis://127.0.0.1:6379); each test that
                           needs a real Redis uses a database number of its own there
    COOKIE_AUDIT_CHROMIUM  Chromium, for the browser tests and the audit (/usr/bin/chromium)

The test database is migrated and seeded once, then kept as a PostgreSQL
template that later runs with the same sources copy (tests/seeded_database.py).

What tests share lives in helper modules (tests/pages.py, tests/stack.py…)
and in fixtures here: no test module imports another (tests/test_tests_stand_alone.py).
"""

import io
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

import pytest
import time_machine

from tests import seeded_database
from tests import stack as real_stack
from tests.admin_forms import MAJOR_CHANGE_IN_FRENCH, publish_major_change
from tests.pages import english_policy, french_policy, translate_into_french
from tests.roles import client_for, user_in
from tests.upcoming import TODAY

# Tests that ask for these fixtures start the production stack.
STACK_FIXTURES = {"stack", "shared_with_the_stack"}


def commits(item):
    """True for a test whose database changes are committed, then emptied after it."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & fixtures
    )


def pytest_collection_modifyitems(items):
    """Mark `stack` every test that uses the production stack (-m stack, -m "not stack"),
    and say which process runs each test when they are spread (pytest-xdist,
    --dist loadgroup, --no-loadscope-reorder: groups handed out in the order
    of their first test).

    pytest-django runs the tests that read the seeded database first, then
    those that commit, each of which empties its process's database after
    it. So that no process runs one of the first after one of the second,
    the two kinds never share a group: a module's tests of each kind are a
    group (what a module shares, a browser or a site, is set up once per
    group), and the production stack's tests of each kind are one group, run
    in one process one after the other, as they share the machine's make
    serve database and its deployment commands.
    """
    for item in items:
        if STACK_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.stack)
        place = "stack" if item.get_closest_marker("stack") else item.path.as_posix()
        kind = "committed" if commits(item) else "seeded"
        item.add_marker(pytest.mark.xdist_group(f"{place}, {kind}"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """The test database is a copy of its seeded template when one matches
    the sources (tests/seeded_database.py), unless --create-db is given."""
    request.config.seed_digest = seeded_database.digest()
    request.config.seeded_from_template = not request.config.getvalue(
        "create_db"
    ) and seeded_database.use_template(request.config.seed_digest)


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """Seed the test database once, committed, as `make run` does.

    Tests that use `db` run inside a transaction that is rolled back, so each
    one starts from this seeded site. A database copied from its template is
    seeded already; a new one is kept as the template for the next run.
    """
    if request.config.seeded_from_template:
        return
    with django_db_blocker.unblock():
        call_command("seed_site", stdout=io.StringIO())
        seeded_database.keep_as_template(request.config.seed_digest)


@pytest.fixture(scope="session")
def production_static_root(tmp_path_factory):
    """Static files collected as production collects them (hashed names, manifest).

    Collected once for the whole run: tests that start the production
    settings in another process point STATIC_ROOT here.
    """
    from tests.production import PRODUCTION, run_with_settings

    static_root = tmp_path_factory.mktemp("static")
    result = run_with_settings(
        "production",
        "from django.core.management import call_command\n"
        "call_command('collectstatic', interactive=False, verbosity=0)",
        **PRODUCTION,
        STATIC_ROOT=str(static_root),
    )
    assert result.returncode == 0, result.stderr
    return static_root


@pytest.fixture
def en_policy(db):
    return english_policy()


@pytest.fixture
def fr_policy(db):
    return french_policy()


@pytest.fixture(autouse=True)
def empty_shared_cache():
    """Each test starts with nothing remembered: the database goes back to the
    seeded site after each test, and responses remembered from a test's own
    changes would outlive them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def uncached(settings):
    """Every request builds its response: for measuring what a cache miss costs."""
    settings.PUBLIC_RESPONSE_CACHE = False


@pytest.fixture(autouse=True)
def source_language():
    """Each test starts in English: a French request must not leak into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def editor(db):
    """Signed in as a member of the Editors group."""
    return client_for(user_in("Editors"))


@pytest.fixture
def approver(db):
    """Signed in as a member of the Approvers group."""
    return client_for(user_in("Approvers"))


@pytest.fixture
def translator(db):
    """Signed in as a member of the Translators group."""
    return client_for(user_in("Translators"))


@pytest.fixture
def in_january_2027():
    """Today is 12 January 2027 for the whole test, the admin's sign-in included.

    A change scheduled for 1 March 2027 (tests/upcoming.py) is then upcoming,
    with more notice than readers are promised.
    """
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def major_change(admin_client, en_policy):
    """The seeded policy, then a major change published on 4 March 2024: `_ga` lasts 13 months."""
    return publish_major_change(admin_client, en_policy)


@pytest.fixture
def translated_major_change(major_change, django_capture_on_commit_callbacks):
    """The major change, translated into French and published by localize."""
    translate_into_french(
        major_change, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )
    return major_change


@pytest.fixture(scope="session")
def stack(django_db_setup, production_static_root, tmp_path_factory):
    """The production stack (tests/stack.py) on the tests' database, for the whole run."""
    from django.db import connection

    log = tmp_path_factory.mktemp("stack") / "stack.log"
    started = real_stack.start_stack(
        connection.settings_dict,
        production_static_root,
        f"stack-test-{uuid.uuid4().hex[:8]}",
        log,
    )
    yield started
    started.stop()


@pytest.fixture
def shared_with_the_stack(stack, settings):
    """This process shares the stack's Redis and purges its edge, as the app does."""
    return real_stack.share_with(stack, settings)


class PurgeRecorder(BaseHTTPRequestHandler):
    """An HTTP server standing in for the edge's purge port: it notes each PURGE."""

    received = []

    def do_PURGE(self):
        self.received.append(
            (self.path, self.headers["Host"], self.headers["X-Content-Generation"])
        )
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge(settings):
    """Purges recorded by a real HTTP server configured as the edge."""
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "caching.edge.EdgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()
