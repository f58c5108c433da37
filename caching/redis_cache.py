"""Django's Redis cache backend, reusing its clients and failing open.

Django builds a new `redis.Redis` object for every cache call, and building
one costs more than the round trip to Redis for a small value. The client is
thread-safe and holds no connection of its own (the pool does), so one per
pool serves every call. The public cache reads Redis on every request.

Redis is a cache here, never a store: when it does not answer (stopped,
unreachable, too slow), every call behaves as a miss. `get` gives the
default, `add`, `set`, `touch` and `delete` do nothing, `incr` says the key
is missing (ValueError, as for a miss), and the site goes on serving from the
database. So that a dead Redis does not cost a connection timeout on every
call, a failure opens a circuit breaker: for `breaker_seconds` (OPTIONS,
5 s unless given) calls skip Redis altogether, then one call tries again.
One warning is logged when Redis goes away and one when it comes back.

The timeouts and retries are redis-py's own connection options, given in
OPTIONS (site/settings/base.py); the defaults below apply when they are not.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis import Redis
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from compat.django import (
    redis_cache_client,
    redis_connection_pool,
    use_redis_client_class,
)

logger = logging.getLogger(__name__)

# What a cache that cannot wait long needs from redis-py: a refused or
# silent server is given up on within a second, and one retry on a fresh
# connection covers a pooled connection that Redis closed (a restart). A
# timeout is not retried: a second one would double the wait.
DEFAULT_OPTIONS = {
    "socket_connect_timeout": 0.5,
    "socket_timeout": 1.0,
    "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
}
DEFAULT_BREAKER_SECONDS = 5.0

# Errors that mean "Redis is not there", not "this call was wrong".
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


def _without_credentials(location):
    """Redis addresses as the log may show them: no user name or password."""
    addresses = []
    for server in location.split(","):
        parts = urlsplit(server)
        if parts.password or parts.username:
            host = parts.hostname or ""
            netloc = host + (f":{parts.port}" if parts.port else "")
            server = urlunsplit(parts._replace(netloc=netloc))
        addresses.append(server)
    return ",".join(addresses)


class Breaker:
    """Whether Redis at one location is worth asking, shared by every thread.

    Closed while Redis answers. The first failure opens it: calls skip Redis
    until `seconds` have passed, then one call (and one only) tries Redis
    again. `outages` counts the times it opened, so that users of the cache
    can tell that they missed something while it was away.
    """

    def __init__(self, location, seconds):
        self.location = _without_credentials(location)
        self.seconds = seconds
        self.outages = 0
        self._down = False
        self._retry_at = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return self._down

    def allow(self):
        """Whether this call may ask Redis."""
        if not self._down:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._retry_at:
                return False
            # This call tries; the others keep skipping until it tells.
            self._retry_at = now + self.seconds
            return True

    def failed(self, error):
        with self._lock:
            self._retry_at = time.monotonic() + self.seconds
            if self._down:
                return
            self._down = True
            self.outages += 1
        logger.warning(
            "The cache (Redis at %s) does not answer: serving without it, "
            "trying again every %g s. %s: %s",
            self.location,
            self.seconds,
            type(error).__name__,
            error,
        )

    def succeeded(self):
        if not self._down:
            return
        with self._lock:
            if not self._down:
                return
            self._down = False
        logger.warning("The cache (Redis at %s) answers again.", self.location)


# One breaker per Redis location in this process: Django makes a cache
# object per thread, and they all talk to the same Redis.
_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location, seconds):
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = Breaker(location, seconds)
        breaker.seconds = seconds
        return breaker


def _fail_open(fallback):
    """Run the Redis call unless the breaker is open; on failure, `fallback(*args)`."""

    def decorate(method):
        def guarded(self, *args, **kwargs):
            breaker = self._breaker
            if not breaker.allow():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                breaker.failed(error)
                return fallback(*args, **kwargs)
            breaker.succeeded()
            return result

        guarded.__name__ = method.__name__
        guarded.__doc__ = method.__doc__
        return guarded

    return decorate


def _missing_key(key, delta):
    raise ValueError(f"Key '{key}' not found: the cache does not answer.")


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, breaker_seconds=DEFAULT_BREAKER_SECONDS, **options):
        super().__init__(servers, **{**DEFAULT_OPTIONS, **options})
        self._clients = {}
        self._breaker = breaker_for(",".join(servers), float(breaker_seconds))

    def get_client(self, key=None, *, write=False):
        pool = redis_connection_pool(self, write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = Redis(connection_pool=pool)
        return client

    get = _fail_open(lambda key, default: default)(RedisCacheClient.get)
    add = _fail_open(lambda key, value, timeout: False)(RedisCacheClient.add)
    set = _fail_open(lambda key, value, timeout: None)(RedisCacheClient.set)
    touch = _fail_open(lambda key, timeout: False)(RedisCacheClient.touch)
    delete = _fail_open(lambda key: False)(RedisCacheClient.delete)
    get_many = _fail_open(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _fail_open(lambda key: False)(RedisCacheClient.has_key)
    incr = _fail_open(_missing_key)(RedisCacheClient.incr)
    set_many = _fail_open(lambda data, timeout: None)(RedisCacheClient.set_many)
    delete_many = _fail_open(lambda keys: None)(RedisCacheClient.delete_many)
    clear = _fail_open(lambda: False)(RedisCacheClient.clear)


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        use_redis_client_class(self, ReusingRedisCacheClient)

    @property
    def available(self):
        """False while Redis is known not to answer (the breaker is open)."""
        return not redis_cache_client(self)._breaker.is_open

    @property
    def outages(self):
        """How many times this process found Redis gone."""
        return redis_cache_client(self)._breaker.outages
