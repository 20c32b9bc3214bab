"""PostgreSQL: `pg_dump -Fc` from one exported snapshot; restored by `pg_restore --clean --if-exists`
run through psql in a single transaction that ends by checking every table's row count."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from twinnings.core.backup.manifest import BackupError

SUFFIX = ".pgdump"
SERVER_BIN_DIRS = Path("/usr/lib/postgresql")
# Django's own OPTIONS for its PostgreSQL backend, which libpq does not understand.
DJANGO_ONLY_OPTIONS = frozenset({"isolation_level", "server_side_binding", "pool", "assume_role", "cursor_factory"})


def find_binary(name: str) -> str:
    """`name` on PATH, else the newest under /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        SERVER_BIN_DIRS.glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        f"{name} is not installed (looked on PATH and under {SERVER_BIN_DIRS}/*/bin): install PostgreSQL's "
        "client programs of the server's version or newer (Debian: apt-get install postgresql-client)."
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_check(tables: Mapping[str, int]) -> str:
    """A PL/pgSQL block that aborts the transaction unless every table holds the expected rows."""
    checks = "".join(
        f"  IF (SELECT count(*) FROM {_quote(name)}) <> {int(count)} THEN\n"
        f"    RAISE EXCEPTION 'The backup is damaged: table {name} does not hold "
        f"the {int(count)} rows of the manifest';\n"
        "  END IF;\n"
        for name, count in sorted(tables.items())
    )
    return f"RESET search_path;\nDO $check$\nBEGIN\n{checks}END\n$check$;"


class PostgresDatabase:
    engine = "postgresql"

    def __init__(self, settings: Mapping[str, Any]) -> None:
        """`settings`: a Django DATABASES entry (NAME, USER, PASSWORD, HOST, PORT, OPTIONS)."""
        params: dict[str, Any] = {
            "dbname": settings.get("NAME") or "postgres",
            "user": settings.get("USER") or None,
            "host": settings.get("HOST") or None,
            "port": settings.get("PORT") or None,
        }
        options = settings.get("OPTIONS") or {}
        params.update({k: v for k, v in options.items() if k not in DJANGO_ONLY_OPTIONS and isinstance(v, str | int)})
        self.params = {k: v for k, v in params.items() if v is not None}
        self.password = str(settings.get("PASSWORD") or "")
        self.name = str(self.params["dbname"])

    def connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(**self.params, password=self.password or None, connect_timeout=10)
        except psycopg.OperationalError as error:
            raise BackupError(f"Cannot connect to the PostgreSQL database {self.name!r}: {error}") from error

    def _run(self, program: str, args: Sequence[str], what: str) -> None:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password  # never on the command line, where `ps` shows it
        conninfo = psycopg.conninfo.make_conninfo(**self.params)
        command = [find_binary(program), *args, f"--dbname={conninfo}"]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"{what} failed ({program} exited {result.returncode}): {result.stderr.strip()[-2000:]}")

    def snapshot(self, dest: Path) -> tuple[dict[str, int], list[str]]:
        """pg_dump from a snapshot exported by a repeatable-read transaction, in which the row
        counts and migrations are read too: the manifest describes exactly the dump."""
        with self.connect() as connection:
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            connection.read_only = True
            snapshot_id = _scalar(connection, "SELECT pg_export_snapshot()")
            counts, migrations = _table_counts(connection), _applied_migrations(connection)
            self._run("pg_dump", ["--format=custom", f"--snapshot={snapshot_id}", f"--file={dest}"], "pg_dump")
            connection.rollback()
        return counts, migrations

    def table_counts(self) -> dict[str, int]:
        with self.connect() as connection:
            return _table_counts(connection)

    def check_dump(self, dump: Path, tables: Mapping[str, int]) -> None:
        """The dump is an archive pg_restore reads, with data for every table of the manifest."""
        listing = subprocess.run(
            [find_binary("pg_restore"), "--list", str(dump)], capture_output=True, text=True, check=False
        )
        if listing.returncode != 0:
            raise BackupError(f"The backup's database dump cannot be read: {listing.stderr.strip()[-1000:]}")
        with_data = {line.split()[-2] for line in listing.stdout.splitlines() if " TABLE DATA " in line}
        missing = sorted(name for name in tables if name not in with_data)
        if missing:
            raise BackupError(f"The backup is damaged: no data for {', '.join(missing[:5])} in its dump.")

    def load(self, dump: Path, tables: Mapping[str, int], workdir: Path) -> None:
        """One transaction: drop every table of the target's schema, run pg_restore's script
        (`--clean --if-exists`), check the row counts. Any error rolls it all back."""
        script = workdir / "restore.sql"
        restore_args = ["--clean", "--if-exists", "--no-owner", "--no-privileges", f"--file={script}", str(dump)]
        subprocess_result = subprocess.run(
            [find_binary("pg_restore"), *restore_args], capture_output=True, text=True, check=False
        )
        if subprocess_result.returncode != 0:
            raise BackupError(f"pg_restore could not read the dump: {subprocess_result.stderr.strip()[-1000:]}")
        existing = sorted(self.table_counts())
        drop = f"DROP TABLE IF EXISTS {', '.join(map(_quote, existing))} CASCADE;" if existing else "SELECT 1;"
        check = workdir / "check.sql"
        check.write_text(count_check(tables), encoding="utf-8")
        psql_args = ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--output=/dev/null"]
        files = [f"--command={drop}", f"--file={script}", f"--file={check}"]
        self._run("psql", [*psql_args, *files], f"Restoring into {self.name!r} (the database is unchanged)")


def _scalar(connection: psycopg.Connection[Any], query: str) -> Any:
    row = connection.execute(query).fetchone()
    return row[0] if row else None


def _table_counts(connection: psycopg.Connection[Any]) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    ]
    return {
        name: _scalar(connection, sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)).as_string(connection))
        for name in names
    }


def _applied_migrations(connection: psycopg.Connection[Any]) -> list[str]:
    if _scalar(connection, "SELECT to_regclass('django_migrations')") is None:
        return []
    return sorted(f"{app}.{name}" for app, name in connection.execute("SELECT app, name FROM django_migrations"))
