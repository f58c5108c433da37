"""The production settings in a new process, as a server starts them.

Tests of the settings, of the production stack and of what production
answers run code under config.settings.production (or another settings
module) in a Python process of its own, with exactly the environment given.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from tests.services import redis_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
# What production reads; a process starts without any of them unless it says so.
PRODUCTION_VARIABLES = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "TLS_TERMINATED_BY_PROXY",
    "API_CORS_ALLOWED_ORIGINS",
    "EMAIL_HOST",
    "HSTS_PRELOAD",
    "TRUSTED_PROXIES",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "ADMIN_REQUIRE_SECOND_FACTOR",
    "WAGTAILADMIN_BASE_URL",
}
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "www.example.com, example.com",
    "DATABASE_URL": "postgres://u@db.example.com:5432/policy",
    # The tests' Redis (tests/services.py), a database of these checks' own.
    "REDIS_URL": redis_url(4),
}


# How the process starts: every app, as a server does; or the settings alone.
START_EVERY_APP = "import django; django.setup()"
LOAD_SETTINGS = "from django.conf import settings; settings.INSTALLED_APPS"


def run_with_settings(module, code, prelude="", setup=True, **env):
    """Run `code` after django.setup() (and `prelude` before) with these settings and environment.

    With `setup=False` the process imports the settings and nothing else: what
    a server makes of its environment, and whether it refuses to start, is
    decided there, in a tenth of the time a full start of every app takes.
    """
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_VARIABLES
    }
    environment.update(DJANGO_SETTINGS_MODULE=f"config.settings.{module}", **env)
    return subprocess.run(  # noqa: S603 (the tests' own code, in a new process)
        [
            sys.executable,
            "-c",
            f"{prelude}\n{START_EVERY_APP if setup else LOAD_SETTINGS}\n{code}",
        ],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
