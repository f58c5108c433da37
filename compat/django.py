"""Seams in Django: see compat/__init__.py.

tests/test_compat_django.py checks each against the installed Django.
"""


def outermost_atomic_block(connection):
    """The outermost atomic block open on `connection`: one per transaction.

    Django lists the open blocks in `connection.atomic_blocks`, outermost
    first. transaction.on_commit runs its callback after the outermost block
    commits but says nothing of which transaction it belongs to, and
    `in_atomic_block` only whether there is one; savepoint ids change with
    each nested block. caching/changes.py groups a transaction's changes by
    this block, so that its commit is followed by one purge.
    """
    return connection.atomic_blocks[0]


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
