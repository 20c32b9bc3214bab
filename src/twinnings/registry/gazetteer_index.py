"""An in-memory index of the gazetteer for entity resolution (pure, no Django).

Places are plain records; names are (place id, name key) pairs. Built from the database by
the import, or straight from the gazetteer package by tests and benchmarks.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from twinnings.core.text import name_key
from twinnings.places.gazetteer import CityRecord, RegionRecord, region_keys


@dataclass(frozen=True)
class GazetteerPlace:
    id: int
    country: str
    kind: str  # "city", "region" or "area" (created by an import)
    name_key: str
    region_key: str
    latitude: float
    longitude: float
    population: int
    origin: str = ""  # for areas: the source that created them


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """An in-memory index of places by (country, name key) for resolution."""

    def __init__(self, places: Iterable[GazetteerPlace], names: Iterable[tuple[int, str]]) -> None:
        self.places: dict[int, GazetteerPlace] = {p.id: p for p in places}
        self._by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._anywhere: dict[str, list[int]] = defaultdict(list)
        self._keys_of: dict[int, list[str]] = defaultdict(list)
        for place_id, key in names:
            place = self.places.get(place_id)
            if place is not None:
                self._by_key[(place.country, key)].append(place_id)
                self._anywhere[key].append(place_id)
                self._keys_of[place_id].append(key)
        self._sorted_keys = sorted(self._by_key)
        self._grid: dict[tuple[int, int], list[int]] | None = None
        self.region_codes: dict[int, str] = {}  # region place id -> "CC.ADMIN1" when known
        self._country_cells: set[tuple[str, int, int]] | None = None

    def country_near(self, country: str, lat: float, lon: float) -> bool:
        if self._country_cells is None:
            self._country_cells = {
                (p.country, math.floor(p.latitude), math.floor(p.longitude))
                for p in self.places.values()
                if p.kind != "area"
            }
        cells = self._country_cells
        y, x = math.floor(lat), math.floor(lon)
        return any((country, y + dy, x + dx) in cells for dy in (-1, 0, 1) for dx in (-1, 0, 1))

    def add(self, place: GazetteerPlace, keys: Iterable[str]) -> None:
        """Index a place created during an import (so later rows and sources find it)."""
        self.places[place.id] = place
        for key in keys:
            if (place.country, key) not in self._by_key:
                bisect.insort(self._sorted_keys, (place.country, key))
            self._by_key[(place.country, key)].append(place.id)
            self._anywhere[key].append(place.id)
            self._keys_of[place.id].append(key)
        if self._grid is not None and place.kind == "city":
            self._grid[(round(place.latitude * 10), round(place.longitude * 10))].append(place.id)

    def keys_of(self, place_id: int) -> list[str]:
        return self._keys_of.get(place_id, [])

    def nearest_city(self, country: str, lat: float, lon: float, within_km: float) -> GazetteerPlace | None:
        """The nearest town of `country` to a point, if one lies within `within_km`."""
        near = self.cities_near(country, lat, lon, within_km)
        return min(near, key=lambda p: distance_km(lat, lon, p.latitude, p.longitude)) if near else None

    def cities_near(self, country: str, lat: float, lon: float, within_km: float) -> list[GazetteerPlace]:
        """Towns of `country` within `within_km` (at most ~50 km: a 3x3 block of 0.1° cells,
        widened in longitude towards the poles)."""
        if self._grid is None:
            self._grid = defaultdict(list)
            for place in self.places.values():
                if place.kind == "city":
                    self._grid[(round(place.latitude * 10), round(place.longitude * 10))].append(place.id)
        cell_lat, cell_lon = round(lat * 10), round(lon * 10)
        reach_lat = math.ceil(within_km / 11.1)
        reach_lon = math.ceil(within_km / max(11.1 * math.cos(math.radians(min(abs(lat), 85.0))), 0.5))
        found = []
        for dlat in range(-reach_lat, reach_lat + 1):
            for dlon in range(-reach_lon, reach_lon + 1):
                for pid in self._grid.get((cell_lat + dlat, cell_lon + dlon), ()):
                    place = self.places[pid]
                    if place.country == country and distance_km(lat, lon, place.latitude, place.longitude) <= within_km:
                        found.append(place)
        return found

    def lookup(self, country: str, key: str) -> list[GazetteerPlace]:
        return [self.places[i] for i in self._by_key.get((country, key), ())]

    def lookup_anywhere(self, key: str) -> list[GazetteerPlace]:
        return [self.places[i] for i in self._anywhere.get(key, ())]

    def lookup_prefix(self, country: str, key: str) -> list[GazetteerPlace]:
        """Places whose name extends `key` by more words: 'frankfurt' -> 'frankfurt am main'."""
        found: list[GazetteerPlace] = []
        start = bisect.bisect_left(self._sorted_keys, (country, key + " "))
        for entry in self._sorted_keys[start : start + 50]:
            if entry[0] != country or not entry[1].startswith(key + " "):
                break
            found.extend(self.places[i] for i in self._by_key[entry])
        return found


def index_from_records(cities: Iterable[CityRecord], regions: Iterable[RegionRecord]) -> Gazetteer:
    """A resolution index straight from the gazetteer package (no database): cities keep their
    GeoNames id as place id; regions get negative ids (see `region_id`)."""
    city_list = list(cities)
    region_names = {(r.country, r.admin1_code): r.name for r in regions}
    places: list[GazetteerPlace] = []
    names: list[tuple[int, str]] = []
    members: dict[tuple[str, str], list[CityRecord]] = defaultdict(list)
    region_codes: dict[int, str] = {}
    for city in city_list:
        region_key = name_key(region_names.get((city.country, city.admin1_code), ""))
        places.append(
            GazetteerPlace(
                city.geonames_id,
                city.country,
                "city",
                name_key(city.name),
                region_key,
                city.latitude,
                city.longitude,
                city.population,
            )
        )
        names.extend((city.geonames_id, key) for key in city.name_keys())
        members[(city.country, city.admin1_code)].append(city)
    for number, ((country, code), name) in enumerate(sorted(region_names.items()), start=1):
        group = members.get((country, code))
        if not group:
            continue
        biggest = max(group, key=lambda c: c.population)
        places.append(
            GazetteerPlace(
                -number,
                country,
                "region",
                name_key(name),
                name_key(name),
                biggest.latitude,
                biggest.longitude,
                sum(c.population for c in group),
            )
        )
        names.extend((-number, key) for key in region_keys(name))
        region_codes[-number] = f"{country}.{code}"
    index = Gazetteer(places, names)
    index.region_codes = region_codes
    return index
