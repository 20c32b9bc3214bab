from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from tqdm import tqdm

from twinnings.places.services import import_gazetteer


class Command(BaseCommand):
    help = "Import (or update) the GeoNames gazetteer: countries, admin-1 regions and ~235k places."

    def handle(self, *args: Any, **options: Any) -> None:
        with tqdm(total=2 * 234908, unit="places", disable=options["verbosity"] < 1, file=self.stderr) as bar:
            report = import_gazetteer(settings.DATA_DIR, progress=bar.update)
        self.stdout.write(
            f"countries {report.countries}, regions {report.regions}, places created {report.places_created}, "
            f"updated {report.places_updated}, names created {report.names_created} in {report.seconds:.1f} s"
        )
