"""The real production stack for the tests: Varnish in front of gunicorn, Redis, PostgreSQL.

gunicorn runs the production settings on the tests' database and shares a
Redis cache with this process, so that a publication made here reaches it as
one made in the admin would: a new content generation, then a PURGE to the
edge once committed. Nothing is imitated: the edge is deploy/varnish/policy.vcl
in varnishd, started by deploy/harness.py, with the languages and query
parameters of this process's settings (manage.py edge_vcl's). The fixtures (`stack`,
`shared_with_the_stack`) are in tests/conftest.py.
"""

import http.client
import io
import socket
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command

from caching.management.commands.edge_vcl import edge_facts
from deploy.harness import Stack
from deploy.stack import free_port
from tests.production import PRODUCTION
from tests.services import redis_url
from tests.waiting import wait_until

# The tests' Redis (tests/services.py), a database of the stack's own.
REDIS_URL = redis_url(3)
COMPANY_SITE = "https://www.company.example"


def stack_environment(database, static_root, cache_prefix, **env):
    """The production settings on this database, with a Redis prefix of their own."""
    return {
        **PRODUCTION,
        # Said explicitly: pytest's own (config.settings.test) is in the environment.
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # Sessions made in this process (Client.force_login) are read there.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": cache_prefix,
        "TLS_TERMINATED_BY_PROXY": "on",
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "2",
        # The company's site whose banner sends consent records here.
        "CONSENT_ALLOWED_ORIGINS": COMPANY_SITE,
        **env,
    }


def start_stack(database, static_root, cache_prefix, log, **env):
    """A started Stack on free ports (deploy/harness.py)."""
    environment = stack_environment(database, static_root, cache_prefix, **env)
    return Stack(
        port=free_port(),
        app_port=free_port(),
        env=environment,
        output=log,
        edge_facts=edge_facts(),
    ).start()


def share_with(stack, settings):
    """This process uses the stack's Redis and purges its edge, as the app does."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": stack.env["REDIS_URL"],
            "KEY_PREFIX": stack.env["CACHE_KEY_PREFIX"],
        }
    }
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "caching.edge.EdgeBackend",
            "LOCATION": f"http://127.0.0.1:{stack.port}",
        }
    }
    caches["default"].close()
    # The database is emptied after each test: the seeded site again,
    # committed (and so published) for gunicorn to read.
    call_command("seed_site", stdout=io.StringIO())
    caches["default"].clear()
    stack.varnishadm("ban", "req.url", "~", ".")
    return stack


def get(stack, path, source="127.0.0.1", headers=None, method="GET", body=None):
    """(status, headers, body) of one request through the edge."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request(
            method,
            path,
            body=body,
            headers={"Host": f"127.0.0.1:{stack.port}", **(headers or {})},
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def raw_request(port, data, timeout=10):
    """Send these bytes as they are; the status of the answer (0: closed without one)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        while b"\r\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                return 0
            received += chunk
    status_line = received.split(b"\r\n", 1)[0].split()
    return int(status_line[1]) if len(status_line) > 1 else 0


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

    def wait_for_responses(self, since, count, timeout=60):
        """Returns once `count` requests sent after `since` (time.monotonic()) are answered."""
        wait_until(
            lambda: (
                sum(1 for response in self.responses if response[0] > since) >= count
            ),
            timeout,
            f"the reader did not get {count} answers",
        )

    def stop(self):
        self.running = False
        self.join(timeout=30)
