"""Use cases of the gazetteer: importing it, searching it."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, QuerySet

from twinnings.core.db import analyze, insert_rows
from twinnings.core.text import name_key
from twinnings.places import gazetteer
from twinnings.places.models import Country, Place, PlaceName

Progress = Callable[[int], None]
BATCH = 5000
SHORT_QUERY = 2
CITY_FIELDS = ("name", "country_id", "admin1_code", "latitude", "longitude", "population", "timezone")


@dataclass
class GazetteerReport:
    countries: int = 0
    regions: int = 0
    places_created: int = 0
    places_updated: int = 0
    names_created: int = 0
    seconds: float = 0.0


def _noop(_: int) -> None:
    return None


def import_gazetteer(data_dir: str, progress: Progress = _noop) -> GazetteerReport:
    """Create or update every country, admin-1 region and cities500 place. Idempotent.

    1. countries (names in the UI languages, official languages);
    2. cities: new ones created, changed ones updated, names added;
    3. regions: one place per named admin-1 code, at the population-weighted centre of
       its cities, and each city linked to its region.
    All in one transaction: an interrupted import leaves the previous gazetteer intact.
    """
    started = time.monotonic()
    report = GazetteerReport()
    cache = gazetteer.open_cache()
    cities = list(gazetteer.read_cities(cache))
    with transaction.atomic():
        report.countries = _import_countries(gazetteer.read_countries(cache))
        known = {c.code for c in gazetteer.read_countries(cache)}
        cities = [c for c in cities if c.country in known]
        _import_cities(cities, report, progress)
        report.regions = _import_regions(gazetteer.read_regions(data_dir), cities)
    analyze()
    report.seconds = time.monotonic() - started
    return report


def _import_countries(records: list[gazetteer.CountryRecord]) -> int:
    existing = {c.code: c for c in Country.objects.all()}
    new, changed = [], []
    for r in records:
        values = {
            "iso3": r.iso3,
            "name": r.name,
            "continent": r.continent,
            "population": r.population,
            "languages": r.languages,
            "names": r.names,
        }
        country = existing.get(r.code)
        if country is None:
            new.append(Country(code=r.code, **values))
        elif any(getattr(country, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(country, k, v)
            changed.append(country)
    Country.objects.bulk_create(new)
    Country.objects.bulk_update(changed, ["iso3", "name", "continent", "population", "languages", "names"])
    return len(records)


def _import_cities(cities: list[gazetteer.CityRecord], report: GazetteerReport, progress: Progress) -> None:
    """New places are inserted as plain rows (COPY on PostgreSQL), changed ones updated."""
    existing = {
        row[0]: row for row in Place.objects.filter(kind=Place.Kind.CITY).values_list("geonames_id", "id", *CITY_FIELDS)
    }
    new: list[tuple[object, ...]] = []
    changed: list[Place] = []
    for city in cities:
        values = (
            city.name,
            city.country,
            city.admin1_code,
            city.latitude,
            city.longitude,
            city.population,
            city.timezone,
        )
        row = existing.get(city.geonames_id)
        if row is None:
            new.append((city.geonames_id, Place.Kind.CITY.value, *values, 0, ""))
        elif tuple(row[2:]) != values:
            changed.append(Place(id=row[1], geonames_id=city.geonames_id, **dict(zip(CITY_FIELDS, values))))
    columns = ["geonames_id", "kind", *CITY_FIELDS, "twin_count", "created_from"]
    insert_rows(Place._meta.db_table, columns, _counted(new, progress))
    Place.objects.bulk_update(changed, list(CITY_FIELDS), batch_size=BATCH)
    progress(len(cities) - len(new))
    report.places_created, report.places_updated = len(new), len(changed)
    report.names_created = _import_names(cities, progress)


def _counted(rows: list[tuple[object, ...]], progress: Progress) -> Iterator[tuple[object, ...]]:
    for number, row in enumerate(rows, 1):
        yield row
        if number % BATCH == 0:
            progress(BATCH)
    progress(len(rows) % BATCH)


def _import_names(cities: list[gazetteer.CityRecord], progress: Progress) -> int:
    ids = dict(Place.objects.filter(kind=Place.Kind.CITY).values_list("geonames_id", "id"))
    have: set[tuple[int, str]] = set(PlaceName.objects.values_list("place_id", "key"))

    def rows() -> Iterator[tuple[int, str, str, bool]]:
        for number, city in enumerate(cities, 1):
            place_id = ids[city.geonames_id]
            for index, (key, name) in enumerate(city.name_keys().items()):
                if (place_id, key) not in have:
                    yield (place_id, name, key, index == 0)
            if number % BATCH == 0:
                progress(BATCH)

    return insert_rows(PlaceName._meta.db_table, ["place_id", "name", "key", "is_primary"], rows())


def _import_regions(regions: list[gazetteer.RegionRecord], cities: list[gazetteer.CityRecord]) -> int:
    """One place per named admin-1 region, at the population-weighted centre of its cities."""
    members: dict[tuple[str, str], list[gazetteer.CityRecord]] = defaultdict(list)
    for city in cities:
        members[(city.country, city.admin1_code)].append(city)
    existing = {(p.country_id, p.admin1_code): p for p in Place.objects.filter(kind=Place.Kind.REGION)}
    new, changed = [], []
    for region in regions:
        group = members.get((region.country, region.admin1_code))
        if not group:
            continue
        weights = [max(c.population, 1) for c in group]
        total = sum(weights)
        values = {
            "name": region.name,
            "latitude": round(sum(c.latitude * w for c, w in zip(group, weights)) / total, 5),
            "longitude": round(sum(c.longitude * w for c, w in zip(group, weights)) / total, 5),
            "population": sum(c.population for c in group),
            "timezone": max(group, key=lambda c: c.population).timezone,
        }
        place = existing.get((region.country, region.admin1_code))
        if place is None:
            new.append(
                Place(kind=Place.Kind.REGION, country_id=region.country, admin1_code=region.admin1_code, **values)
            )
        elif any(getattr(place, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(place, k, v)
            changed.append(place)
    Place.objects.bulk_create(new, batch_size=BATCH)
    Place.objects.bulk_update(changed, ["name", "latitude", "longitude", "population", "timezone"])
    regions_by_code = {(p.country_id, p.admin1_code): p.id for p in Place.objects.filter(kind=Place.Kind.REGION)}
    _link_regions(regions_by_code)
    names = {(r.country, r.admin1_code): r.name for r in regions}
    _add_names([(pid, names[code]) for code, pid in regions_by_code.items() if code in names])
    return len(regions_by_code)


def _link_regions(regions_by_code: dict[tuple[str, str], int]) -> None:
    """Set each city's region from its country and admin-1 code (one UPDATE per region)."""
    with connection.cursor() as cursor:
        for (country, code), region_id in regions_by_code.items():
            cursor.execute(
                "UPDATE places_place SET region_id = %s WHERE kind = 'city' AND country_id = %s "
                "AND admin1_code = %s AND (region_id IS NULL OR region_id <> %s)",
                [region_id, country, code, region_id],
            )


