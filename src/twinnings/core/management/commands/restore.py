"""`twinnings restore ARCHIVE`: put back a backup made by `twinnings backup`."""

from __future__ import annotations

import os
import pwd
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from twinnings.core.backup import BackupError, database_for, restore_backup


def readable(archive: Path) -> Path:
    """The archive as an absolute path (the command may run in another folder than the caller's,
    as another user), once it is known to be a file this user can read."""
    path = archive.absolute()
    try:
        if path.is_file():
            with path.open("rb"):
                return path
    except OSError as error:
        user = pwd.getpwuid(os.geteuid()).pw_name
        raise CommandError(f"Cannot read the backup {path}: {error.strerror} (this command runs as {user}).") from error
    raise CommandError(f"No backup at {path}.")


class Command(BaseCommand):
    help = (
        "Restore the database and the attachments from a backup archive. Refuses a backup of another "
        "database engine or of newer code, and a database that holds data unless --force; a restore that "
        "fails leaves the database as it was."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="a .tar.gz written by `twinnings backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace a database and attachments that already hold data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = readable(options["archive"])
        started = time.perf_counter()
        connections.close_all()  # SQLite: no connection of ours holds a lock during the copy
        try:
            database = database_for(connections[DEFAULT_DB_ALIAS].settings_dict)
            restored = restore_backup(database, Path(settings.ATTACHMENTS_DIR), archive, force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        cache.clear()
        manifest = restored.manifest
        self.stdout.write(
            f"Restored {len(manifest.tables)} tables ({manifest.rows:,} rows) and "
            f"{manifest.attachments.get('files', 0)} attachments from {archive} (made {manifest.created_at}) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if restored.unapplied:
            self.stdout.write(
                f"The backup predates {len(restored.unapplied)} migrations of this code: run `twinnings migrate`."
            )
