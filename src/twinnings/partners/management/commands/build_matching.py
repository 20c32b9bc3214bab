from typing import Any

from django.core.management.base import BaseCommand

from twinnings.partners import services


class Command(BaseCommand):
    help = "Build the partner-finder model from the gazetteer and the registry (written under var/)."

    def handle(self, *args: Any, **options: Any) -> None:
        model = services.build()
        services.forget()
        ranker = model.ranker
        self.stdout.write(
            f"built {services.model_path()}: {len(ranker.places):,} places, "
            f"{len(ranker.stats.graph.edges):,} twinnings, {model.built_seconds:.1f} s"
        )
