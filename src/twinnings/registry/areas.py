"""Places the gazetteer lacks, created from a source's name and coordinates during an import
(a London borough, a Danish municipality, a village under 500 inhabitants)."""

from __future__ import annotations

from django.db.models import Q

from twinnings.core.text import name_key
from twinnings.places.models import Place, PlaceName
from twinnings.registry.gazetteer_index import Gazetteer, GazetteerPlace
from twinnings.registry.resolution import NewPlace

NEIGHBOUR_KM = 50.0


class AreaMaker:
    """Creates each new area once per (country, name) and indexes it for the rest of the import."""

    def __init__(self, gazetteer: Gazetteer, source: str) -> None:
        self.gazetteer = gazetteer
        self.source = source
        self.created = 0
        self.new_keys: set[str] = set()  # names of the areas created since the caller last cleared it

    def place_id(self, new: NewPlace) -> int:
        existing = [
            p for p in self.gazetteer.lookup(new.country, new.key) if p.kind == "area" and p.origin == self.source
        ]
        if existing:
            return existing[0].id
        region_id, timezone = self._surroundings(new)
        place = Place.objects.create(
            kind=Place.Kind.AREA,
            name=new.name[:200],
            country_id=new.country,
            region_id=region_id,
            latitude=round(new.latitude, 5),
            longitude=round(new.longitude, 5),
            timezone=timezone,
            created_from=self.source,
        )
        PlaceName.objects.create(place=place, name=new.name[:200], key=new.key, is_primary=True)
        region_key = ""
        if region_id is not None:
            region_key = name_key(Place.objects.values_list("name", flat=True).get(pk=region_id))
        self.gazetteer.add(
            GazetteerPlace(
                place.pk,
                new.country,
                "area",
                new.key,
                region_key,
                place.latitude,
                place.longitude,
                0,
                origin=self.source,
            ),
            [new.key],
        )
        self.created += 1
        self.new_keys.add(new.key)
        return place.pk

    def _surroundings(self, new: NewPlace) -> tuple[int | None, str]:
        """The region and time zone of the nearest town of the same country."""
        near = self.gazetteer.nearest_city(new.country, new.latitude, new.longitude, NEIGHBOUR_KM)
        if near is None:
            return None, ""
        row = Place.objects.filter(pk=near.id).values_list("region_id", "timezone").first()
        return (row[0], row[1]) if row else (None, "")


def remove_unused_areas() -> int:
    """Areas no twinning refers to any more (their source rows now resolve elsewhere)."""
    unused = Place.objects.filter(kind=Place.Kind.AREA).exclude(
        Q(twinnings_as_a__isnull=False) | Q(twinnings_as_b__isnull=False)
    )
    deleted, _ = unused.delete()
    return deleted
