"""Where the real services the tests use are: from the environment, with this machine's defaults.

The same variables as the settings (site/settings/base.py), so that one
setting serves both: COOKIE_AUDIT_CHROMIUM names the Chromium that the
browser tests and the cookie audit drive; REDIS_URL names the Redis server
whose databases the tests that need a real Redis use (each test a database
number of its own, so that runs of different tests never read each other's
keys). PostgreSQL comes from DATABASE_URL (site/settings/test.py).
"""

import os
from urllib.parse import urlsplit, urlunsplit

CHROMIUM = os.environ.get("COOKIE_AUDIT_CHROMIUM", "/usr/bin/chromium")
REDIS_SERVER = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")


def redis_url(database):
    """The address of database number `database` on REDIS_URL's server."""
    server = urlsplit(REDIS_SERVER)
    return urlunsplit((server.scheme, server.netloc, f"/{database}", server.query, ""))