def _add_names(pairs: list[tuple[int, str]]) -> None:
    """Names of regions, with the variants they are cited by ("Ocnita" for "Raionul Ocnita")."""
    have = set(PlaceName.objects.filter(place_id__in=[p for p, _ in pairs]).values_list("place_id", "key"))
    PlaceName.objects.bulk_create(
        [
            PlaceName(place_id=pid, name=name, key=key, is_primary=index == 0)
            for pid, name in pairs
            for index, key in enumerate(gazetteer.region_keys(name))
            if (pid, key) not in have
        ]
    )


def _prefix(queryset: QuerySet[PlaceName], key: str) -> QuerySet[PlaceName]:
    if connection.vendor == "postgresql":
        return queryset.filter(key__startswith=key)
    return queryset.filter(key__gte=key, key__lt=key + "\U0010ffff")  # range on a binary-collated index


def matching_place_ids(query: str) -> QuerySet[PlaceName, Any]:
    """Ids of places with a name (any language or script) starting with the query."""
    key = name_key(query)
    if not key:
        return PlaceName.objects.none().values("place_id")
    return _prefix(PlaceName.objects.all(), key).values("place_id")


def _score(place: Place, matched: PlaceName, key: str) -> float:
    return (
        math.log1p(place.population)
        + 1.5 * math.log1p(place.twin_count)
        + (3.0 if matched.is_primary else 0.0)
        + (3.0 if matched.key == key else 0.0)
    )


