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
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from twinnings.core.text import drop_qualifiers, name_key
from twinnings.registry.countries import country_code

TRUST_KM = 150.0
NEAREST_KM = 8.0
DOMINANCE = 3.0

REGION_WORDS = re.compile(
    r"^(?:province|prefecture|region|county|state|department|departement|governorate|oblast|krai|"
    r"voivodeship|canton|district|municipality|city|town|borough|autonomous community|republic|"
    r"metropolitan city|free state|land|shire)\s+of\s+|"
    r"\s+(?:province|prefecture|region|county|state|department|governorate|oblast|krai|kray|"
    r"voivodeship|canton|district|municipality|metropolitan city|city|town|borough|county borough|"
    r"autonomous region|autonomous community|raion|rayon|okrug|aimag|regional unit|"
    r"metropolitan borough|council|parish|township|village|gmina|powiat|landkreis|kreis)$"
)
REGION_HINT = re.compile(
    r"\b(?:province|prefecture|region|county|state|oblast|krai|voivodeship|governorate|canton|"
    r"department|autonomous community|okrug)\b"
)
SAINT = re.compile(r"^(st|ste|san|sankt|saint|sainte|santa|sint)\s+")
SAINT_FORMS = {"st": ["saint", "sankt", "san", "santa", "sint"], "ste": ["sainte"], "saint": ["st", "sankt", "san"],
               "sankt": ["saint", "st"], "sainte": ["ste"], "san": ["saint"], "santa": ["saint"], "sint": ["saint"]}


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


@dataclass(frozen=True)
class Resolution:
    place_id: int | None
    reason: str = ""
    flagged: bool = False  # the source's coordinates are far from the chosen place
    approximate: bool = False  # the name is not in the gazetteer: nearest place to the source's coordinates
    candidates: tuple[int, ...] = ()  # when ambiguous: the places it could be, most likely first

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
        for place_id, key in names:
            place = self.places.get(place_id)
            if place is not None:
                self._by_key[(place.country, key)].append(place_id)
                self._anywhere[key].append(place_id)
        self._sorted_keys = sorted(self._by_key)
        self._grid: dict[tuple[int, int], list[int]] | None = None

    def nearest_city(self, country: str, lat: float, lon: float, within_km: float) -> GazetteerPlace | None:
        """The nearest town of `country` to a point, if one lies within `within_km` (0.1° grid)."""
        if self._grid is None:
            self._grid = defaultdict(list)
            for place in self.places.values():
                if place.kind == "city":
                    self._grid[(round(place.latitude * 10), round(place.longitude * 10))].append(place.id)
        cell_lat, cell_lon = round(lat * 10), round(lon * 10)
        best: tuple[float, int] | None = None
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for pid in self._grid.get((cell_lat + dlat, cell_lon + dlon), ()):
                    place = self.places[pid]
                    if place.country != country:
                        continue
                    km = distance_km(lat, lon, place.latitude, place.longitude)
                    if km <= within_km and (best is None or km < best[0]):
                        best = (km, pid)
        return self.places[best[1]] if best else None

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


DASH = re.compile(r"\s+[–—-]\s+")
LEADING = re.compile(r"^(?:county|greater|city|municipality|borough|district|town|metropolitan|royal)\s+")
INSIDE_PARENS = re.compile(r"[\(\[]([^\)\]]+)[\)\]]")


def _add(keys: list[str], text: str) -> None:
    key = name_key(text)
    if key and key not in keys:
        keys.append(key)


def name_variants(raw: str) -> tuple[list[str], str, bool]:
    """(name keys to try in order, region hint key, whether the name reads as a region)."""
    text = raw.replace("_", " ").strip()
    base = drop_qualifiers(text)
    head, _, tail = base.partition(",")
    hint = name_key(tail)
    keys: list[str] = []
    for candidate in (text, base, head):
        _add(keys, candidate)
    is_region = bool(REGION_HINT.search(name_key(head)))
    for key in list(keys):
        _add(keys, LEADING.sub("", REGION_WORDS.sub("", key).strip()))
        _add(keys, REGION_WORDS.sub("", LEADING.sub("", key)).strip())
        match = SAINT.match(key)
        if match:
            for form in SAINT_FORMS.get(match.group(1), []):
                _add(keys, form + key[match.end(1) :])
    # "Berlin – Tempelhof-Schöneberg": the district, then the city
    parts = DASH.split(head)
    if len(parts) > 1:
        for part in reversed(parts):
            _add(keys, part)
    # "Prague 1 (Prague)": the place the qualifier names
    for inner in INSIDE_PARENS.findall(text):
        if hint == "":
            hint = name_key(inner)
    return keys, hint, is_region


