"""SQLite: copies through the online backup API, consistent while the site keeps writing."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from twinnings.core.backup.manifest import BackupError, check_counts

SUFFIX = ".sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    return {name: connection.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0] for name in names}


def _give_up_when_busy(status: int, remaining: int, total: int) -> None:
    """Python retries a busy copy forever; the connection's busy timeout has already waited."""
    if status in (SQLITE_BUSY, SQLITE_LOCKED):
        raise BackupError("the database stayed locked by another writer")


def applied_migrations(connection: sqlite3.Connection) -> list[str]:
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'")
    if exists.fetchone() is None:
        return []
    return sorted(f"{app}.{name}" for app, name in connection.execute("SELECT app, name FROM django_migrations"))


class SQLiteDatabase:
    engine = "sqlite"

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> None:
        self.path = path
        self.busy_timeout = busy_timeout

    def _open(self, path: Path, *, read_only: bool) -> sqlite3.Connection:
        if read_only:
            return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=self.busy_timeout)
        return sqlite3.connect(path, timeout=self.busy_timeout)

    def snapshot(self, dest: Path) -> tuple[dict[str, int], list[str]]:
        """Copy the live database to `dest`; return its row counts and migrations, read from the copy."""
        if not self.path.is_file():
            raise BackupError(f"There is no SQLite database at {self.path}.")
        source = self._open(self.path, read_only=True)
        target = self._open(dest, read_only=False)
        try:
            source.backup(target, progress=_give_up_when_busy)
            return table_counts(target), applied_migrations(target)
        finally:
            target.close()
            source.close()

    def table_counts(self) -> dict[str, int]:
        if not self.path.is_file():
            return {}
        connection = self._open(self.path, read_only=True)
        try:
            return table_counts(connection)
        finally:
            connection.close()

    def check_dump(self, dump: Path, tables: Mapping[str, int]) -> None:
        """The dump is a sound SQLite file holding the manifest's rows."""
        try:
            connection = self._open(dump, read_only=True)
            try:
                result = connection.execute("PRAGMA integrity_check").fetchone()[0]
                if result != "ok":
                    raise BackupError(f"The backup's database fails SQLite's integrity check: {result}")
                check_counts(tables, table_counts(connection))
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"The backup's database cannot be read: {error}") from error

    def load(self, dump: Path, tables: Mapping[str, int], workdir: Path) -> None:
        """Replace the database's content with the dump's, in one write transaction: a failure
        (a lock held too long, a full disk) leaves the database as it was."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        source = self._open(dump, read_only=True)
        target = self._open(self.path, read_only=False)
        try:
            source.backup(target, progress=_give_up_when_busy)
        except (sqlite3.Error, BackupError) as error:
            raise BackupError(f"Restoring into {self.path} failed, the database is unchanged: {error}") from error
        finally:
            target.close()
            source.close()
