"""`twinnings backup`: the database and the attachments in one .tar.gz, while the site runs."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from twinnings.core.backup import BackupError, create_backup, database_for

PATTERN = "twinnings-*.tar.gz"


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest backups of the folder (names sort by time); return them."""
    old = sorted(folder.glob(PATTERN))[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


class Command(BaseCommand):
    help = "Back up the database and the attachments into one archive (consistent while the site runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="archive to write (default: TWINNINGS_BACKUP_DIR/twinnings-<UTC time>.tar.gz)",
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="then delete all but the KEEP newest backups of TWINNINGS_BACKUP_DIR"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        output: Path = options["output"] or Path(settings.BACKUP_DIR) / f"twinnings-{stamp}.tar.gz"
        started = time.perf_counter()
        try:
            database = database_for(connections[DEFAULT_DB_ALIAS].settings_dict)
            manifest = create_backup(database, Path(settings.ATTACHMENTS_DIR), output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        size_mb = output.stat().st_size / 1e6
        self.stdout.write(
            f"Backed up {len(manifest.tables)} tables ({manifest.rows:,} rows) and "
            f"{manifest.attachments['files']} attachments to {output} ({size_mb:.1f} MB) in {seconds:.1f} s"
        )
        if options["keep"] > 0 and not options["output"]:
            for path in prune(output.parent, options["keep"]):
                self.stdout.write(f"Deleted the older backup {path}")