def fallback_variants(raw: str) -> list[str]:
    """Last resorts, tried only when every other variant failed: the parenthesised place
    ("Prague 1 (Prague)" -> Prague) and the first of joined names ("Reigate and Banstead")."""
    text = raw.replace("_", " ").strip()
    keys: list[str] = []
    for inner in INSIDE_PARENS.findall(text):
        _add(keys, inner)
    head = drop_qualifiers(text).partition(",")[0]
    for joiner in (" and ", " & ", "-"):
        if joiner in head:
            _add(keys, head.split(joiner)[0])
    return keys


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, name: str, country: str | None, lat: float | None = None, lon: float | None = None) -> Resolution:
        """Resolve one endpoint; `country` None means the source has no country (name only)."""
        if not name or not name.strip():
            return Resolution(None, "empty name")
        code: str | None = None
        if country is not None:
            code = country_code(country)
            if code is None:
                return Resolution(None, f"unknown country {country!r}")
        keys, hint, is_region = name_variants(name)
        for key in keys:
            candidates = self._candidates(code, key, is_region)
            if candidates:
                return self._choose(candidates, key, hint, lat, lon, name_only=code is None)
        if code is not None:
            for key in keys[:2]:
                candidates = [p for p in self.gazetteer.lookup_prefix(code, key) if p.kind == "city"]
                if candidates:
                    return self._choose(candidates, key, hint, lat, lon, name_only=False, strict=True)
            for key in fallback_variants(name):
                candidates = self._candidates(code, key, is_region)
                if candidates:
                    chosen = self._choose(candidates, key, "", lat, lon, name_only=False)
                    return Resolution(chosen.place_id, chosen.reason, chosen.flagged, True, chosen.candidates)
            if lat is not None and lon is not None:
                near = self.gazetteer.nearest_city(code, lat, lon, NEAREST_KM)
                if near is not None:
                    return Resolution(near.id, approximate=True)
                elsewhere = self._elsewhere(keys, lat, lon)
                if elsewhere is not None:
                    return elsewhere
        where = f" in {code}" if code else ""
        return Resolution(None, f"no such place{where}: {name!r}")

    def _elsewhere(self, keys: list[str], lat: float, lon: float) -> Resolution | None:
        """The name at the source's coordinates but in another country than the one claimed
        (a source's country column can be wrong where its coordinates are right)."""
        for key in keys[:3]:
            near = [
                (distance_km(lat, lon, p.latitude, p.longitude), p.id)
                for p in self.gazetteer.lookup_anywhere(key)
            ]
            near = [n for n in near if n[0] <= 25.0]
            if near:
                return Resolution(min(near)[1], flagged=True)
        return None

    def _candidates(self, code: str | None, key: str, is_region: bool) -> list[GazetteerPlace]:
        found = self.gazetteer.lookup(code, key) if code else self.gazetteer.lookup_anywhere(key)
        cities = [p for p in found if p.kind == "city"]
        regions = [p for p in found if p.kind == "region"]
        first, second = (regions, cities) if is_region else (cities, regions)
        return first or second

    def _choose(
        self, candidates: list[GazetteerPlace], key: str, hint: str, lat: float | None, lon: float | None,
        name_only: bool, strict: bool = False,
    ) -> Resolution:
        flagged = False
        if lat is not None and lon is not None:
            near = sorted((distance_km(lat, lon, p.latitude, p.longitude), p.population, p.id) for p in candidates)
            nearest_km = near[0][0]
            if nearest_km <= TRUST_KM:
                close = [n for n in near if n[0] <= max(25.0, nearest_km * 1.5)]
                return Resolution(max(close, key=lambda n: n[1])[2] if len(close) > 1 else near[0][2])
            flagged = True
        if len(candidates) == 1 and not strict:
            return Resolution(candidates[0].id, flagged=flagged)
        if hint:
            hinted = [p for p in candidates if p.region_key and (p.region_key == hint or hint in p.region_key)]
            if len(hinted) == 1:
                return Resolution(hinted[0].id, flagged=flagged)
            if hinted:
                candidates = hinted
        primary = [p for p in candidates if p.name_key == key]
        pool = primary or candidates
        ranked = sorted(pool, key=lambda p: -p.population)
        runner_up = ranked[1].population if len(ranked) > 1 else 0
        factor = DOMINANCE * (3 if name_only or strict else 1)
        if len(ranked) == 1 and not strict or ranked[0].population >= factor * max(runner_up, 1):
            if not (name_only and primary == [] and len(ranked) > 1):
                return Resolution(ranked[0].id, flagged=flagged)
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
