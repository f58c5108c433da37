"""Back up and restore the site: its PostgreSQL database and its uploaded media.

Run through deploy/backup and deploy/restore (deploy/BACKUPS.md says how and
when). This file needs only Python's standard library and PostgreSQL's client
programs (pg_dump, pg_restore, psql), so that a new server can restore a backup
before the application is installed, and cron can run it without the app's
virtual environment.

A backup is one folder, policy-<UTC time>, holding:

- database.dump: `pg_dump -Fc`, one consistent snapshot of the whole database;
- media.tar.gz: every file under MEDIA_ROOT;
- manifest.json: when, which version of the app, checksums of both files, and
  the number of rows of every table in the dump (pages, revisions, policy
  versions, translations, users...) and of media files, which a restore is
  checked against.
"""

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

CHECKOUT = Path(__file__).resolve().parent.parent
# Where the app keeps uploads when MEDIA_ROOT is not set (site/settings/base.py).
DEFAULT_MEDIA_ROOT = CHECKOUT / "media"

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
FORMAT = 1
NAME_PREFIX = "policy-"
BACKUP_NAME = re.compile(r"^policy-\d{8}T\d{6}Z$")

# The rows an operator checks a restore against, by name; the manifest also
# counts every other table, and the restore compares them all.
SUMMARY = {
    "pages": "public.wagtailcore_page",
    "revisions": "public.wagtailcore_revision",
    "policy versions": "public.policy_policyversion",
    "translation sources": "public.wagtail_localize_translationsource",
    "translations": "public.wagtail_localize_translation",
    "strings": "public.wagtail_localize_string",
    "string translations": "public.wagtail_localize_stringtranslation",
    "users": "public.auth_user",
    "groups": "public.auth_group",
    "group page permissions": "public.wagtailcore_grouppagepermission",
    "workflows": "public.wagtailcore_workflow",
    "search entries": "public.search_searchentry",
    "images": "public.wagtailimages_image",
    "image renditions": "public.wagtailimages_rendition",
    "documents": "public.wagtaildocs_document",
}
# Rows that point at files under MEDIA_ROOT.
MEDIA_TABLES = (
    "public.wagtailimages_image",
    "public.wagtailimages_rendition",
    "public.wagtaildocs_document",
)

EXIT_REFUSED = 1
EXIT_COUNTS_DIFFER = 3


class Refused(Exception):
    """Something the operator must fix; said in one line, without a traceback."""


# The database -------------------------------------------------------------


class Database:
    """The PostgreSQL database named by a DATABASE_URL, as libpq's tools reach it.

    The URL is handed to pg_dump, pg_restore and psql without its password,
    which goes in their environment instead: a command line can be read by
    anyone on the machine (ps), and none of the messages may show it.
    """

    SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}

    def __init__(self, url):
        parts = urlsplit(url)
        if parts.scheme not in self.SCHEMES:
            raise Refused(
                "DATABASE_URL must name a PostgreSQL database (postgres://...), "
                f"not {parts.scheme or 'a URL without a scheme'}"
            )
        self.name = unquote(parts.path.lstrip("/"))
        if not self.name:
            raise Refused("DATABASE_URL names no database (postgres://host/NAME)")
        query = parse_qsl(parts.query, keep_blank_values=True)
        password = unquote(parts.password) if parts.password else None
        for key, value in query:
            if key == "password":
                password = value
        userinfo, _, hostport = parts.netloc.rpartition("@")
        user = userinfo.partition(":")[0]
        netloc = f"{user}@{hostport}" if user else hostport
        self.uri = urlunsplit(
            (
                "postgresql",
                netloc,
                parts.path,
                urlencode([(k, v) for k, v in query if k != "password"]),
                "",
            )
        )
        self.env = dict(os.environ)
        # The app's own environment (cron's, say) must not point the tools elsewhere.
        for key in ("PGPASSWORD", "PGDATABASE", "PGSERVICE"):
            self.env.pop(key, None)
        if password:
            self.env["PGPASSWORD"] = password
        # Give up on a database that does not answer, rather than hang a cron job.
        self.env.setdefault("PGCONNECT_TIMEOUT", "10")

    def run(self, program, *args, stdout=subprocess.PIPE):
        """Run a PostgreSQL client program on this database; its stderr is kept."""
        return subprocess.run(  # noqa: S603 (fixed programs, arguments as a list)
            [program, f"--dbname={self.uri}", "--no-password", *args],
            env=self.env,
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
        )

    def query(self, sql):
        """Rows of a query, as lists of strings (psql's unaligned output)."""
        result = self.run(
            "psql",
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--field-separator=\t",
            "--set=ON_ERROR_STOP=1",
            f"--command={sql}",
        )
        if result.returncode != 0:
            raise Refused(
                f'cannot use the database "{self.name}": {first_line(result.stderr)}'
            )
        lines = result.stdout.decode().splitlines()
        return [line.split("\t") for line in lines if line]

    def check_reachable(self):
        """The server's version; refuses when the database cannot be reached."""
        result = self.run(
            "psql",
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--command=SHOW server_version",
        )
        if result.returncode != 0:
            raise Refused(
                f'cannot reach the database "{self.name}": {first_line(result.stderr)}'
            )
        return result.stdout.decode().strip()

    def session(self):
        """A psql session, to run several queries in one transaction."""
        return Session(self)


