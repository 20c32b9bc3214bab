"""Databases the benchmarks prepare once and reuse (the full bootstrap of the real data), the
private copies that the benchmarks which write work on, and the database side of those
benchmarks (bench/write_fixture.py run against a database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import (
    POSTGRES_BENCH_DB,
    POSTGRES_BENCH_URL,
    POSTGRES_SERVER_URL,
    PROJECT_DIR,
    TWINNINGS,
    migrate,
    postgres_available,
    postgres_bench_ready,
    project_sqlite_file,
    twinnings_env,
)

FIXTURE = str(Path(__file__).resolve().parent / "write_fixture.py")


def fill_registry(database_url: str | None, timeout: float = 3600) -> str | None:
    """Migrate and `twinnings bootstrap` a database (nothing to do when it is already filled);
    None when done, else why not."""
    env = twinnings_env(database_url)
    for args in (["migrate", "--no-input", "-v0"], ["bootstrap", "-v0"]):
        done = subprocess.run(
            [TWINNINGS, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_DIR
        )
        if done.returncode != 0:
            return f"`twinnings {args[0]}` failed: {(done.stderr or done.stdout).strip()[-500:]}"
    return None


def ensure_postgres_bench() -> str | None:
    """The PostgreSQL bench database filled with the registry: kept from bench_import.py or an
    earlier run, else created and bootstrapped once (minutes). None when ready, else why not."""
    reason = postgres_available()
    if reason is not None:
        return reason
    if postgres_bench_ready():
        return None if migrate(POSTGRES_BENCH_URL) else "migrate failed"
    import psycopg

    with psycopg.connect(POSTGRES_SERVER_URL + "postgres", autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{POSTGRES_BENCH_DB}"')
    print(f"  filling {POSTGRES_BENCH_URL} with `twinnings bootstrap` (once; reused afterwards) …", flush=True)
    return fill_registry(POSTGRES_BENCH_URL)


def ensure_project_sqlite() -> str | None:
    """The project's SQLite database (TWINNINGS_DATABASE_URL or var/twinnings.sqlite3), filled."""
    return fill_registry(os.environ.get("TWINNINGS_DATABASE_URL") or None)


def copy_database(source_url: str | None, target: str | Path) -> str:
    """A private copy of a prepared database, for benchmarks that write; returns its URL.

    SQLite: an online backup of the file into `target` (a path). PostgreSQL: `target` (a name)
    created from the source as a template, which needs the source free of other sessions
    for a moment: tried again for up to a minute."""
    url = source_url or f"sqlite:///{project_sqlite_file()}"
    if url.startswith("sqlite:"):
        import sqlite3

        destination = Path(target)
        destination.unlink(missing_ok=True)
        src, dst = sqlite3.connect(url.removeprefix("sqlite:///")), sqlite3.connect(destination)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            src.close()
            dst.close()
        return f"sqlite:///{destination}"
    import psycopg

    server, _, source = url.rpartition("/")
    deadline = time.monotonic() + 60
    with psycopg.connect(server + "/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        while True:
            try:
                conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
                break
            except psycopg.errors.ObjectInUse:
                if time.monotonic() > deadline:
                    raise
                time.sleep(2)
    return f"{server}/{target}"


def drop_database(url: str) -> None:
    """Remove a copy made by copy_database."""
    if url.startswith("sqlite:"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg

    server, _, name = url.rpartition("/")
    with psycopg.connect(server + "/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fixture_step(database_url: str | None, command: str, tmp: Path, **args: Any) -> dict[str, Any]:
    """Run a write_fixture.py command (setup, check, integrity, counts) against the database."""
    out = tmp / f"{command}.json"
    argv = [sys.executable, FIXTURE, command, "--out", str(out)]
    for name, value in args.items():
        argv += [f"--{name}", str(value)]
    done = subprocess.run(argv, env=twinnings_env(database_url), capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"write_fixture.py {command} failed: {done.stderr[-2000:]}")
    return json.loads(out.read_text())
