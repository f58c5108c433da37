"""Load balancers and the edge ask /healthz/ whether the app can serve pages."""

from django.core.cache import caches
from django.db import connection

import pytest

from tests.services import redis_url


def test_healthy_app_says_ok_and_is_never_kept(client, db):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def project_cache(location):
    return {
        "default": {
            "BACKEND": "caching.redis_cache.ReusingRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "health-test",
        }
    }


def test_with_redis_answering_the_app_says_ok(client, db, settings):
    settings.CACHES = project_cache(redis_url(10))
    caches["default"].close()

    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_without_redis_the_app_serves_and_says_it_is_degraded(client, db, settings):
    # The project's Redis backend, pointed at a port nothing listens on: the
    # site serves without its cache, so the edge must keep sending visitors.
    settings.CACHES = project_cache("redis://127.0.0.1:1/0")
    caches["default"].close()

    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"degraded: cache unavailable\n"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_without_its_database_the_app_is_unavailable(client):
    settings_dict = connection.settings_dict
    port = settings_dict.get("PORT")
    connection.close()
    settings_dict["PORT"] = "1"
    try:
        response = client.get("/healthz/")
    finally:
        connection.close()
        settings_dict["PORT"] = port

    assert response.status_code == 503
    assert response.content == b"unavailable\n"
