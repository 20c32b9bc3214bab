from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from twinnings.places.models import Place
from twinnings.registry.importer import available_sources
from twinnings.registry.models import Twinning


class Command(BaseCommand):
    help = "Fill an empty database: import the gazetteer, then the registry when a data directory exists."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Place.objects.filter(kind=Place.Kind.CITY).exists():
            self.stdout.write("Importing the gazetteer (about half a minute) …")
            call_command("import_gazetteer", verbosity=options["verbosity"])
        if Twinning.objects.exists():
            return
        names = available_sources(Path(settings.DATA_DIR) if settings.DATA_DIR else None)
        if not names:
            self.stdout.write("No twinning sources found: set TWINNINGS_DATA_DIR to import the registry.")
            return
        self.stdout.write("Importing the registry of twinnings …")
        call_command("import_twinnings", *[f"--source={n}" for n in names], verbosity=options["verbosity"])
