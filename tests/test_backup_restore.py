"""deploy/backup and deploy/restore, run for real: PostgreSQL in, PostgreSQL out.

The site is backed up with the commands an operator runs, restored into a new
empty database, and read back from there: rows, texts, accounts, media files
and the rendered French policy.
"""

import io
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection

from wagtail.documents.models import Document
from wagtail.images.models import Image

import psycopg
import pytest
from bs4 import BeautifulSoup
from PIL import Image as PillowImage

from access.roles import EDITORS
from policy.models import PolicyVersion
from tests.admin_forms import (
    MAJOR_CHANGE_DATE,
    MAJOR_CHANGE_IN_FRENCH,
    MAJOR_CHANGE_NOTE,
    MAJOR_CHANGE_NOTE_FR,
    publish_major_change,
)
from tests.backup_commands import BACKUP, RESTORE, run
from tests.pages import (
    cookie_duration,
    english_policy,
    translate_into_french,
    visible_text,
)
from tests.roles import user_in

PROJECT_DIR = Path(__file__).resolve().parent.parent

FR_POLICY = "/fr/confidentialite-et-cookies/"
EN_POLICY = "/en/privacy-and-cookies/"

# The deployment's own backup and restore scripts (pg_dump, pg_restore), run as an operator runs them.
pytestmark = pytest.mark.stack


# Databases -----------------------------------------------------------------


def connection_options(name):
    """libpq options for the database `name` on the tests' PostgreSQL server."""
    settings = connection.settings_dict
    options = {
        "dbname": name,
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"],
        "port": settings["PORT"],
    }
    return {key: value for key, value in options.items() if value}