def search(query: str, limit: int = 10) -> list[Place]:
    """Autocomplete: places whose name in any language or script starts with the query.

    Primary-name and alternate-name matches are fetched separately (each the best `limit`
    by twins and population) and merged by a score that favours exact and primary names,
    twinned and populous places. Each place gets `matched_name`, the name that matched."""
    key = name_key(query)
    if not key:
        return []
    if len(key) <= SHORT_QUERY:  # short prefixes match tens of thousands of names: cache them
        cache_key = f"search:{limit}:{key}"
        cached = cache.get(cache_key)
        if cached is None:
            cached = _search(key, limit)
            cache.set(cache_key, cached, 3600)
        return list(cached)
    return _search(key, limit)


def _search(key: str, limit: int) -> list[Place]:
    best: dict[int, tuple[float, Place]] = {}
    for primary in (True, False):
        rows = (
            _prefix(PlaceName.objects.filter(is_primary=primary), key)
            .select_related("place__country", "place__region")
            .order_by("-place__twin_count", "-place__population")[: limit * 2]
        )
        for row in rows:
            score = _score(row.place, row, key)
            if row.place_id not in best or best[row.place_id][0] < score:
                row.place.matched_name = row.name  # type: ignore[attr-defined]
                best[row.place_id] = (score, row.place)
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].name))
    return [place for _, place in ranked[:limit]]


def alternate_names(place: Place, limit: int = 12) -> list[str]:
    """A few of the place's other names (languages and scripts), shortest first."""
    names = PlaceName.objects.filter(place=place, is_primary=False).exclude(name=place.name)
    seen: dict[str, str] = {}
    for name in names.order_by("name").values_list("name", flat=True)[:200]:
        if name.isascii() and name == name.lower():  # search keys and slugs ("kln"), not names
            continue
        seen.setdefault(name_key(name), name)
    return sorted(seen.values(), key=lambda n: (len(n), n))[:limit]


def most_twinned(limit: int = 10, country: str | None = None) -> list[Place]:
    qs = Place.objects.filter(twin_count__gt=0)
    if country:
        qs = qs.filter(country_id=country)
    # Countries prefetched, not joined: with the join SQLite's planner walks every country's
    # twinned places (index place_country_twins) instead of reading the twin_count index in order.
    ordered = qs.select_related("region").prefetch_related("country").order_by("-twin_count", "-population", "name")
    return list(ordered[:limit])


def twinned_places_in_region(region: Place, limit: int = 20) -> list[Place]:
    qs = Place.objects.filter(region=region, twin_count__gt=0).select_related("country")
    return list(qs.order_by("-twin_count", "-population", "name")[:limit])


def basemap_cells(step: float = 0.5) -> list[int]:
    """Grid cells (in units of `step` degrees) holding at least one place, flattened as
    [lat, lon, lat, lon, …]: the gazetteer's own outline of the inhabited world, drawn as a
    basemap when no map tiles are loaded."""
    from django.db.models import F, IntegerField
    from django.db.models.functions import Cast, Round

    cells = (
        Place.objects.order_by()
        .annotate(
            cy=Cast(Round(F("latitude") / step), IntegerField()),
            cx=Cast(Round(F("longitude") / step), IntegerField()),
        )
        .values_list("cy", "cx")
        .distinct()
    )
    flat: list[int] = []
    for cy, cx in cells:
        flat.extend((int(cy), int(cx)))
    return flat


def gazetteer_version() -> str:
    """A key that changes when places are added or removed (for caches)."""
    from django.db.models import Max

    agg = Place.objects.order_by().aggregate(last=Max("id"), n=Count("id"))
    return f"{agg['last'] or 0}.{agg['n']}"
