"""Seams in Django: see compat/__init__.py.

tests/test_compat_django.py checks each against the installed Django.
"""


def on_commit_callbacks(connection):
    """The callbacks transaction.on_commit holds for the transaction open on `connection`.

    Django keeps them in `connection.run_on_commit` as (savepoint ids,
    callback, robust) triples; a savepoint rolled back drops its own. There
    is no public way to ask what a transaction will run on commit:
    caching/changes.py looks there for the one purge a transaction's changes
    share, so that its commit is followed by one purge, not one per change.
    """
    return [entry[1] for entry in connection.run_on_commit]


def use_redis_client_class(cache, client_class):
    """Have Django's Redis cache `cache` make its client from `client_class`.

    RedisCache builds its client, on first use, from the class in
    `cache._class` (RedisCacheClient unless a subclass sets it), with the
    servers and OPTIONS; the cache has no setting for it.
    """
    cache._class = client_class


def redis_cache_client(cache):
    """The client object Django's Redis cache `cache` sends every call to.

    RedisCache makes it from `cache._class` on first use and keeps it in
    `cache._cache`; there is no public accessor.
    """
    return cache._cache


def redis_connection_pool(client, write):
    """The redis-py connection pool a Django RedisCacheClient uses for a read or a write.

    RedisCacheClient.get_client builds a new redis.Redis around
    `_get_connection_pool(write)` for every call; caching/redis_cache.py
    keeps one per pool instead, and needs the pool without building one.
    """
    return client._get_connection_pool(write)
