"""Entity resolution: a source's (name, country, coordinates) -> one gazetteer place (pure).

The gazetteer is handed in as plain records, so this module is testable without a
database and usable from the import, the CLI and the benchmarks. Steps for one name:

1. the country string becomes an ISO code (`countries.country_code`); unknown -> reported;
2. name variants are tried in order: as written, without "(qualifier)", the part before
   the first comma (the rest is kept as a region hint), without region words
   ("Osaka Prefecture" -> region "Osaka"), with "St."/"Saint"/"Sankt" spelled out;
3. candidates are places of that country with that name in any language; region-worded
   names look at regions first, other names at towns first and regions after;
4. several candidates: source coordinates within 150 km pick the nearest (coordinates
   farther than that from every candidate are not trusted, and flagged); else a region
   hint; else the primary-name match; else the most populous when it clearly dominates;
5. otherwise the row is reported as ambiguous, with the number of candidates.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from twinnings.core.text import drop_qualifiers, name_key
from twinnings.places.gazetteer import ADMIN_WORDS, CityRecord, RegionRecord, region_keys
from twinnings.registry.crossref import Hint, PartnerHints
from twinnings.registry.sources import Endpoint
from twinnings.registry.countries import country_code

TRUST_KM = 150.0
CLOSE_KM = 30.0
SIMILAR = 0.8
DOMINANCE = 3.0

ADMIN = re.compile(rf"\b(?:{ADMIN_WORDS})\b")
CITY_AFFIX = re.compile(r"^(?:city|town|village|municipality)\s+of\s+|\s+(?:city|town)$")
SAINT = re.compile(r"^(st|ste|san|sankt|saint|sainte|santa|sint)\s+")
SAINT_FORMS = {"st": ["saint", "sankt", "san", "santa", "sint"], "ste": ["sainte"], "saint": ["st", "sankt", "san"],
               "sankt": ["saint", "st"], "sainte": ["ste"], "san": ["saint"], "santa": ["saint"], "sint": ["saint"]}
DASH = re.compile(r"\s+[–—-]\s+")
INSIDE_PARENS = re.compile(r"[\(\[]([^\)\]]+)[\)\]]")
@dataclass(frozen=True)
class GazetteerPlace:
    id: int
    country: str
    kind: str  # "city" or "region"
    name_key: str
    region_key: str
    latitude: float
    longitude: float
    population: int
    origin: str = ""  # for areas: the source that created them


@dataclass(frozen=True)
class NewPlace:
    """A local authority the gazetteer lacks (a borough, a municipality, a village under 500
    inhabitants), named and located by a source whose coordinates lie in the claimed country."""

    name: str
    country: str
    latitude: float
    longitude: float

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True)
class Resolution:
    place_id: int | None
    reason: str = ""
    flagged: bool = False  # the source's coordinates are far from the chosen place
    approximate: bool = False  # the name is not in the gazetteer: nearest place to the source's coordinates
    candidates: tuple[int, ...] = ()  # when ambiguous: the places it could be, most likely first
    new_place: NewPlace | None = None  # not in the gazetteer, but located by the source: create it
    by_population: bool = False  # chosen among homonyms only for being much the largest

    @property
    def ok(self) -> bool:
        return self.place_id is not None


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
                for p in self.places.values() if p.kind != "area"
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


def _add(keys: list[str], text: str) -> None:
    key = name_key(text)
    if key and key not in keys:
        keys.append(key)


@dataclass
class Variants:
    """How a source's name may appear in the gazetteer."""

    keys: list[str]  # names of towns (or regions), most literal first
    region_keys: list[str]  # an administrative unit's name without its admin words: regions only
    hint: str  # a region named beside the place ("Córdoba, Bolívar", "Tempelhof (Berlin)")
    is_admin: bool  # the name denotes an administrative unit (county, district, municipality…)


