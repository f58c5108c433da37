"""Tests: PostgreSQL, as in production, unless DATABASE_URL names another database."""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests sign in with force_login or a password alone; those of the second
# factor (tests/test_two_factor.py, tests/browser/test_two_factor.py) turn it on.
ADMIN_REQUIRE_SECOND_FACTOR = False
# This process keeps its cache in memory whatever REDIS_URL says: the tests
# read REDIS_URL only to find the Redis server their real-Redis tests use
# (tests/services.py), each on a database of its own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
