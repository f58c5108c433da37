"""The seeded test database, kept as a PostgreSQL template between runs.

Migrating and seeding a new test database takes about 16 seconds, the same
every run. Once done, the database is copied to a template named after a
digest of everything that decides its content: our code (migrations, seed
data and the code that writes them), the settings, the installed packages'
versions. The next run whose digest is the same creates its test database as
a copy of that template (a file copy, under a second) and neither migrates nor
seeds; any change to what the digest covers builds a new one, and the old
templates of that database are dropped. `--create-db` ignores templates.
"""

import contextlib
import hashlib
import importlib.metadata
from pathlib import Path

from django.conf import settings
from django.db import connections

import psycopg
from psycopg import sql

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Every file of ours that can change what migrate and seed_site write: the
# apps' code and seed data, the settings, the catalogues seed_site reads,
# the project's requirements. The tests themselves are not among them.
SOURCES = ("*.py", "*.json", "*.po", "*.txt", "*.toml")
LEFT_OUT = ("tests", "docs", "artifacts", "build", "node_modules", ".venv", ".git")


def digest():
    """A digest of our sources and the installed packages' names and versions."""
    content = hashlib.sha256()
    paths = set()
    for top in PROJECT_DIR.iterdir():
        if top.name in LEFT_OUT:
            continue
        for pattern in SOURCES:
            found = [top] if top.match(pattern) else top.rglob(pattern)
            paths.update(p.relative_to(PROJECT_DIR) for p in found if p.is_file())
    for relative in sorted(paths):
        content.update(relative.as_posix().encode() + b"\0")
        content.update((PROJECT_DIR / relative).read_bytes() + b"\0")
    for distribution in sorted(
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in importlib.metadata.distributions()
    ):
        content.update(distribution.encode() + b"\0")
    return content.hexdigest()[:16]


def _admin_connection(database):
    """A connection to the server's `postgres` database, with `database`'s credentials."""
    return psycopg.connect(
        dbname="postgres",
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        autocommit=True,
    )


def template_name(test_name, fingerprint):
    # PostgreSQL names are at most 63 bytes: the test database's name is cut.
    return f"{test_name[:40]}_seeded_{fingerprint}"


def templates(database, test_name):
    """The seeded templates of `test_name` on the server."""
    with _admin_connection(database) as connection:
        rows = connection.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [f"{test_name[:40]}_seeded_%"],
        )
        return {name for (name,) in rows}


def use_template(fingerprint):
    """Create the test database from its seeded template if there is one; True if so."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return False
    test_name = database["TEST"].get("NAME") or f"test_{database['NAME']}"
    template = template_name(test_name, fingerprint)
    if template not in templates(database, test_name):
        return False
    # Django creates the test database as a copy of TEMPLATE, and with
    # MIGRATE off only creates tables that are missing: none.
    database["TEST"]["TEMPLATE"] = template
    database["TEST"]["MIGRATE"] = False
    return True


def keep_as_template(fingerprint):
    """Copy the seeded test database to its template; drop the older templates."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    database = connection.settings_dict
    test_name = database["NAME"]
    template = template_name(test_name, fingerprint)
    # A database is copied only while nobody is connected to it.
    connections.close_all()
    with _admin_connection(database) as admin:
        for old in templates(database, test_name) - {template}:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(old))
            )
        # Another run of the same sources may have made it meanwhile.
        with contextlib.suppress(psycopg.errors.DuplicateDatabase):
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(template), sql.Identifier(test_name)
                )
            )
