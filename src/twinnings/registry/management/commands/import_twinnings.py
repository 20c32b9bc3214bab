from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinnings.registry import importer
from twinnings.registry.models import UnresolvedRow
from twinnings.registry.sources import SOURCES


class Command(BaseCommand):
    help = "Import twinnings from the data directory's sources, or show the import report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            choices=sorted(SOURCES),
            action="append",
            help="Import only this source (repeatable); default: every available one, primary first.",
        )
        parser.add_argument("--data-dir", default=settings.DATA_DIR, help="Default: TWINNINGS_DATA_DIR.")
        parser.add_argument("--report", action="store_true", help="Print the unresolved rows instead of importing.")
        parser.add_argument("--limit", type=int, default=0, help="With --report: at most this many rows per source.")

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(options["data_dir"]) if options["data_dir"] else None
        names = options["source"] or importer.available_sources(root)
        if options["report"]:
            self._report(names, options["limit"])
            return
        if not names:
            raise CommandError("No twinning sources found: set TWINNINGS_DATA_DIR or pass --data-dir.")
        try:
            reports = importer.import_sources(
                names, root or Path(), log=self.stderr.write if options["verbosity"] else None
            )
        except importer.SourceUnavailable as error:
            raise CommandError(str(error)) from error
        for r in reports:
            share = r.pairs_resolved / r.pairs if r.pairs else 0.0
            self.stdout.write(
                f"{r.source}: {r.rows_read} rows, {r.pairs} pairs, {r.pairs_resolved} resolved ({share:.1%}), "
                f"{r.unresolved} rows unresolved, {r.twinnings_created} twinnings created, "
                f"{r.twinnings_removed} removed, {r.seconds:.1f} s"
            )

    def _report(self, names: list[str], limit: int) -> None:
        rows = UnresolvedRow.objects.filter(source__name__in=names).select_related("source")
        for name in names:
            selected = rows.filter(source__name=name)
            self.stdout.write(f"# {name}: {selected.count()} unresolved rows")
            for row in selected[:limit] if limit else selected.iterator():
                self.stdout.write(f"{row.file}:{row.line}\t{row.reason}\t{row.raw}")
