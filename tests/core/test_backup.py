"""`twinnings backup` / `restore` on SQLite: a round trip keeps every row and attachment; bad
archives and busy or full databases are refused with the database left as it was."""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.core.backups import Fingerprint, files, fill, fingerprint, rewrite_manifest, twinnings
from twinnings.core.backup import BackupError, create_backup, read_manifest, restore_backup
from twinnings.core.backup.sqlite import SQLiteDatabase, table_counts
from twinnings.core.management.commands.backup import prune


@dataclass(frozen=True)
class Original:
    database: Path
    attachments: Path
    archive: Path
    output: str


def sqlite_fingerprint(path: Path) -> Fingerprint:
    connection = sqlite3.connect(path)
    try:
        return fingerprint(connection, table_counts(connection))
    finally:
        connection.close()


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Original:
    """A filled site and its backup, made once through the command line."""
    root = tmp_path_factory.mktemp("site")
    database, attachments, archive = root / "site.sqlite3", root / "attachments", root / "site.tar.gz"
    fill(f"sqlite:///{database}", attachments)
    output = twinnings(["backup", "--output", str(archive)], f"sqlite:///{database}", attachments).stdout
    return Original(database, attachments, archive, output)


@pytest.fixture
def restored(original: Original, tmp_path: Path) -> tuple[SQLiteDatabase, Path]:
    """A second site restored from the original's backup: a database that holds data."""
    database, attachments = SQLiteDatabase(tmp_path / "restored.sqlite3"), tmp_path / "files"
    restore_backup(database, attachments, original.archive)
    return database, attachments


def test_a_backup_restores_every_table_and_attachment(original: Original, tmp_path: Path) -> None:
    target, attachments = tmp_path / "new.sqlite3", tmp_path / "files"
    result = twinnings(["restore", str(original.archive)], f"sqlite:///{target}", attachments)
    before, after = sqlite_fingerprint(original.database), sqlite_fingerprint(target)
    assert after == before
    assert before["agreements_agreement"][0] == 2 and before["places_placename"][0] > 30
    assert sum(1 for rows, _ in before.values() if rows) >= 20  # many tables really compared
    assert files(attachments) == files(original.attachments) and len(files(attachments)) == 2
    manifest = read_manifest(original.archive)
    assert manifest.tables == {table: rows for table, (rows, _) in before.items()}
    assert manifest.attachments == {"files": 2, "bytes": 25 + 256}
    assert f"{manifest.rows:,} rows" in original.output and f"{manifest.rows:,} rows" in result.stdout


def test_restore_refuses_a_database_that_holds_data_unless_forced(
    original: Original, restored: tuple[SQLiteDatabase, Path]
) -> None:
    database, attachments = restored
    with sqlite3.connect(database.path) as connection:
        connection.execute("UPDATE places_place SET population = 1 WHERE id = (SELECT min(id) FROM places_place)")
    changed = sqlite_fingerprint(database.path)
    refusal = r"already holds data \(\d+ tables with rows: accounts_membership, .*\): restore with --force"
    with pytest.raises(BackupError, match=refusal):
        restore_backup(database, attachments, original.archive)
    assert sqlite_fingerprint(database.path) == changed
    restore_backup(database, attachments, original.archive, force=True)
    assert sqlite_fingerprint(database.path) == sqlite_fingerprint(original.database)


def test_restore_refuses_attachments_it_would_overwrite(original: Original, tmp_path: Path) -> None:
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "kept.pdf").write_bytes(b"%PDF")
    with pytest.raises(BackupError, match="already holds attachments: restore with --force"):
        restore_backup(SQLiteDatabase(tmp_path / "empty.sqlite3"), tmp_path / "files", original.archive)
    assert files(tmp_path / "files") == {"kept.pdf": b"%PDF"}


def test_restore_refuses_a_backup_of_another_engine(original: Original, tmp_path: Path) -> None:
    edited = rewrite_manifest(original.archive, lambda m: m.update(engine="postgresql"))
    result = twinnings(["restore", str(edited)], f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "f", check=False)
    assert result.returncode == 1
    assert "This backup holds a postgresql database and this site runs on sqlite" in result.stderr
    assert not (tmp_path / "f").exists()


def test_restore_refuses_migrations_this_code_does_not_know(original: Original, tmp_path: Path) -> None:
    def newer(manifest: dict[str, Any]) -> None:
        manifest["migrations"].append("agreements.0099_from_a_later_version")

    edited = rewrite_manifest(original.archive, newer)
    database = SQLiteDatabase(tmp_path / "db.sqlite3")
    with pytest.raises(BackupError, match=r"made by newer code.*agreements\.0099_from_a_later_version"):
        restore_backup(database, tmp_path / "files", edited)
    assert database.table_counts() == {}