def name_variants(raw: str) -> Variants:
    text = raw.replace("_", " ").strip()
    inner = INSIDE_PARENS.findall(text)
    base = drop_qualifiers(text)
    head, _, tail = base.partition(",")
    admin_qualifier = any(ADMIN.search(name_key(q)) for q in inner)
    hint = name_key(tail) or next((name_key(q) for q in inner if not ADMIN.search(name_key(q))), "")
    head_key = name_key(head)
    is_admin = admin_qualifier or bool(ADMIN.search(head_key))
    keys: list[str] = []
    if not admin_qualifier:
        for candidate in (text, base, head):
            _add(keys, candidate)
    if is_admin:
        keys = [k for k in keys if not ADMIN.search(k)]
    for key in list(keys):
        _add(keys, CITY_AFFIX.sub("", key))
        match = SAINT.match(key)
        if match:
            for form in SAINT_FORMS.get(match.group(1), []):
                _add(keys, form + key[match.end(1) :])
    parts = DASH.split(head)
    if len(parts) > 1:  # "Seoul – Gangnam": the district itself, never the city around it
        _add(keys, parts[-1])
    region = [k for k in region_keys(head) if k not in keys] if is_admin else []
    return Variants(keys, region, hint, is_admin)


def split_country(country: str) -> tuple[str | None, str]:
    """("Azores, Portugal") -> ("PT", "azores"): the country and any region named with it."""
    code = country_code(country)
    if code is None or "," not in country:
        return code, ""
    extra = [p for p in country.split(",") if country_code(p.strip()) is None]
    return code, name_key(extra[0]) if extra else ""


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # areas (places created by imports) a source may match: its own and earlier sources'
        # (None: all), so that importing a source never depends on sources ranked after it
        self.area_origins: set[str] | None = None

    def _allowed(self, place: GazetteerPlace) -> bool:
        return place.kind != "area" or self.area_origins is None or place.origin in self.area_origins

    def resolve(self, name: str, country: str | None, lat: float | None = None, lon: float | None = None,
                trust_coordinates: bool = False) -> Resolution:
        """Resolve one endpoint; `country` None means the source has no country (name only).
        `trust_coordinates`: the source's coordinates are better than its country strings."""
        if not name or not name.strip():
            return Resolution(None, "empty name")
        code: str | None = None
        country_hint = ""
        if country is not None:
            code, country_hint = split_country(country)
            if code is None and "," in name:  # "Varna, Bulgaria" with an empty country column
                head, _, tail = name.rpartition(",")
                code, name = country_code(tail), head
            if code is None:
                return Resolution(None, f"unknown country {country!r}")
        if code is not None:  # an area an earlier import created under this very name
            areas = [p for p in self._lookup(code, name_key(name)) if p.kind == "area"]
            if len(areas) == 1:
                return Resolution(areas[0].id)
        v = name_variants(name)
        hint = v.hint or country_hint
        point = (lat, lon) if lat is not None and lon is not None else None
        for key in v.keys:
            candidates = self._candidates(code, key, v.is_admin)
            if candidates:
                return self._choose(candidates, key, hint, point, name_only=code is None, source_name=name)
        for key in v.region_keys:
            regions = [p for p in self._lookup(code, key) if p.kind == "region"]
            if regions:
                return self._choose(regions, key, hint, point, name_only=code is None)
        if code is not None and not v.is_admin:
            for key in v.keys[:2]:
                candidates = [p for p in self.gazetteer.lookup_prefix(code, key) if p.kind == "city"]
                if candidates:
                    return self._choose(candidates, key, hint, point, name_only=False, strict=True,
                                        source_name=name)
        if code is not None and point is not None and not v.is_admin:
            similar = self._near_and_similar(code, v.keys, point)
            if similar is not None:
                return similar
        if code is not None and point is not None and trust_coordinates:
            elsewhere = self._elsewhere(v.keys, point)
            if elsewhere is not None:
                return elsewhere
        return self._not_found(name, code, point)

    def _not_found(self, name: str, code: str | None, point: tuple[float, float] | None,
                   reason: str = "") -> Resolution:
        where = f" in {code}" if code else ""
        reason = reason or f"no such place{where}: {name!r}"
        if code is not None and point is not None and self._plausible(code, point):
            return Resolution(None, reason, new_place=NewPlace(name.replace("_", " ").strip(), code, *point))
        return Resolution(None, reason)

    def _near_and_similar(self, code: str, keys: list[str], point: tuple[float, float]) -> Resolution | None:
        """A town within 10 km of the source's coordinates whose name is a close spelling
        of the source's (transliterations: "Kamyenyets" ~ "Kamenets", "Zelva" ~ "Zel'va")."""
        best: tuple[float, int] | None = None
        for place in self.gazetteer.cities_near(code, point[0], point[1], 10.0):
            for own in self.gazetteer.keys_of(place.id):
                ratio = max(difflib.SequenceMatcher(None, key, own).ratio() for key in keys[:3])
                if ratio >= SIMILAR and (best is None or ratio > best[0]):
                    best = (ratio, place.id)
        return Resolution(best[1]) if best else None

    def _lookup(self, code: str | None, key: str) -> list[GazetteerPlace]:
        found = self.gazetteer.lookup(code, key) if code else self.gazetteer.lookup_anywhere(key)
        return [p for p in found if self._allowed(p)]

    def _elsewhere(self, keys: list[str], point: tuple[float, float]) -> Resolution | None:
        """The name at the source's coordinates but in another country than the one claimed
        (for sources whose country column is less reliable than their coordinates)."""
        for key in keys[:3]:
            near = [
                (distance_km(*point, p.latitude, p.longitude), p.id)
                for p in self.gazetteer.lookup_anywhere(key) if p.kind != "area"
            ]
            near = [n for n in near if n[0] <= 25.0]
            if near:
                return Resolution(min(near)[1], flagged=True)
        return None

    def _candidates(self, code: str | None, key: str, is_admin: bool) -> list[GazetteerPlace]:
        found = self._lookup(code, key)
        towns = [p for p in found if p.kind != "region"]  # towns, and areas created by imports
        regions = [p for p in found if p.kind == "region"]
        return regions if is_admin else (towns or regions)

    def _plausible(self, code: str, point: tuple[float, float]) -> bool:
        """Whether the coordinates can lie in the claimed country (a town of it in the same or
        a neighbouring 1° cell)."""
        return self.gazetteer.country_near(code, point[0], point[1])

    def _choose(
        self, candidates: list[GazetteerPlace], key: str, hint: str, point: tuple[float, float] | None,
        name_only: bool, strict: bool = False, source_name: str = "",
    ) -> Resolution:
        flagged = False
        hinted = [p for p in candidates if hint and p.region_key and (p.region_key == hint or hint in p.region_key)]
        if hinted:  # a region named in the source outranks its coordinates
            candidates = hinted
        if point is not None:
            near = sorted((distance_km(*point, p.latitude, p.longitude), p.population, p.id) for p in candidates)
            nearest_km = near[0][0]
            if hint and not hinted and nearest_km > CLOSE_KM and self._plausible(candidates[0].country, point):
                return self._not_found(source_name, candidates[0].country, point,
                                       f"no place named {key!r} in {hint!r} near the source's coordinates")
            if nearest_km <= TRUST_KM:
                close = [n for n in near if n[0] <= max(CLOSE_KM, nearest_km * 1.5)]
                return Resolution(max(close, key=lambda n: n[1])[2] if len(close) > 1 else near[0][2])
            flagged = True
            if strict and self._plausible(candidates[0].country, point):
                # the coordinates are in the right country but far from every candidate, and
                # nothing else vouches for one: the place is not in the gazetteer
                return self._not_found(source_name, candidates[0].country, point,
                                       f"no place named {key!r} near the source's coordinates")
        if len(candidates) == 1 and not strict:
            return Resolution(candidates[0].id, flagged=flagged)
        primary = [p for p in candidates if p.name_key == key]
        pool = primary or candidates
        ranked = sorted(pool, key=lambda p: -p.population)
        runner_up = ranked[1].population if len(ranked) > 1 else 0
        factor = DOMINANCE * (3 if name_only or strict else 1)
        if len(ranked) == 1 and not strict or ranked[0].population >= factor * max(runner_up, 1):
            if not (name_only and primary == [] and len(ranked) > 1):
                return Resolution(ranked[0].id, flagged=flagged, by_population=len(candidates) > 1)
        ordered = tuple(p.id for p in sorted(candidates, key=lambda p: -p.population))
        return Resolution(None, f"ambiguous between {len(candidates)} places named {key!r}", flagged,
                          candidates=ordered)


