"""The manifest of a backup archive: what it holds and which code it can be restored by.

Plain data in, plain data out: no Django import, so the rules are tested without a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

FORMAT = "twinnings-backup/1"
MANIFEST_NAME = "manifest.json"
ATTACHMENTS_NAME = "attachments"

# Tables that `migrate` fills by itself: rows there do not make a database "hold data".
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    engine: str  # "sqlite" or "postgresql"
    database: str  # the dump's file name inside the archive
    created_at: str  # ISO 8601, UTC
    django_version: str
    twinnings_version: str
    migrations: list[str]  # "app.name" of every migration applied in the backed-up database
    tables: dict[str, int]  # rows per table
    attachments: dict[str, int] = field(default_factory=dict)  # "files" and "bytes"
    format: str = FORMAT

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            found = data.get("format") if isinstance(data, Mapping) else None
            raise BackupError(f"Not a Twinnings backup of format {FORMAT!r} (manifest format: {found!r}).")
        try:
            return cls(
                engine=str(data["engine"]),
                database=str(data["database"]),
                created_at=str(data["created_at"]),
                django_version=str(data["django_version"]),
                twinnings_version=str(data["twinnings_version"]),
                migrations=[str(m) for m in data["migrations"]],
                tables={str(k): int(v) for k, v in data["tables"].items()},
                attachments={str(k): int(v) for k, v in data.get("attachments", {}).items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise BackupError(f"The backup's manifest is damaged ({type(error).__name__}: {error}).") from error

    def __post_init__(self) -> None:
        odd = [name for name in self.tables if not TABLE_NAME.match(name)]
        if odd or "/" in self.database or self.database.startswith("."):
            raise BackupError(f"The backup's manifest is damaged (unexpected names: {(odd or [self.database])[:3]}).")

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def check_restorable(manifest: Manifest, engine: str, known_migrations: Iterable[str]) -> list[str]:
    """Refuse a backup from another engine or from newer code; return the migrations of this code
    that the backup lacks (an older backup: `twinnings migrate` brings it up to date)."""
    if manifest.engine != engine:
        raise BackupError(
            f"This backup holds a {manifest.engine} database and this site runs on {engine}: "
            f"restore it into a {manifest.engine} database (TWINNINGS_DATABASE_URL), or move the data "
            "with `twinnings dumpdata` / `loaddata`."
        )
    known = set(known_migrations)
    unknown = sorted(set(manifest.migrations) - known)
    if unknown:
        shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise BackupError(
            f"This backup was made by newer code: its database has migrations this code does not know ({shown}). "
            "Install the version that made it (see the manifest's twinnings_version) and restore again."
        )
    return sorted(known - set(manifest.migrations))


def holds_data(tables: Mapping[str, int]) -> list[str]:
    """The tables with rows besides those `migrate` fills by itself: empty means safe to overwrite."""
    return sorted(name for name, count in tables.items() if count and name not in BOOKKEEPING_TABLES)


def check_counts(expected: Mapping[str, int], found: Mapping[str, int]) -> None:
    """The restored dump holds what the manifest says, table by table."""
    differences = [
        f"{name}: {expected.get(name, 'absent')} in the manifest, {found.get(name, 'absent')} in the dump"
        for name in sorted(set(expected) | set(found))
        if expected.get(name) != found.get(name)
    ]
    if differences:
        raise BackupError("The backup is damaged: " + "; ".join(differences[:5]))
