"""The database, through PostgreSQL's client programs (psql, pg_dump, pg_restore)."""

import os
import re
import subprocess
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from deploy.backups.report import Refused


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
