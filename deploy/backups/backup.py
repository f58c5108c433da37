"""deploy/backup: a consistent snapshot of the database and the media, checked, in a new folder."""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

from deploy.backups.database import count_rows, first_line, rows_in_dump, tool_version
from deploy.backups.files import app_version, archive_media, sha256
from deploy.backups.manifest import (
    BACKUP_NAME,
    DATABASE_FILE,
    FORMAT,
    MANIFEST,
    MEDIA_FILE,
    MEDIA_TABLES,
    NAME_PREFIX,
    SUMMARY,
    compare,
    summary_lines,
)
from deploy.backups.report import Refused, human_size, say
from deploy.backups.settings import settings_from


def backup(args):
    database, media_root = settings_from(args)
    target = Path(args.directory)
    if not target.is_dir():
        raise Refused(f"{target} is not a directory: create it, writable by this user")
    if not os.access(target, os.W_OK | os.X_OK):
        raise Refused(f"{target} is not writable by this user")
    server_version = database.check_reachable()

    started = datetime.datetime.now(datetime.UTC)
    name = NAME_PREFIX + started.strftime("%Y%m%dT%H%M%SZ")
    final = target / name
    if final.exists():
        raise Refused(f"{final} already exists")
    # Personal data and password hashes: readable by this user only.
    os.umask(0o077)
    # Written under another name, renamed when complete: a folder named
    # policy-... is always a whole backup, whatever stopped this one.
    partial = target / f".{name}.partial"
    try:
        partial.mkdir()
    except OSError as error:
        raise Refused(f"cannot write to {target}: {error.strerror}") from None
    try:
        manifest = write_backup(database, media_root, partial, server_version, started)
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise

    say(f"Backup written to {final}")
    say(f"  database.dump            {human_size(manifest['database']['bytes'])}")
    say(f"  media.tar.gz             {human_size(manifest['media']['bytes'])}")
    for line in summary_lines(manifest["tables"], manifest["media"]):
        say(line)
    if args.keep:
        prune(target, args.keep)
    return 0


def write_backup(database, media_root, folder, server_version, started):
    dump = folder / DATABASE_FILE
    say(f'Dumping the database "{database.name}" (PostgreSQL {server_version})...')
    # One snapshot for all: pg_dump dumps the one this transaction exports,
    # and the rows are counted in it, so that pages, revisions, versions and
    # translations are saved and counted as they were at one moment. pg_dump
    # waits at most five minutes for a lock (a migration running), rather
    # than hang the job.
    with database.session() as session:
        session.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        [[snapshot]] = session.query("SELECT pg_export_snapshot()")
        result = database.run(
            "pg_dump",
            "--format=custom",
            f"--snapshot={snapshot}",
            "--lock-wait-timeout=5min",
            f"--file={dump}",
            stdout=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            raise Refused(f"pg_dump failed: {first_line(result.stderr)}")
        tables = count_rows(session.query)
        session.query("COMMIT")

    # Read back, the dump must hold every row counted.
    dumped, migrations = rows_in_dump(dump)
    differ = compare(tables, dumped, "in the database", "in the dump")
    if differ:
        raise Refused(f"the dump does not hold every row: {'; '.join(differ)}")

    media_rows = sum(tables.get(table, 0) for table in MEDIA_TABLES)
    if not media_root.is_dir() and media_rows:
        raise Refused(
            f"MEDIA_ROOT {media_root} is not a folder, yet the database has "
            f"{media_rows} images, renditions or documents: is MEDIA_ROOT right?"
        )
    if media_root.is_dir():
        say(f"Archiving the media folder {media_root}...")
    else:
        say(f"No media folder at {media_root} yet: nothing uploaded, none to archive.")
    archive = folder / MEDIA_FILE
    files, file_bytes = archive_media(media_root, archive)

    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.datetime.now(datetime.UTC).isoformat(
            timespec="seconds"
        ),
        "app": app_version(),
        "database": {
            "file": DATABASE_FILE,
            "bytes": dump.stat().st_size,
            "sha256": sha256(dump),
            "name": database.name,
            "server_version": server_version,
            "pg_dump": tool_version("pg_dump"),
            "migrations": migrations,
        },
        "media": {
            "file": MEDIA_FILE,
            "bytes": archive.stat().st_size,
            "sha256": sha256(archive),
            "media_root": str(media_root),
            "files": files,
            "file_bytes": file_bytes,
        },
        "counts": {label: tables.get(table, 0) for label, table in SUMMARY.items()},
        "tables": tables,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def prune(target, keep):
    """Delete all but the newest `keep` complete backups in target."""
    backups = sorted(
        path
        for path in target.iterdir()
        if BACKUP_NAME.match(path.name) and (path / MANIFEST).is_file()
    )
    for old in backups[:-keep]:
        shutil.rmtree(old)
        say(f"Deleted the old backup {old.name} (keeping {keep})")
