"""Entity resolution: a source's (name, country, coordinates) -> one gazetteer place (pure).

Steps for one name (`Resolver.resolve`):
1. the country string becomes an ISO code ("England, United Kingdom" -> GB; "Azores,
   Portugal" -> PT with the region hint "azores"); unknown -> reported;
2. name variants are tried in order: as written, without "(qualifier)", the part before the
   first comma (the rest, or a parenthesised place, is kept as a region hint), "City of"
   dropped, saints spelled out, the district of "Seoul – Gangnam"; a name that denotes an
   administrative unit ("Siedlce County", "Arras (communauté)") matches regions only,
   never its seat town;
3. several candidates: a region hint that matches wins; else source coordinates within
   150 km pick the nearest (coordinates farther than that from every candidate are not
   trusted, and flagged); else the primary-name match; else the most populous when it
   clearly dominates; else the row is reported as ambiguous, with its candidates;
4. no candidate: a town nearby with a close spelling (transliterations); for sources whose
   coordinates beat their country strings, the name at the coordinates in another country;
   otherwise, when the source's coordinates lie in the claimed country, a new place (an
   area) is proposed with the source's name and coordinates.
`resolve_pair` resolves both ends of a row and settles what stays open with what other
datasets say about the same pair, and with what earlier sources established.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from twinnings.core.text import drop_qualifiers, name_key
from twinnings.places.gazetteer import ADMIN_WORDS, region_keys
from twinnings.registry.countries import country_code
from twinnings.registry.crossref import Hint, PartnerHints
from twinnings.registry.gazetteer_index import Gazetteer, GazetteerPlace, distance_km
from twinnings.registry.sources import Endpoint

TRUST_KM = 150.0
CLOSE_KM = 30.0
SIMILAR = 0.8
DOMINANCE = 3.0

ADMIN = re.compile(rf"\b(?:{ADMIN_WORDS})\b")
CITY_AFFIX = re.compile(r"^(?:city|town|village|municipality)\s+of\s+|\s+(?:city|town)$")
SAINT = re.compile(r"^(st|ste|san|sankt|saint|sainte|santa|sint)\s+")
SAINT_FORMS = {
    "st": ["saint", "sankt", "san", "santa", "sint"],
    "ste": ["sainte"],
    "saint": ["st", "sankt", "san"],
    "sankt": ["saint", "st"],
    "sainte": ["ste"],
    "san": ["saint"],
    "santa": ["saint"],
    "sint": ["saint"],
}
DASH = re.compile(r"\s+[–—-]\s+")
INSIDE_PARENS = re.compile(r"[\(\[]([^\)\]]+)[\)\]]")


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
    candidates: tuple[int, ...] = ()  # when ambiguous: the places it could be, most likely first
    new_place: NewPlace | None = None  # not in the gazetteer, but located by the source: create it
    by_population: bool = False  # chosen among homonyms only for being much the largest

    @property
    def ok(self) -> bool:
        return self.place_id is not None


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

    def resolve(
        self,
        name: str,
        country: str | None,
        lat: float | None = None,
        lon: float | None = None,
        trust_coordinates: bool = False,
    ) -> Resolution:
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
                    return self._choose(candidates, key, hint, point, name_only=False, strict=True, source_name=name)
        if code is not None and point is not None and not v.is_admin:
            similar = self._near_and_similar(code, v.keys, point)
            if similar is not None:
                return similar
        if code is not None and point is not None and trust_coordinates:
            elsewhere = self._elsewhere(v.keys, point)
            if elsewhere is not None:
                return elsewhere
        return self._not_found(name, code, point)

    def _not_found(
        self, name: str, code: str | None, point: tuple[float, float] | None, reason: str = ""
    ) -> Resolution:
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
                for p in self.gazetteer.lookup_anywhere(key)
                if p.kind != "area"
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
        self,
        candidates: list[GazetteerPlace],
        key: str,
        hint: str,
        point: tuple[float, float] | None,
        name_only: bool,
        strict: bool = False,
        source_name: str = "",
    ) -> Resolution:
        flagged = False
        hinted = [p for p in candidates if hint and p.region_key and (p.region_key == hint or hint in p.region_key)]
        if hinted:  # a region named in the source outranks its coordinates
            candidates = hinted
        if point is not None:
            near = sorted((distance_km(*point, p.latitude, p.longitude), p.population, p.id) for p in candidates)
            nearest_km = near[0][0]
            if hint and not hinted and nearest_km > CLOSE_KM and self._plausible(candidates[0].country, point):
                return self._not_found(
                    source_name,
                    candidates[0].country,
                    point,
                    f"no place named {key!r} in {hint!r} near the source's coordinates",
                )
            if nearest_km <= TRUST_KM:
                close = [n for n in near if n[0] <= max(CLOSE_KM, nearest_km * 1.5)]
                return Resolution(max(close, key=lambda n: n[1])[2] if len(close) > 1 else near[0][2])
            flagged = True
            if strict and self._plausible(candidates[0].country, point):
                # the coordinates are in the right country but far from every candidate, and
                # nothing else vouches for one: the place is not in the gazetteer
                return self._not_found(
                    source_name, candidates[0].country, point, f"no place named {key!r} near the source's coordinates"
                )
        if len(candidates) == 1 and not strict:
            return Resolution(candidates[0].id, flagged=flagged)
        primary = [p for p in candidates if p.name_key == key]
        pool = primary or candidates
        ranked = sorted(pool, key=lambda p: -p.population)
        runner_up = ranked[1].population if len(ranked) > 1 else 0
        factor = DOMINANCE * (3 if name_only or strict else 1)
        dominant = (len(ranked) == 1 and not strict) or ranked[0].population >= factor * max(runner_up, 1)
        # with no country, an alternate name shared by several places is no evidence at all
        if dominant and not (name_only and not primary and len(ranked) > 1):
            return Resolution(ranked[0].id, flagged=flagged, by_population=len(candidates) > 1)
        ordered = tuple(p.id for p in sorted(candidates, key=lambda p: -p.population))
        return Resolution(
            None, f"ambiguous between {len(candidates)} places named {key!r}", flagged, candidates=ordered
        )


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


def resolve_pair(
    resolver: Resolver,
    a: Endpoint,
    b: Endpoint,
    trust_coordinates: bool = False,
    hints: PartnerHints | None = None,
    evidence: Evidence | None = None,
) -> tuple[Resolution, Resolution]:
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
