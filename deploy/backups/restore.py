"""deploy/restore: a backup into an empty database and media folder, checked against its manifest."""

import tarfile
from pathlib import Path

from deploy.backups.database import count_rows, first_line, rows_in_dump, tables
from deploy.backups.files import media_files
from deploy.backups.manifest import compare, describe, read_backup
from deploy.backups.report import EXIT_COUNTS_DIFFER, Refused, Report, say
from deploy.backups.settings import settings_from


def check(args):
    """Check a backup without restoring it: checksums, and the dump reads back whole."""
    manifest = read_backup(args.backup)
    folder = Path(args.backup)
    tables, _migrations = rows_in_dump(folder / manifest["database"]["file"])
    differ = compare(manifest["tables"], tables, "in the manifest", "in the dump")
    with tarfile.open(folder / manifest["media"]["file"]) as tar:
        files = sum(1 for member in tar if member.isreg())
    if files != manifest["media"]["files"]:
        differ.append(
            f"media files: {manifest['media']['files']} listed, {files} in the archive"
        )
    describe(manifest)
    if differ:
        Report.refuse(f"{folder}: the dump does not hold what the manifest lists:")
        for line in differ:
            Report.refuse(f"  {line}")
        return EXIT_COUNTS_DIFFER
    say(f"{folder}: checksums match and the dump reads back whole.")
    return 0


def restore(args):
    if args.check:
        return check(args)
    manifest = read_backup(args.backup)
    folder = Path(args.backup)
    database, media_root = settings_from(args)
    database.check_reachable()

    # Refuse before changing anything: the restore never replaces data.
    existing = tables(database.query)
    if existing:
        raise Refused(
            f'the database "{database.name}" already has {len(existing)} tables; '
            "restore only into an empty database (dropdb and createdb it first)"
        )
    if media_root.exists() and (not media_root.is_dir() or any(media_root.iterdir())):
        raise Refused(
            f"the media folder {media_root} is not empty; restore only into an "
            "empty or missing folder (move it aside first)"
        )

    describe(manifest)
    say(f'Restoring the database into "{database.name}"...')
    # One transaction: a restore that fails leaves the database empty. Objects
    # belong to whoever restores (the app's role on the new server), and the
    # old server's grants, naming roles this one may not have, are left out.
    result = database.run(
        "pg_restore",
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-acl",
        str(folder / manifest["database"]["file"]),
    )
    if result.returncode != 0:
        raise Refused(
            f"pg_restore failed, nothing restored: {first_line(result.stderr)}"
        )

    say(f"Restoring the media files into {media_root}...")
    media_root.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(folder / manifest["media"]["file"]) as tar:
            # The "data" filter refuses absolute paths and links leading out
            # of the folder, and gives the files to whoever restores.
            tar.extractall(media_root, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise Refused(
            f"the database is restored, but not the media files: {error}"
        ) from None

    restored = count_rows(database.query)
    files, file_bytes = media_files(media_root)
    differ = compare(manifest["tables"], restored)
    media = manifest["media"]
    if (files, file_bytes) != (media["files"], media["file_bytes"]):
        differ.append(
            f"media: {media['files']} files ({media['file_bytes']} bytes) in the "
            f"backup, {files} ({file_bytes} bytes) restored"
        )
    if differ:
        Report.refuse("Restored, but these counts differ from the backup's manifest:")
        for line in differ:
            Report.refuse(f"  {line}")
        return EXIT_COUNTS_DIFFER
    say(
        f"Restored, and it matches the backup's manifest: {len(restored)} tables "
        f"with as many rows each, {files} media files ({file_bytes} bytes)."
    )
    say(
        "Next, with the app's environment: manage.py migrate, then start the app "
        "(deploy/BACKUPS.md)."
    )
    return 0