def test_an_older_backup_is_restored_and_names_the_migrations_to_apply(original: Original, tmp_path: Path) -> None:
    known = [*read_manifest(original.archive).migrations, "agreements.0099_later"]
    result = restore_backup(SQLiteDatabase(tmp_path / "db.sqlite3"), tmp_path / "f", original.archive, known=known)
    assert result.unapplied == ["agreements.0099_later"]
    assert sqlite_fingerprint(tmp_path / "db.sqlite3") == sqlite_fingerprint(original.database)


def test_a_damaged_backup_leaves_database_and_attachments_unchanged(
    original: Original, restored: tuple[SQLiteDatabase, Path]
) -> None:
    database, attachments = restored
    (attachments / "new.pdf").write_bytes(b"%PDF uploaded since")
    before, before_files = sqlite_fingerprint(database.path), files(attachments)
    edited = rewrite_manifest(original.archive, lambda m: m["tables"].update(places_place=1))
    with pytest.raises(BackupError, match="The backup is damaged: places_place: 1 in the manifest"):
        restore_backup(database, attachments, edited, force=True)
    assert sqlite_fingerprint(database.path) == before and files(attachments) == before_files


def test_a_restore_blocked_by_a_writer_leaves_database_and_attachments_unchanged(
    original: Original, restored: tuple[SQLiteDatabase, Path]
) -> None:
    database, attachments = restored
    (attachments / "new.pdf").write_bytes(b"%PDF uploaded since")
    before, before_files = sqlite_fingerprint(database.path), files(attachments)
    writer = sqlite3.connect(database.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BackupError, match="the database is unchanged: the database stayed locked"):
            restore_backup(SQLiteDatabase(database.path, busy_timeout=0.2), attachments, original.archive, force=True)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert sqlite_fingerprint(database.path) == before and files(attachments) == before_files
    assert not list(attachments.parent.glob(".restore-*"))  # the work folder is cleaned up


def test_a_truncated_archive_is_refused(original: Original, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(original.archive.read_bytes()[: original.archive.stat().st_size // 2])
    database = SQLiteDatabase(tmp_path / "db.sqlite3")
    with pytest.raises(BackupError, match="cannot be unpacked"):
        restore_backup(database, tmp_path / "files", truncated)
    assert database.table_counts() == {} and not (tmp_path / "files").exists()


def test_backup_keeps_only_the_newest_archives_when_asked(tmp_path: Path) -> None:
    names = [f"twinnings-2026010{day}T000000Z.tar.gz" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "other.tar.gz").write_bytes(b"")
    deleted = prune(tmp_path, keep=2)
    assert [p.name for p in deleted] == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.tar.gz", *names[3:]]


def test_a_file_that_is_not_a_backup_is_refused(original: Original, tmp_path: Path) -> None:
    database = SQLiteDatabase(tmp_path / "db.sqlite3")
    (tmp_path / "notes.txt").write_text("not an archive")
    with pytest.raises(BackupError, match="is not a readable backup archive"):
        restore_backup(database, tmp_path / "files", tmp_path / "notes.txt")
    other = rewrite_manifest(original.archive, lambda m: m.update(format="someone-else/3"))
    with pytest.raises(BackupError, match="Not a Twinnings backup of format 'twinnings-backup/1'"):
        restore_backup(database, tmp_path / "files", other)
    assert database.table_counts() == {}


def test_a_backup_is_readable_by_its_owner_only(original: Original, tmp_path: Path) -> None:
    """It holds every password hash and email address: not for the machine's other users."""
    folder = tmp_path / "backups"
    output = folder / "twinnings-20260101T000000Z.tar.gz"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    output.with_name(output.name + ".partial").touch(mode=0o644)  # left by an interrupted backup
    create_backup(SQLiteDatabase(original.database), original.attachments, output)
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert read_manifest(output).tables == read_manifest(original.archive).tables
    new_folder = tmp_path / "new" / "backups"
    create_backup(SQLiteDatabase(original.database), original.attachments, new_folder / output.name)
    assert stat.S_IMODE(new_folder.stat().st_mode) == 0o700


def test_restore_names_the_archive_it_looked_for_by_its_full_path(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=f"No backup at {tmp_path}/missing.tar.gz"):
        call_command("restore", "missing.tar.gz")


def test_restore_says_when_it_cannot_read_the_archive(original: Original, tmp_path: Path, monkeypatch: Any) -> None:
    """An archive in a folder the command's user cannot read (as root's home for the service user)."""

    def refused(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refused)
    with pytest.raises(CommandError, match=f"Cannot read the backup {original.archive}: Permission denied"):
        call_command("restore", str(original.archive))
