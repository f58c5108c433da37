"""The content generation: one token for the public content as it is now.

What the public reads changes only when something is published, unpublished,
moved, deleted or put behind a password (caching/changes.py). Each of those
gives the site a new *content generation*, a number kept in the shared cache
(Redis in production) that only grows. It is in the key of every response the
app remembers (caching/middleware.py) and in every ETag it sends, and the edge
refuses a response from an older one than its last purge (caching/edge.py): a
new generation makes every remembered response unreachable and every ETag
outdated at once, in every process.
"""

import contextvars
import threading
import time

from django.core.cache import cache

GENERATION_KEY = "public-content-generation"
GENERATION_HEADER = "X-Content-Generation"

# The generation a public request is answered in, read once by the middleware:
# everything it remembers belongs to that generation.
request_generation = contextvars.ContextVar("request_generation", default=None)

# Seconds an edge cache may keep a public response (it is purged when anything
# public changes); the app remembers what it computes as long.
EDGE_MAX_AGE = 24 * 60 * 60
# Seconds a value remembered for one generation stays in the cache, unused.
MEMO_TIMEOUT = EDGE_MAX_AGE


def _first_generation():
    # The time in units of 10 µs (15 digits until the year 2286, the most an
    # HTTP structured-field integer, as the edge reads it, may have): after
    # the cache was emptied the count starts above any value it reached
    # before, so an old ETag never matches new content.
    return time.time_ns() // 10_000


# How many times this process found the shared cache gone, as far as it has
# dealt with it (see content_generation).
_outages_seen = 0
_outages_lock = threading.Lock()


def content_generation():
    """The token of the public content as it is now: a number that only grows.

    None when the shared cache does not answer (caching/redis_cache.py): then
    nothing is known about the content's freshness, and nothing may be kept.
    """
    global _outages_seen
    outages = getattr(cache, "outages", 0)
    generation = cache.get(GENERATION_KEY)
    if not isinstance(generation, int):
        # Not there yet, evicted, or left by an older version of this code.
        cache.set(GENERATION_KEY, _first_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
        if not isinstance(generation, int):
            return None
    if outages != _outages_seen:
        # The cache was away and is back. A change published meanwhile could
        # not start a new generation, and what the cache holds from before
        # would pass for current: start one now, no lower than the time, as
        # the purge sent meanwhile told the edge (unknown_generation). After
        # a Redis restart the count starts afresh anyway; one generation too
        # many costs a cold cache, one too few a stale site.
        with _outages_lock:
            if outages != _outages_seen:
                try:
                    generation = cache.incr(
                        GENERATION_KEY, max(1, _first_generation() - generation)
                    )
                except ValueError:  # gone again
                    return None
                _outages_seen = outages
    return str(generation)


def unknown_generation():
    """What to tell the edge when a change is purged while the cache is away.

    The time, in the generation's units: above the count the cache held
    before it went away (which started from the time and grows by one per
    change), so the edge refuses a response rendered in that generation,
    from content as it was before this change. Once the cache is back, the
    generation starts again from the time (content_generation).
    """
    return str(_first_generation())


def remember(name, compute, timeout=None):
    """compute()'s value in the current content generation, from the shared cache.

    For what changes only when something public changes (the page tree, the
    sites, who may see what): it is computed once per generation and shared
    by every process. `compute` must return something the cache can pickle,
    and not None.
    """
    generation = request_generation.get() or content_generation()
    if generation is None:
        # The shared cache does not answer: nothing remembered can be trusted.
        return compute()
    key = f"generation:{generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout if timeout is not None else MEMO_TIMEOUT)
    return value


def start_new_generation():
    # Atomic in the shared cache: two processes changing content at once get
    # two different generations.
    content_generation()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # evicted in between
        cache.set(GENERATION_KEY, _first_generation(), timeout=None)
