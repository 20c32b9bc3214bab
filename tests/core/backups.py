"""Helpers for the backup tests: scratch databases filled in their own process, the `twinnings`
command run as an administrator would, and a fingerprint of every table (rows and a checksum)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from twinnings.settings import PROJECT_DIR

Fingerprint = dict[str, tuple[int, str]]


def twinnings(
    args: list[str], database_url: str, attachments: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """`twinnings ARGS` in a new process against `database_url` and the `attachments` folder."""
    env = {**os.environ, "TWINNINGS_DATABASE_URL": database_url, "TWINNINGS_ATTACHMENTS_DIR": str(attachments)}
    result = subprocess.run(
        [sys.executable, "-m", "twinnings.manage", *args], env=env, cwd=PROJECT_DIR, capture_output=True, text=True
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def fill(database_url: str, attachments: Path) -> None:
    """Migrate and fill a scratch database (see backup_fill.py)."""
    env = {**os.environ, "TWINNINGS_DATABASE_URL": database_url, "TWINNINGS_ATTACHMENTS_DIR": str(attachments)}
    result = subprocess.run(
        [sys.executable, "-m", "tests.core.backup_fill"], env=env, cwd=PROJECT_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def fingerprint(connection: Any, tables: Iterable[str]) -> Fingerprint:
    """Per table: its row count and a SHA-256 of all its rows in a stable order (every column).
    `connection`: an sqlite3 or psycopg connection (both have execute() returning a cursor)."""
    result: Fingerprint = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        columns = len(connection.execute(f"SELECT * FROM {quoted} LIMIT 0").description)
        order = ", ".join(str(i + 1) for i in range(columns))
        rows = connection.execute(f"SELECT * FROM {quoted} ORDER BY {order}").fetchall()
        digest = hashlib.sha256()
        for row in rows:
            digest.update(repr(tuple(_plain(v) for v in row)).encode())
        result[table] = (len(rows), digest.hexdigest())
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rewrite_manifest(archive: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the archive whose manifest went through `change`."""
    copy = archive.with_name("edited-" + archive.name)
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source:
            content = source.extractfile(member) if member.isfile() else None
            if member.name == "manifest.json" and content is not None:
                manifest = json.loads(content.read())
                change(manifest)
                body = json.dumps(manifest).encode()
                member.size = len(body)
                content = io.BytesIO(body)
            target.addfile(member, content)
    return copy
