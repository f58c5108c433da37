"""What the app keeps in Redis is bounded in time: a flood of unique addresses ages out.

Through the project's cache backend on a real Redis database of this test's
own (its size bound is Redis's: deploy/redis/policy.conf, checked with
make serve's Redis in tests/test_process_manager.py).
"""

import uuid

from django.core.cache import caches

import pytest
import redis

from tests.services import redis_url

REDIS = redis_url(12)


@pytest.fixture
def redis_cache(settings):
    prefix = f"bounded-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.redis_cache.ReusingRedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    caches["default"].close()
    client = redis.Redis.from_url(REDIS)
    yield client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def response_ttls(client, prefix):
    """Seconds to live of each response the app keeps under this prefix."""
    return [client.ttl(key) for key in client.scan_iter(f"{prefix}:*:response:*")]


def test_searches_and_404s_are_kept_ten_minutes_at_most(client, db, redis_cache):
    redis_client, prefix = redis_cache
    for number in range(30):
        assert client.get(f"/fr/recherche/?q=flood{number}").status_code == 200
        assert client.get(f"/en/no-such-page-{number}/").status_code == 404
    ttls = response_ttls(redis_client, prefix)
    assert len(ttls) == 60
    assert all(0 < ttl <= 600 for ttl in ttls)


def test_the_policy_is_kept_a_day(client, db, redis_cache):
    redis_client, prefix = redis_cache
    # Even when a newsletter's link brought the first reader (tracking parameters
    # make no new entry, and no shorter one).
    assert client.get("/en/privacy-and-cookies/?utm_source=news").status_code == 200
    ttls = response_ttls(redis_client, prefix)
    assert len(ttls) == 1 and 600 < ttls[0] <= 24 * 60 * 60
