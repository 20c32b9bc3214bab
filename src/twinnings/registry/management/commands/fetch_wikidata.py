from pathlib import Path
from typing import Any
from urllib.error import URLError

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from twinnings.registry import wikidata


class Command(BaseCommand):
    help = (
        "Fetch Wikidata's P190 twinnings from the public SPARQL endpoint into var/wikidata/ "
        "(needs internet); then `twinnings import-twinnings --source wikidata-live`."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(settings.VAR_DIR) / wikidata.FOLDER
        try:
            count = wikidata.fetch(folder)
        except (URLError, TimeoutError, OSError, ValueError, KeyError) as error:
            raise CommandError(f"Could not fetch from {wikidata.ENDPOINT}: {error}") from error
        self.stdout.write(f"{count} P190 statements saved under {folder}")
