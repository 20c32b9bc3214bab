"""Backup and restore of the whole site: the database and the attachments in one .tar.gz.

The archive holds, in this order: `manifest.json` (see manifest.py), the database dump
(`database.sqlite3` or `database.pgdump`) and `attachments/`.

Restore, in steps:
1. read the manifest; refuse another engine or migrations this code does not know;
2. refuse a database (or attachments folder) that already holds data, unless forced;
3. unpack into a work folder beside the attachments and check the dump against the manifest;
4. put the backup's attachments in place, keeping the current ones aside;
5. load the dump in one transaction (SQLite's backup API, psql --single-transaction); if that
   fails the database is unchanged and the previous attachments go back.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

import django
from django.db.migrations.loader import MigrationLoader

from twinnings.core.backup import postgres, sqlite
from twinnings.core.backup.manifest import (
    ATTACHMENTS_NAME,
    MANIFEST_NAME,
    BackupError,
    Manifest,
    check_restorable,
    holds_data,
)

PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700  # archives and a backup folder the command creates
# The "data" filter (Python 3.11.4+) also refuses links and special files; `_wanted` checks the names.
SAFE_EXTRACT: dict[str, Any] = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


class Database(Protocol):
    engine: str

    def snapshot(self, dest: Path) -> tuple[dict[str, int], list[str]]: ...
    def table_counts(self) -> dict[str, int]: ...
    def check_dump(self, dump: Path, tables: Mapping[str, int]) -> None: ...
    def load(self, dump: Path, tables: Mapping[str, int], workdir: Path) -> None: ...


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    unapplied: list[str]  # migrations of this code that the backup predates: run `twinnings migrate`


def database_for(settings: Mapping[str, Any]) -> Database:
    """The backup engine for a Django DATABASES entry."""
    engine = settings.get("ENGINE")
    if engine == "django.db.backends.sqlite3":
        return sqlite.SQLiteDatabase(Path(str(settings["NAME"])))
    if engine == "django.db.backends.postgresql":
        return postgres.PostgresDatabase(settings)
    raise BackupError(f"Backups cover SQLite and PostgreSQL databases, not {engine}.")


def known_migrations() -> set[str]:
    """Every migration this code ships, as "app.name"."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _suffix(database: Database) -> str:
    return postgres.SUFFIX if database.engine == "postgresql" else sqlite.SUFFIX


def _files(folder: Path) -> Iterator[Path]:
    return (path for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink())


def _only_files_and_folders(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    return info if info.isfile() or info.isdir() else None


def create_backup(database: Database, attachments: Path, output: Path) -> Manifest:
    """Write the archive to `output` (through `output.partial`, renamed at the end), readable by
    its owner only: it holds every account's password hash and personal data."""
    output.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        dump = Path(work) / f"database{_suffix(database)}"
        tables, migrations = database.snapshot(dump)
        files = list(_files(attachments)) if attachments.is_dir() else []
        manifest = Manifest(
            engine=database.engine,
            database=dump.name,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            django_version=django.get_version(),
            twinnings_version=metadata.version("twinnings"),
            migrations=migrations,
            tables=tables,
            attachments={"files": len(files), "bytes": sum(path.stat().st_size for path in files)},
        )
        partial = output.with_name(output.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        os.fchmod(descriptor, PRIVATE_FILE)  # a .partial left by an interrupted backup keeps its mode otherwise
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
            body = json.dumps(manifest.to_json(), indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size, info.mtime = len(body), int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(body))
            tar.add(dump, arcname=dump.name)
            if attachments.is_dir():
                tar.add(attachments, arcname=ATTACHMENTS_NAME, filter=_only_files_and_folders)
        os.replace(partial, output)
    return manifest


def read_manifest(archive: Path) -> Manifest:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.name == MANIFEST_NAME and member.isfile():
                    content = tar.extractfile(member)
                    return Manifest.from_json(json.loads(content.read() if content else b""))
    except (OSError, tarfile.TarError, EOFError, ValueError) as error:
        raise BackupError(f"{archive} is not a readable backup archive: {error}") from error
    raise BackupError(f"{archive} holds no {MANIFEST_NAME}: not a Twinnings backup.")


def _wanted(member: tarfile.TarInfo, manifest: Manifest) -> bool:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
        raise BackupError(f"The backup holds an unexpected entry {member.name!r}: refused.")
    return member.name == manifest.database or path.parts[0] == ATTACHMENTS_NAME


def _unpack(archive: Path, manifest: Manifest, work: Path) -> None:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if _wanted(member, manifest):
                    tar.extract(member, work, **SAFE_EXTRACT)
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"The backup cannot be unpacked: {error}") from error
    if not (work / manifest.database).is_file():
        raise BackupError(f"The backup holds no {manifest.database}.")


def _check_target(database: Database, attachments: Path) -> None:
    full = holds_data(database.table_counts())
    if full:
        shown = ", ".join(full[:5]) + (" …" if len(full) > 5 else "")
        raise BackupError(
            f"The database already holds data ({len(full)} tables with rows: {shown}): "
            "restore with --force to replace it."
        )
    if attachments.is_dir() and any(_files(attachments)):
        raise BackupError(f"{attachments} already holds attachments: restore with --force to replace them.")


def restore_backup(
    database: Database, attachments: Path, archive: Path, *, force: bool = False, known: Iterable[str] | None = None
) -> Restored:
    manifest = read_manifest(archive)
    unapplied = check_restorable(manifest, database.engine, known if known is not None else known_migrations())
    if not force:
        _check_target(database, attachments)
    attachments.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=attachments.parent, prefix=".restore-"))
    try:
        _unpack(archive, manifest, work)
        dump = work / manifest.database
        database.check_dump(dump, manifest.tables)
        incoming, previous = work / ATTACHMENTS_NAME, work / "previous-attachments"
        incoming.mkdir(exist_ok=True)
        if attachments.exists():
            os.replace(attachments, previous)
        os.replace(incoming, attachments)
        try:
            database.load(dump, manifest.tables, work)
        except BaseException:
            os.replace(attachments, incoming)
            if previous.exists():
                os.replace(previous, attachments)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Restored(manifest, unapplied)
