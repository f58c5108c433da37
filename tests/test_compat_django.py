"""What compat/django.py relies on, checked against the installed Django.

Each test runs Django itself (a real PostgreSQL transaction, a real Redis)
on what the seam gives it; when an upgrade changes the behaviour, the test
fails naming the seam and what breaks.
"""

import uuid

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connection, transaction

import pytest
import redis

from compat.django import (
    on_commit_callbacks,
    redis_cache_client,
    redis_connection_pool,
    use_redis_client_class,
)
from tests.services import redis_url

# The tests' Redis (tests/services.py), a database of these checks' own.
REDIS = redis_url(13)


@pytest.mark.django_db
def test_django_run_on_commit_holds_the_transactions_callbacks():
    moved = (
        "connection.run_on_commit no longer holds the open transaction's "
        "on_commit callbacks as (savepoints, callback, robust): "
        "caching/changes.content_changed would purge the edge once per change "
        "instead of once per transaction; see compat/django.py on_commit_callbacks"
    )

    def kept():
        pass

    def dropped():
        pass

    try:
        with transaction.atomic():
            transaction.on_commit(kept)
            try:
                with transaction.atomic():
                    transaction.on_commit(dropped)
                    raise RuntimeError
            except RuntimeError:
                pass
            callbacks = on_commit_callbacks(connection)
    except (AttributeError, TypeError, IndexError):
        pytest.fail(moved)

    # The savepoint rolled back took its callback with it.
    assert kept in callbacks and dropped not in callbacks, moved


class CountingClient(RedisCacheClient):
    """Django's own client, counting the calls the cache makes through it."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self.calls = 0

    def get_client(self, key=None, *, write=False):
        self.calls += 1
        return super().get_client(key, write=write)


@pytest.fixture
def redis_prefix():
    prefix = f"compat-{uuid.uuid4().hex[:8]}"
    yield prefix
    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


def test_django_redis_cache_class_and_cache_are_its_client(redis_prefix):
    cache = RedisCache(REDIS, {"KEY_PREFIX": redis_prefix})

    use_redis_client_class(cache, CountingClient)
    cache.set("greeting", "bonjour")
    answer = cache.get("greeting")
    client = redis_cache_client(cache)

    assert answer == "bonjour"
    assert isinstance(client, CountingClient) and client.calls == 2, (
        "Django's RedisCache no longer makes its client from cache._class and "
        "keeps it in cache._cache: caching/redis_cache.py would neither reuse "
        "its Redis clients nor fail open when Redis is gone; see "
        "compat/django.py use_redis_client_class, redis_cache_client"
    )


def test_django_redis_client_get_connection_pool_is_the_pool_it_uses():
    client = RedisCacheClient([REDIS])

    for write in (True, False):
        pool = redis_connection_pool(client, write)
        assert isinstance(pool, redis.ConnectionPool)
        assert client.get_client(write=write).connection_pool is pool, (
            "RedisCacheClient.get_client no longer uses the pool that "
            "_get_connection_pool gives: caching/redis_cache.py would keep "
            "clients for pools Django does not use; see compat/django.py "
            "redis_connection_pool"
        )
    pool.disconnect()
