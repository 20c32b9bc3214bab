"""`twinnings backup` / `restore` on PostgreSQL, in scratch databases of the test server
(TWINNINGS_TEST_POSTGRES_URL): skipped when no server answers, except under CI=true."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.conftest import in_ci
from tests.core.backups import Fingerprint, files, fill, fingerprint, rewrite_manifest, twinnings
from twinnings.core.backup import BackupError, database_for, restore_backup
from twinnings.core.backup.postgres import PostgresDatabase

SERVER_URL = os.environ.get("TWINNINGS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
NewDatabase = Callable[[str], str]


@pytest.fixture(scope="module")
def server() -> str:
    try:
        psycopg.connect(SERVER_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        reason = f"no PostgreSQL server at {SERVER_URL} ({error}); set TWINNINGS_TEST_POSTGRES_URL"
        if in_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    return SERVER_URL


@pytest.fixture(scope="module")
def new_database(server: str) -> Iterator[NewDatabase]:
    """`new_database("label")` creates an empty scratch database and returns its URL; all are dropped at the end."""
    created: list[str] = []

    def create(label: str) -> str:
        name = f"twinnings_backup_{label}_{os.getpid()}"
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        created.append(name)
        return server.rsplit("/", 1)[0] + "/" + name

    yield create
    with psycopg.connect(server, autocommit=True) as connection:
        for name in created:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def database(url: str) -> PostgresDatabase:
    import dj_database_url

    engine = database_for(dj_database_url.parse(url))
    assert isinstance(engine, PostgresDatabase)
    return engine


def pg_fingerprint(url: str) -> Fingerprint:
    target = database(url)
    with target.connect() as connection:
        return fingerprint(connection, target.table_counts())


@pytest.fixture(scope="module")
def original(new_database: NewDatabase, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("pg-site")
    url, attachments, archive = new_database("source"), root / "attachments", root / "site.tar.gz"
    fill(url, attachments)
    twinnings(["backup", "--output", str(archive)], url, attachments)
    return {"url": url, "attachments": attachments, "archive": archive}


def test_a_backup_restores_every_table_and_attachment(
    original: dict[str, Any], new_database: NewDatabase, tmp_path: Path
) -> None:
    url = new_database("target")
    result = twinnings(["restore", str(original["archive"])], url, tmp_path / "files")
    before = pg_fingerprint(original["url"])
    assert pg_fingerprint(url) == before
    assert before["agreements_agreement"][0] == 2 and before["audit_auditentry"][0] > 0
    assert sum(1 for rows, _ in before.values() if rows) >= 20
    assert files(tmp_path / "files") == files(original["attachments"])
    assert f"Restored {len(before)} tables" in result.stdout
    twinnings(["migrate", "--check"], url, tmp_path / "files")  # the restored schema is this code's


def test_restore_replaces_a_database_holding_data_only_when_forced(
    original: dict[str, Any], new_database: NewDatabase, tmp_path: Path
) -> None:
    url = new_database("busy")
    twinnings(["migrate"], url, tmp_path / "files")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            "INSERT INTO places_country (code, iso3, name, continent, population, languages, names) "
            "VALUES ('ZZ', 'ZZZ', 'Z', '', 0, '', '{}')"
        )
        connection.execute("CREATE TABLE leftover (id integer)")  # e.g. a table of a later migration
    refused = twinnings(["restore", str(original["archive"])], url, tmp_path / "files", check=False)
    assert refused.returncode == 1 and "already holds data (1 tables with rows: places_country)" in refused.stderr
    twinnings(["restore", "--force", str(original["archive"])], url, tmp_path / "files")
    assert pg_fingerprint(url) == pg_fingerprint(original["url"])  # same tables, same rows: leftover gone


def test_a_restore_failing_at_its_last_step_leaves_the_database_unchanged(
    original: dict[str, Any], new_database: NewDatabase, tmp_path: Path
) -> None:
    """The row counts are checked at the end of the restore's transaction: a mismatch there rolls
    back the drops and loads that ran before it."""
    url, attachments = new_database("kept"), tmp_path / "files"
    restore_backup(database(url), attachments, original["archive"])
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DELETE FROM registry_attestation")
    (attachments / "new.pdf").write_bytes(b"%PDF uploaded since")
    before, before_files = pg_fingerprint(url), files(attachments)
    edited = rewrite_manifest(original["archive"], lambda m: m["tables"].update(registry_twinning=4))
    with pytest.raises(BackupError, match="database is unchanged.*registry_twinning does not hold the 4 rows"):
        restore_backup(database(url), attachments, edited, force=True)
    assert pg_fingerprint(url) == before and files(attachments) == before_files


def test_restore_refuses_a_sqlite_backup(original: dict[str, Any], new_database: NewDatabase, tmp_path: Path) -> None:
    edited = rewrite_manifest(original["archive"], lambda m: m.update(engine="sqlite"))
    with pytest.raises(BackupError, match="holds a sqlite database and this site runs on postgresql"):
        restore_backup(database(new_database("other")), tmp_path / "files", edited)


def test_a_missing_pg_dump_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from twinnings.core.backup import postgres

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(postgres, "SERVER_BIN_DIRS", tmp_path)
    with pytest.raises(BackupError, match=r"pg_dump is not installed .*apt-get install postgresql-client"):
        postgres.find_binary("pg_dump")