TABLES_SQL = (
    # Every table, named as pg_dump names them, except an extension's own.
    "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
    " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relkind IN ('r', 'p')"
    " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " AND n.nspname NOT LIKE 'pg\\_%'"
    " AND NOT EXISTS (SELECT 1 FROM pg_depend d"
    "  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
    "  AND d.deptype = 'e')"
    " ORDER BY 1"
)


def tables(query):
    """The database's tables, through query (Database.query or Session.query)."""
    return [row[0] for row in query(TABLES_SQL)]


def count_rows(query):
    """{table: rows} of every table, through query."""
    # The names come from the database's own catalogue, quoted by it.
    names = tables(query)
    if not names:
        return {}
    sql = " UNION ALL ".join(
        f"SELECT {quote_literal(table)}, count(*) FROM {table}"  # noqa: S608
        for table in names
    )
    return {table: int(count) for table, count in query(sql)}


class Session:
    """psql kept open on one database, answering one query at a time.

    The backup holds a transaction open in it: pg_dump dumps the snapshot
    that transaction exports, and the rows are counted in that same
    snapshot, so the counts are exactly those of the dump, however busy the
    site is meanwhile.
    """

    def __init__(self, database):
        self.database = database
        # Marks the end of each answer; never a row of a count.
        self.end = f"-- end of answer {os.getpid()} --"
        command = [
            "psql",
            f"--dbname={database.uri}",
            "--no-password",
            "--no-psqlrc",
            "--quiet",
            "--tuples-only",
            "--no-align",
            "--field-separator=\t",
            "--set=ON_ERROR_STOP=1",
        ]
        self.psql = subprocess.Popen(  # noqa: S603 (fixed program)
            command,
            env=database.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def query(self, sql):
        self.psql.stdin.write(f"{sql};\n\\echo '{self.end}'\n")
        self.psql.stdin.flush()
        rows = []
        for line in self.psql.stdout:
            line = line.rstrip("\n")
            if line == self.end:
                return rows
            if line:
                rows.append(line.split("\t"))
        # psql stopped: it could not connect, or the query failed.
        self.psql.wait()
        error = first_line(self.psql.stderr.read().encode())
        raise Refused(f'cannot use the database "{self.database.name}": {error}')

    def close(self):
        if self.psql.poll() is None:
            self.psql.stdin.close()
            self.psql.wait()
        self.psql.stdout.close()
        self.psql.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def first_line(stderr):
    """The useful line of a PostgreSQL tool's error, without the tool's name."""
    for line in stderr.decode(errors="replace").splitlines():
        line = re.sub(r"^(psql|pg_dump|pg_restore): (error: )?", "", line).strip()
        if line:
            return line
    return "unknown error"


def quote_literal(text):
    return "'" + text.replace("'", "''") + "'"


def tool_version(program):
    result = subprocess.run(  # noqa: S603 (fixed program)
        [program, "--version"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def rows_in_dump(dump):
    """{table: rows} of every table in a custom-format dump, and the migrations.

    Reading every table's data once proves the file can be read back, and
    says what it holds.
    """
    command = ["pg_restore", "--data-only", "--file=-", str(dump)]
    process = subprocess.Popen(  # noqa: S603 (fixed program)
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    counts = {}
    migrations = []
    table = None
    copy_line = re.compile(rb"^COPY (\S+) .*FROM stdin;$")
    for line in process.stdout:
        line = line.rstrip(b"\n")
        if table is None:
            match = copy_line.match(line)
            if match:
                table = match.group(1).decode()
                counts[table] = 0
        elif line == b"\\.":
            table = None
        else:
            # COPY's text format escapes newlines: one line is one row.
            counts[table] += 1
            if table == "public.django_migrations":
                migrations.append(line.decode().split("\t"))
    stderr = process.stderr.read()
    if process.wait() != 0:
        raise Refused(f"cannot read the dump back: {first_line(stderr)}")
    # id, app, name, applied: each app's highest-numbered migration (not the
    # last applied: a squashed migration is recorded after those it replaces).
    latest = {}
    for _id, app, name, _applied in migrations:
        latest[app] = max(name, latest.get(app, name))
    return counts, dict(sorted(latest.items()))


# Files --------------------------------------------------------------------


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    """(count, bytes) of the regular files under a folder."""
    count = size = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                count += 1
                size += path.stat().st_size
    return count, size


def archive_media(media_root, archive):
    """Write every file under media_root to a gzipped tar; return (files, bytes)."""
    count = size = 0
    with tarfile.open(archive, "w:gz") as tar:
        if media_root.is_dir():
            for folder, dirs, files in os.walk(media_root):
                dirs.sort()
                for name in sorted(files):
                    path = Path(folder, name)
                    member = tar.gettarinfo(
                        path, path.relative_to(media_root).as_posix()
                    )
                    if member.isreg():
                        with open(path, "rb") as file:
                            tar.addfile(member, file)
                        count += 1
                        size += member.size
                    elif member.issym():
                        tar.addfile(member)
    return count, size


def app_version():
    """The app's version (pyproject.toml) and git commit, when they can be known."""
    version = {}
    try:
        with open(CHECKOUT / "pyproject.toml", "rb") as file:
            project = tomllib.load(file)["project"]
        version["name"] = project["name"]
        version["version"] = project["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    if shutil.which("git") and (CHECKOUT / ".git").exists():
        git = ["git", "-C", str(CHECKOUT)]
        commit = subprocess.run(  # noqa: S603 (fixed program)
            [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=False
        )
        if commit.returncode == 0:
            version["git_commit"] = commit.stdout.strip()
            status = subprocess.run(  # noqa: S603 (fixed program)
                [*git, "status", "--porcelain", "--untracked-files=no"],
                capture_output=True,
                text=True,
                check=False,
            )
            version["git_changes"] = bool(status.stdout.strip())
    return version


# The environment ----------------------------------------------------------


def read_env_file(path):
    """KEY=VALUE lines (a systemd EnvironmentFile), read, not run as a shell would."""
    values = {}
    try:
        text = Path(path).read_text()
    except OSError as error:
        raise Refused(f"cannot read {path}: {error.strerror}") from None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("export "):
            line = line[len("export ") :].strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def settings_from(args):
    """DATABASE_URL and MEDIA_ROOT, from the environment as the app reads them.

    --env-file fills in what the environment does not set: the app's own
    environment file, so that cron needs no secret in its crontab.
    """
    env = dict(os.environ)
    if args.env_file:
        for key, value in read_env_file(args.env_file).items():
            env.setdefault(key, value)
    url = env.get("DATABASE_URL", "").strip()
    if not url:
        raise Refused("DATABASE_URL is not set: it names the database, as for the app")
    media_root = Path(env.get("MEDIA_ROOT") or DEFAULT_MEDIA_ROOT)
    return Database(url), media_root


class Report:
    """What a command says: progress and results on stdout, unless --quiet
    (cron mails whatever a job prints), and refusals on stderr, always."""

    quiet = False

    @classmethod
    def say(cls, message):
        if not cls.quiet:
            sys.stdout.write(f"{message}\n")
            sys.stdout.flush()

    @staticmethod
    def refuse(message):
        sys.stderr.write(f"{message}\n")


say = Report.say


def human_size(size):
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"


def summary_lines(counts, media):
    lines = [
        f"  {label:24} {counts.get(table, 0):>8}" for label, table in SUMMARY.items()
    ]
    lines.append(f"  {'media files':24} {media['files']:>8}")
    return lines


# Backup -------------------------------------------------------------------


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


# Restore ------------------------------------------------------------------


def read_backup(folder):
    """The manifest of a backup folder, once both files match their checksums."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except OSError:
        raise Refused(f"{folder} is not a backup: it has no {MANIFEST}") from None
    except ValueError:
        raise Refused(f"{folder / MANIFEST} is damaged: it is not JSON") from None
    if manifest.get("format") != FORMAT:
        raise Refused(f"{folder} has a backup format this script does not know")
    for part in ("database", "media"):
        path = folder / manifest[part]["file"]
        if not path.is_file():
            raise Refused(f"{path} is missing")
        if sha256(path) != manifest[part]["sha256"]:
            raise Refused(f"{path} is damaged: its checksum differs from the manifest")
    return manifest


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


def describe(manifest):
    app = manifest.get("app", {})
    version = " ".join(
        filter(
            None, [app.get("name"), app.get("version"), app.get("git_commit", "")[:12]]
        )
    )
    say(f"Backup of {manifest['created_at']} ({version or 'app version unknown'}):")
    for line in summary_lines(manifest["tables"], manifest["media"]):
        say(line)


def compare(expected, actual, first="in the backup", second="restored"):
    """Lines saying where two {name: count} differ."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        if expected.get(name) != actual.get(name):
            lines.append(
                f"{name}: {expected.get(name, 'absent')} {first}, "
                f"{actual.get(name, 'absent')} {second}"
            )
    return lines


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


# Command line -------------------------------------------------------------


def parser():
    top = argparse.ArgumentParser(
        description="Back up or restore the site's database and media files."
    )
    commands = top.add_subparsers(dest="command", required=True)

    make = commands.add_parser(
        "backup",
        prog="deploy/backup",
        description=(
            "Write a backup of the database named by DATABASE_URL and the media "
            "folder MEDIA_ROOT into a new folder DIRECTORY/policy-<UTC time>."
        ),
    )
    make.add_argument(
        "directory", metavar="DIRECTORY", help="an existing, writable folder"
    )
    make.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="then delete all but the newest N backups in DIRECTORY",
    )
    make.add_argument(
        "--quiet", action="store_true", help="print errors only (for cron)"
    )
    make.add_argument(
        "--env-file",
        metavar="FILE",
        help="read DATABASE_URL and MEDIA_ROOT from FILE (KEY=VALUE lines) if not set",
    )
    make.set_defaults(run=backup)

    back = commands.add_parser(
        "restore",
        prog="deploy/restore",
        description=(
            "Restore a backup folder into the EMPTY database named by DATABASE_URL "
            "and the empty or missing media folder MEDIA_ROOT, then check the "
            "restored rows and files against the backup's manifest. With --check, "
            "only check the backup itself."
        ),
    )
    back.add_argument(
        "backup", metavar="BACKUP", help="a folder written by deploy/backup"
    )
    back.add_argument(
        "--check",
        action="store_true",
        help="verify the backup's checksums and read its dump back; restore nothing",
    )
    back.add_argument(
        "--env-file",
        metavar="FILE",
        help="read DATABASE_URL and MEDIA_ROOT from FILE (KEY=VALUE lines) if not set",
    )
    back.set_defaults(run=restore)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    Report.quiet = getattr(args, "quiet", False)
    if args.command == "backup" and args.keep is not None and args.keep < 1:
        parser().error("--keep must be 1 or more")
    try:
        for program in ("pg_dump", "pg_restore", "psql"):
            if not shutil.which(program):
                raise Refused(f"{program} not found: install postgresql-client")
        return args.run(args)
    except Refused as refusal:
        Report.refuse(f"{args.command}: {refusal}")
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