@dataclass
class Evidence:
    """What earlier (higher-ranked) sources already established, to settle ambiguous names:
    a pair of candidates that is already twinned, or a single candidate that already has twins."""

    pairs: set[tuple[int, int]]
    twinned: set[int]

    def settle(self, ra: Resolution, rb: Resolution) -> tuple[Resolution, Resolution]:
        if ra.ok and rb.ok:
            return ra, rb
        options_a = (ra.place_id,) if ra.place_id is not None else ra.candidates
        options_b = (rb.place_id,) if rb.place_id is not None else rb.candidates
        if not options_a or not options_b:
            return ra, rb
        known = [(x, y) for x in options_a for y in options_b if (min(x, y), max(x, y)) in self.pairs]
        if len(known) == 1:
            x, y = known[0]
            return Resolution(x, flagged=ra.flagged), Resolution(y, flagged=rb.flagged)
        return self._by_twinned(ra, options_a), self._by_twinned(rb, options_b)

    def _by_twinned(self, resolution: Resolution, options: tuple[int, ...]) -> Resolution:
        if resolution.ok:
            return resolution
        twinned = [pid for pid in options if pid in self.twinned]
        if len(twinned) == 1:
            return Resolution(twinned[0], flagged=resolution.flagged)
        return resolution


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
        places.append(GazetteerPlace(city.geonames_id, city.country, "city", name_key(city.name), region_key,
                                     city.latitude, city.longitude, city.population))
        names.extend((city.geonames_id, key) for key in city.name_keys())
        members[(city.country, city.admin1_code)].append(city)
    for number, ((country, code), name) in enumerate(sorted(region_names.items()), start=1):
        group = members.get((country, code))
        if not group:
            continue
        biggest = max(group, key=lambda c: c.population)
        places.append(GazetteerPlace(-number, country, "region", name_key(name), name_key(name),
                                     biggest.latitude, biggest.longitude, sum(c.population for c in group)))
        names.extend((-number, key) for key in region_keys(name))
        region_codes[-number] = f"{country}.{code}"
    index = Gazetteer(places, names)
    index.region_codes = region_codes
    return index