def database_url(name):
    settings = connection.settings_dict
    user = quote(settings["USER"] or "", safe="")
    password = quote(settings["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}{host}:{settings['PORT'] or 5432}/{name}"


def all_rows(name):
    """Every row of every table of a database, as text: {table: sorted rows}."""
    with psycopg.connect(**connection_options(name)) as db:
        tables = [
            table
            for (table,) in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return {
            table: sorted(
                row
                for (row,) in db.execute(
                    f'SELECT t::text FROM public."{table}" AS t'  # noqa: S608 (catalogue names)
                )
            )
            for table in tables
        }


def query(name, sql, *params):
    with psycopg.connect(**connection_options(name)) as db:
        return db.execute(sql, params).fetchall()


# Run by manage.py shell: the app answers each path, as to a visitor.
SERVE = """
import json, os
from django.test import Client

client = Client()
answers = {}
for path in json.loads(os.environ["PATHS"]):
    response = client.get(path)
    answers[path] = [response.status_code, response.content.decode()]
print(json.dumps(answers))
"""


def render(database, *paths):
    """{path: (status, html)} of pages served by the app from another database."""
    environment = {
        key: value
        for key, value in os.environ.items()
        # A shared cache would answer with pages remembered from the source.
        if key not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(  # noqa: S603 (this interpreter, the project's manage.py)
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SERVE],
        cwd=PROJECT_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url(database),
            "PATHS": json.dumps(paths),
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return {path: tuple(answer) for path, answer in json.loads(result.stdout).items()}


# Fixtures -------------------------------------------------------------------


@pytest.fixture
def committed_site(transactional_db):
    """The seeded site, committed: pg_dump reads the database from outside the test.

    pytest-django empties the database after a transactional test (and runs
    them after the others); an earlier one may have emptied it already, so
    the site is seeded again here, as the browser tests do. seed_site
    rebuilds it from nothing, and changes nothing when it is still there.
    """
    call_command("seed_site", stdout=io.StringIO())


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads written to a real folder, as in production (the tests keep them in memory)."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root


@pytest.fixture
def new_database():
    """A brand-new empty database, dropped afterwards."""
    name = f"backup_restore_{secrets.token_hex(4)}"
    with psycopg.connect(**connection_options("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(**connection_options("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def png_bytes():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (3, 2), (200, 30, 60)).save(buffer, "PNG")
    return buffer.getvalue()


# The test -------------------------------------------------------------------


def test_a_backup_restores_the_whole_site_into_an_empty_database(
    committed_site,
    admin_client,
    django_capture_on_commit_callbacks,
    media_root,
    new_database,
    tmp_path,
):
    # The site as a year of use leaves it: a major change published in
    # English and translated into French, someone in a group, uploads.
    english = publish_major_change(admin_client, english_policy())
    translate_into_french(
        english, MAJOR_CHANGE_IN_FRENCH, django_capture_on_commit_callbacks
    )
    editor = user_in(EDITORS, "restored-editor")
    leaflet = secrets.token_bytes(2048)
    document = Document.objects.create(
        title="Leaflet", file=ContentFile(leaflet, name="leaflet.pdf")
    )
    image = Image.objects.create(
        title="Logo", file=ImageFile(io.BytesIO(png_bytes()), name="logo.png")
    )
    uploads = {
        document.file.name: leaflet,
        image.file.name: (media_root / image.file.name).read_bytes(),
    }
    source = connection.settings_dict["NAME"]
    versions = sorted(
        (v.page.locale.language_code, v.number, v.published_at, v.change_note)
        for v in PolicyVersion.objects.select_related("page__locale")
    )
    assert len(versions) == 4  # two languages, each first published then changed

    # Back up, as cron does.
    backups = tmp_path / "backups"
    backups.mkdir()
    made = run(
        BACKUP,
        "--quiet",
        backups,
        DATABASE_URL=database_url(source),
        MEDIA_ROOT=media_root,
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout == made.stderr == ""
    (backup,) = backups.iterdir()
    assert sorted(p.name for p in backup.iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar.gz",
    ]
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["policy versions"] == 4
    assert manifest["counts"]["users"] == get_user_model().objects.count()
    assert manifest["media"]["files"] == 2

    checked = run(RESTORE, "--check", backup)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Restore into a new, empty database and media folder; not over files.
    occupied = tmp_path / "occupied-media"
    occupied.mkdir()
    (occupied / "keep.txt").write_text("someone's file")
    refused = run(
        RESTORE, backup, DATABASE_URL=database_url(new_database), MEDIA_ROOT=occupied
    )
    assert refused.returncode == 1
    assert refused.stderr == (
        f"restore: the media folder {occupied} is not empty; restore only into "
        "an empty or missing folder (move it aside first)\n"
    )
    assert query(
        new_database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    ) == [(0,)]

    restored_media = tmp_path / "restored-media"
    restored = run(
        RESTORE,
        backup,
        DATABASE_URL=database_url(new_database),
        MEDIA_ROOT=restored_media,
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Restored, and it matches the backup's manifest" in restored.stdout

    # Every row of every table is back, as it was: pages, revisions, versions,
    # localize's sources, strings and translations, accounts, groups and their
    # permissions, the workflow, search entries, uploads' records...
    assert all_rows(new_database) == all_rows(source)

    # ...and in particular what readers and editors rely on.
    assert query(
        new_database,
        "SELECT p.title, l.language_code, r.id IS NOT NULL FROM wagtailcore_page p"
        " JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " JOIN wagtailcore_revision r ON r.id = p.live_revision_id"
        " WHERE p.depth > 1 ORDER BY p.path",
    ) == [
        ("DMJ Computer Services", "en", True),
        ("Privacy and Cookies", "en", True),
        ("DMJ Computer Services", "fr", True),
        ("Confidentialité et Cookies", "fr", True),
    ]
    assert (
        sorted(
            query(
                new_database,
                "SELECT l.language_code, v.number, v.published_at, v.change_note"
                " FROM policy_policyversion v JOIN wagtailcore_page p ON p.id = v.page_id"
                " JOIN wagtailcore_locale l ON l.id = p.locale_id",
            )
        )
        == versions
    )
    assert [(lang, n, at.date(), note) for lang, n, at, note in versions[1::2]] == [
        ("en", 2, MAJOR_CHANGE_DATE.date(), MAJOR_CHANGE_NOTE),
        ("fr", 2, MAJOR_CHANGE_DATE.date(), MAJOR_CHANGE_NOTE_FR),
    ]
    french_texts = {
        text
        for (text,) in query(
            new_database,
            "SELECT t.data FROM wagtail_localize_stringtranslation t"
            " JOIN wagtailcore_locale l ON l.id = t.locale_id"
            " WHERE l.language_code = 'fr'",
        )
    }
    assert {"13 mois", MAJOR_CHANGE_NOTE_FR} <= french_texts
    assert query(
        new_database,
        "SELECT u.password, g.name FROM auth_user u"
        " JOIN auth_user_groups ug ON ug.user_id = u.id"
        " JOIN auth_group g ON g.id = ug.group_id WHERE u.username = %s",
        "restored-editor",
    ) == [(editor.password, EDITORS)]
    for name, content in uploads.items():
        assert (restored_media / name).read_bytes() == content

    # The app serves the restored database: the French policy with the
    # translated change, its history, and search through the restored index.
    pages = render(
        new_database,
        FR_POLICY,
        FR_POLICY + "historique/",
        EN_POLICY,
        "/fr/recherche/?q=13+mois",
    )
    assert {status for status, _html in pages.values()} == {200}
    french = soup_of(pages[FR_POLICY])
    assert cookie_duration(french, "_ga") == "13 mois"
    assert "4 mars 2024" in visible_text(french.select_one(".policy-meta"))
    history = soup_of(pages[FR_POLICY + "historique/"])
    assert [visible_text(entry.p) for entry in history.select(".history__entry")] == [
        MAJOR_CHANGE_NOTE_FR,
        "Première publication.",
    ]
    assert cookie_duration(soup_of(pages[EN_POLICY]), "_ga") == "13 months"
    results = soup_of(pages["/fr/recherche/?q=13+mois"])
    assert FR_POLICY + "#use-of-cookies" in [
        item.h2.a["href"] for item in results.select("main ol.search-results > li")
    ]

    # Restoring again would overwrite: refused, naming the database, and
    # nothing is touched.
    again = run(
        RESTORE,
        backup,
        DATABASE_URL=database_url(new_database),
        MEDIA_ROOT=tmp_path / "other-media",
    )
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1
    assert f'"{new_database}" already has' in again.stderr
    assert not (tmp_path / "other-media").exists()


def soup_of(answer):
    """A page served by render(), parsed."""
    _status, html = answer
    return BeautifulSoup(html, "html.parser")
