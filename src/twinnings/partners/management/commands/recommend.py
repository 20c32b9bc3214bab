import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinnings.matching.ranker import Filters, InvalidFilters
from twinnings.partners import services
from twinnings.partners.places import PlaceNotFound, find_place
from twinnings.partners.reasons import reason_text


class Command(BaseCommand):
    help = 'Recommend partners for a place, given by id or name ("Lublin", "Lublin, PL").'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("place", help="Place id, or name with an optional ', CC' country code")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--country", action="append", default=[], help="ISO code (repeatable)")
        parser.add_argument("--language", action="append", default=[], help="ISO 639 code (repeatable)")
        parser.add_argument("--kind", action="append", default=[], choices=["city", "region", "area"])
        parser.add_argument("--min-population", type=int)
        parser.add_argument("--max-population", type=int)
        parser.add_argument("--max-km", type=float)
        parser.add_argument("--include-twins", action="store_true", help="Keep the place's existing twins")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            place = find_place(options["place"])
        except PlaceNotFound as error:
            raise CommandError(str(error)) from error
        filters = Filters(
            countries=[c.upper() for c in options["country"]],
            languages=[c.lower() for c in options["language"]],
            kinds=options["kind"],
            min_population=options["min_population"],
            max_population=options["max_population"],
            max_km=options["max_km"],
            exclude_twins=not options["include_twins"],
        )
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        try:
            results = services.recommend(place, filters, options["limit"])
        except InvalidFilters as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            payload = {
                "place": {"id": place.pk, "name": place.name, "country": place.country_id},
                "recommendations": [services.recommendation_data(r) for r in results],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Partners for {place.name} ({place.country_id}):")
        for rank, r in enumerate(results, 1):
            reasons = "; ".join(reason_text(reason) for reason in r.reasons)
            self.stdout.write(f"{rank:3}. {r.place.name} ({r.place.country_id}) {r.score:.2f} — {reasons}")