def resolve_pair(resolver: Resolver, a: Endpoint, b: Endpoint, trust_coordinates: bool = False,
                 hints: PartnerHints | None = None, evidence: Evidence | None = None) -> tuple[Resolution, Resolution]:
    """Resolve both ends of a source row. An end that stays ambiguous, or whose coordinates
    were not trusted, is tried again with what other datasets say about the same pair."""
    ra = resolver.resolve(a.name, a.country, a.latitude, a.longitude, trust_coordinates)
    rb = resolver.resolve(b.name, b.country, b.latitude, b.longitude, trust_coordinates)
    if hints is not None:
        ra = _with_hints(resolver, ra, a, hints.lookup(a, b))
        rb = _with_hints(resolver, rb, b, hints.lookup(b, a))
    if evidence is not None:
        ra, rb = evidence.settle(ra, rb)
    return ra, rb


def _with_hints(resolver: Resolver, first: Resolution, end: Endpoint, hints: list[Hint]) -> Resolution:
    """A qualifier from another dataset ("Shenandoah, Iowa") settles any end; its coordinates
    only an end that was ambiguous, untrusted, or chosen for its population alone."""
    if not hints or end.country is None:
        return first
    unsure = not first.ok or first.flagged or first.by_population
    found: set[int] = set()
    for hint in hints:
        qualifier = hint.qualifier if hint.qualifier and country_code(hint.qualifier) is None else ""
        if not qualifier and not unsure:
            continue
        name = f"{drop_qualifiers(end.name)}, {qualifier}" if qualifier else end.name
        point = (hint.latitude, hint.longitude) if unsure else (None, None)
        again = resolver.resolve(name, end.country, *point)
        if not again.ok or again.flagged or again.place_id is None:
            continue
        region = resolver.gazetteer.places[again.place_id].region_key
        if unsure or name_key(qualifier) in region:  # a qualifier counts only where it named the region
            found.add(again.place_id)
    if len(found) == 1:  # the other datasets agree on one place
        return Resolution(found.pop(), flagged=first.flagged)
    return first
