from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from twinnings.core.db import unapplied_migrations
from twinnings.partners import services
from twinnings.places.models import Place
from twinnings.registry.importer import available_sources
from twinnings.registry.models import Source


class Command(BaseCommand):
    help = (
        "Fill an empty database: import the gazetteer, then every twinning source of the data directory, then "
        "build the partner finder's model. Run again, it does only what is missing (after an interrupted run: "
        "the sources not yet imported, a model older than the registry)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        unapplied = unapplied_migrations()
        if unapplied:
            raise CommandError(
                f"The database is missing {len(unapplied)} migration(s) (the first: {unapplied[0]}): "
                "run `twinnings migrate` first, then `twinnings bootstrap` again. Nothing was imported."
            )
        if not Place.objects.filter(kind=Place.Kind.CITY).exists():  # the gazetteer is one transaction
            self.stdout.write("Importing the gazetteer (about half a minute) …")
            call_command("import_gazetteer", verbosity=options["verbosity"])
        self._import_registry(options["verbosity"])
        self.stdout.write("Preparing the partner finder (building its model takes about half a minute) …")
        if services.build_if_stale():
            self.stdout.write(f"built {services.model_path()}")

    def _import_registry(self, verbosity: int) -> None:
        names = available_sources(Path(settings.DATA_DIR) if settings.DATA_DIR else None)
        if not names:
            self.stdout.write("No twinning sources found: set TWINNINGS_DATA_DIR to import the registry.")
            return
        # Each source is imported in one transaction that ends by stamping its Source row.
        imported = set(Source.objects.filter(imported_at__isnull=False).values_list("name", flat=True))
        missing = [name for name in names if name not in imported]
        if not missing:
            return
        self.stdout.write(f"Importing the registry of twinnings ({', '.join(missing)}) …")
        call_command("import_twinnings", *[f"--source={n}" for n in missing], verbosity=verbosity)
