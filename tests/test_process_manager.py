"""`make serve` under supervisor: a process that stops is restarted and the site goes on.

The stack is started as `make serve` starts it (deploy/serve.py, ServedStack:
its own Redis, gunicorn, the edge and the scheduler, each a supervisor
program), on free ports and the tests' database. Failures are real: processes
killed with SIGKILL, PostgreSQL connections ended with pg_terminate_backend.
"""

import datetime
import os
import signal
import subprocess
import uuid

from django.db import connection
from django.utils import timezone

import pytest
import redis

from caching.management.commands.edge_vcl import edge_facts
from deploy.serve import ServedStack
from deploy.stack import free_port
from tests.admin_forms import set_cookie_duration
from tests.pages import english_policy
from tests.stack import get, share_with, stack_environment
from tests.waiting import wait_until

EN = "/en/privacy-and-cookies/"
FR = "/fr/confidentialite-et-cookies/"

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def served(
    django_db_setup, django_db_blocker, production_static_root, tmp_path_factory
):
    redis_port = free_port()
    env = stack_environment(
        connection.settings_dict,
        production_static_root,
        f"served-{uuid.uuid4().hex[:8]}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
    )
    log = tmp_path_factory.mktemp("served") / "served.log"
    with (
        django_db_blocker.unblock(),
        ServedStack(
            port=free_port(),
            app_port=free_port(),
            env=env,
            redis_port=redis_port,
            prepare=False,
            output=str(log),
            scheduler_interval=1,
            edge_facts=edge_facts(),
        ) as stack,
    ):
        stack.log = log
        yield stack


@pytest.fixture
def served_site(served, settings):
    """The seeded site, committed, behind a fresh edge that sees the app (as shared_with_the_stack)."""
    wait_until(
        lambda: edge_sees_the_app_healthy(served),
        60,
        "the edge did not see the app healthy",
    )
    return share_with(served, settings)


def edge_sees_the_app_healthy(served):
    """What the edge's health probe says; not yet while varnishadm cannot reach
    an edge's new manager (just restarted)."""
    try:
        return served.app_is_healthy()
    except subprocess.CalledProcessError:
        return False


def answers_uncached(served):
    """The edge sees the app healthy, and answers a search it cannot have kept."""
    return (
        edge_sees_the_app_healthy(served)
        and get(served, f"/fr/recherche/?q={uuid.uuid4().hex[:8]}")[0] == 200
    )


def pids(stack):
    return {
        name: stack.supervisor.info(name)["pid"]
        for name in ("redis", "app", "edge", "scheduler")
    }


def test_redis_is_bounded_in_memory(served_site):
    client = redis.Redis(port=served_site.redis_port)
    assert client.config_get("maxmemory")["maxmemory"] == str(256 * 1024 * 1024)
    assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"


@pytest.mark.parametrize("name", ["app", "scheduler", "edge", "redis"])
def test_a_killed_process_is_restarted_and_the_site_goes_on(served_site, name):
    served = served_site
    page = get(served, FR)
    assert page[0] == 200
    before = pids(served)

    os.kill(before[name], signal.SIGKILL)
    if name != "edge":
        # Meanwhile the edge answers from what it holds.
        status, _headers, body = get(served, FR)
        assert status == 200 and body == page[2]

    served.supervisor.wait_running(name, other_than=before[name])
    wait_until(
        lambda: answers_uncached(served),
        60,
        f"no uncached search was answered after {name} was restarted",
    )
    assert get(served, FR)[0] == 200
    # Only that process was restarted.
    after = pids(served)
    assert {n for n in after if after[n] != before[n]} == {name}


def test_postgresql_connections_ended_stop_nothing(served_site):
    served = served_site
    # The app's workers have a connection open (uncached searches), the
    # scheduler too.
    for _ in range(8):
        assert get(served, f"/fr/recherche/?q={uuid.uuid4().hex[:8]}")[0] == 200
    before = pids(served)
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        ended = cursor.fetchone()[0]
    assert ended >= 1

    # Uncached requests are answered again (each worker reconnects).
    wait_until(
        lambda: get(served, f"/fr/recherche/?q={uuid.uuid4().hex[:8]}")[0] == 200,
        60,
        "no uncached search was answered after the connections were ended",
    )
    for number in range(6):
        status, headers, _ = get(served, f"/api/v2/pages/?limit={number + 1}")
        assert status == 200 and headers["X-Cache"] != "HIT"
    # The scheduler goes on publishing (a round a second): its next round met
    # the ended connection, a later one publishes a change scheduled now, and
    # readers get it through the edge.
    english = english_policy()
    set_cookie_duration(english, "_ga", "13 months")
    english.save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    wait_until(
        lambda: "13 months" in get(served, EN)[2],
        60,
        "the scheduler did not publish the change scheduled after the connections "
        "were ended",
    )
    assert pids(served) == before
    assert all(
        served.supervisor.info(name)["statename"] == "RUNNING" for name in before
    )
