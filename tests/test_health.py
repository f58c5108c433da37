"""Load balancers and the edge ask /healthz/ whether the app can serve pages."""

from django.core.cache import caches
from django.db import connection

import pytest


def test_healthy_app_says_ok_and_is_never_kept(client, db):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_without_its_cache_the_app_is_unavailable_and_says_no_more(
    client, db, settings
):
    # A real Redis client, pointed at a port nothing listens on.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    caches["default"].close()

    response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.content == b"unavailable\n"


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
