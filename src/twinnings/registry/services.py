"""Read use cases of the registry: a place's twins, twins of twins, headline figures."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import CharField, Count, F, Max, Prefetch, Q, QuerySet, Value

from twinnings.places.models import Country, Place
from twinnings.registry.figures import PairCounts, RegistryFigures, read_pairs, read_twinned
from twinnings.registry.filters import TwinningFilter
from twinnings.registry.models import Attestation, Source, Twinning

T = TypeVar("T")


@dataclass(frozen=True)
class TwinRow:
    """A twinning seen from one of its places, with the names of its sources when they were
    read by name (`source_names`), else from its prefetched attestations."""

    twinning: Twinning
    place: Place
    partner: Place
    source_names: tuple[str, ...] | None = None

    @property
    def sources(self) -> list[str]:
        if self.source_names is not None:
            return list(self.source_names)
        return sorted({a.source.name for a in self.twinning.attestations.all()})

    @property
    def shared_languages(self) -> list[str]:
        ours = set(self.place.country.language_list)
        return [code for code in self.partner.country.language_list if code in ours]


def twinning_queryset() -> QuerySet[Twinning]:
    """Twinnings with both places, their countries and regions, and sources: no N+1 on lists."""
    return Twinning.objects.select_related(
        "place_a__country", "place_b__country", "place_a__region", "place_b__region"
    ).prefetch_related(
        Prefetch(
            "attestations",
            queryset=Attestation.objects.select_related("source").only(
                "id", "twinning_id", "source__name", "source__title", "coordinates_flagged"
            ),
        )
    )


def oriented(
    twinnings: QuerySet[Twinning] | list[Twinning], place_id: int | None = None, country: str | None = None
) -> list[TwinRow]:
    """Rows with the given place (or a place of the given country) first."""
    rows = []
    for t in twinnings:
        flip = (place_id is not None and t.place_b_id == place_id) or (
            place_id is None
            and country is not None
            and t.place_a.country_id != country
            and t.place_b.country_id == country
        )
        rows.append(TwinRow(t, t.place_b, t.place_a) if flip else TwinRow(t, t.place_a, t.place_b))
    return rows


def twins_of(place: Place) -> list[TwinRow]:
    qs = twinning_queryset().filter(Q(place_a=place) | Q(place_b=place))
    rows = oriented(qs, place_id=place.pk)
    return sorted(rows, key=lambda r: (r.partner.country.name, r.partner.name))


def twins_of_twins(place: Place, limit: int = 20) -> list[tuple[Place, int]]:
    """Places twinned with this place's twins (not already its twins), by number of shared twins."""
    twin_ids = set()
    for a, b in Twinning.objects.filter(Q(place_a=place) | Q(place_b=place)).values_list("place_a_id", "place_b_id"):
        twin_ids.add(b if a == place.pk else a)
    counts: Counter[int] = Counter()
    second = Twinning.objects.filter(Q(place_a_id__in=twin_ids) | Q(place_b_id__in=twin_ids))
    for a, b in second.values_list("place_a_id", "place_b_id"):
        for this, other in ((a, b), (b, a)):
            if this in twin_ids and other != place.pk and other not in twin_ids:
                counts[other] += 1
    top = counts.most_common(limit)
    places = Place.objects.select_related("country").in_bulk([pid for pid, _ in top])
    return [(places[pid], n) for pid, n in top if pid in places]


@dataclass(frozen=True)
class Stats:
    places: int
    twinnings: int
    countries: int
    twinned_places: int
    sources: list[Source]


def country_pairs() -> PairCounts:
    """Twinnings per pair of countries, read once per registry version."""
    return cached_for_registry("country-pairs", read_pairs)


def registry_figures() -> RegistryFigures:
    """Twinnings per pair of countries and twinned places per country, read once per registry version."""
    return RegistryFigures(pairs=country_pairs(), twinned=cached_for_registry("country-twinned", read_twinned))


def stats() -> Stats:
    figures = registry_figures()
    return Stats(
        places=cached_for_registry("places", Place.objects.count),
        twinnings=figures.twinnings,
        countries=figures.countries_with_twins,
        twinned_places=figures.twinned_places,
        sources=list(Source.objects.all()),
    )


def registry_version() -> str:
    """A key that changes whenever twinnings or attestations are added or removed (for caches)."""
    att = Attestation.objects.order_by().aggregate(last=Max("id"), n=Count("id"))
    tw = Twinning.objects.order_by().aggregate(last=Max("id"), n=Count("id"))
    return f"{att['last'] or 0}.{att['n']}.{tw['last'] or 0}.{tw['n']}"


@dataclass(frozen=True)
class ExportRow(TwinRow):
    """A TwinRow read for export: places without their countries and regions, sources by name."""


def source_names(twinning_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The names of each twinning's sources, sorted (one flat query, no attestation objects)."""
    names: dict[int, set[str]] = {}
    attested = Attestation.objects.filter(twinning_id__in=twinning_ids).order_by()
    for twinning_id, source in attested.values_list("twinning_id", "source__name"):
        names.setdefault(twinning_id, set()).add(source)
    return {twinning_id: tuple(sorted(sources)) for twinning_id, sources in names.items()}


EXPORT_PLACE_FIELDS = ("id", "geonames_id", "name", "country_id", "latitude", "longitude")


def iter_twin_rows(twinning_filter: TwinningFilter, chunk: int = 2000) -> Iterator[ExportRow]:
    """Every twinning matching the filter, oriented, read in bounded chunks (for exports).

    Lean on purpose (about 1 s for the whole registry): places carry only the exported fields,
    and source names come from one flat query per chunk instead of attestation objects.
    """
    qs = (
        twinning_filter.apply(Twinning.objects.all())
        .select_related("place_a", "place_b")
        .only(
            "id",
            "place_a_id",
            "place_b_id",
            "kind",
            "status",
            "since",
            "until",
            "distance_km",
            *[f"place_a__{f}" for f in EXPORT_PLACE_FIELDS],
            *[f"place_b__{f}" for f in EXPORT_PLACE_FIELDS],
        )
        .order_by("id")
    )
    last = 0
    while True:
        batch = list(qs.filter(id__gt=last)[:chunk])
        if not batch:
            return
        names = source_names([t.pk for t in batch])
        for row in oriented(batch, place_id=twinning_filter.place, country=twinning_filter.anchor_country()):
            yield ExportRow(row.twinning, row.place, row.partner, names.get(row.twinning.pk, ()))
        last = batch[-1].pk


@dataclass(frozen=True)
class TwinningMap:
    """A compact drawing of twinnings: lines as [lat, lon, lat, lon] and the busiest places."""

    count: int
    lines: list[list[float]]
    places: list[list[object]]


def twinning_map(twinning_filter: TwinningFilter, limit: int = 4000, hubs: int = 150) -> TwinningMap:
    """The filter's twinnings between the most-twinned places first, bounded by `limit`."""
    qs = twinning_filter.apply(Twinning.objects.all())
    ends = ("id", "latitude", "longitude", "name", "country_id", "twin_count")
    fields = [f"place_a__{f}" for f in ends] + [f"place_b__{f}" for f in ends]
    rows = list(
        qs.annotate(score=F("place_a__twin_count") + F("place_b__twin_count"))
        .order_by("-score", "id")
        .values_list(*fields)[:limit]
    )
    lines = [[round(r[1], 3), round(r[2], 3), round(r[7], 3), round(r[8], 3)] for r in rows]
    places: dict[int, list[object]] = {}
    for r in rows:
        for end in (r[:6], r[6:]):
            places[end[0]] = [end[0], round(end[1], 3), round(end[2], 3), end[3], end[4], end[5]]
    ranked = sorted(places.values(), key=lambda p: -int(p[5]))  # type: ignore[call-overload]
    busiest = ranked[:hubs]
    if twinning_filter.country:  # the anchor country's own places, even when they are not hubs
        busiest += [p for p in ranked[hubs:] if p[4] == twinning_filter.country][:hubs]
    count = len(rows) if len(rows) < limit else qs.count()
    return TwinningMap(count=count, lines=lines, places=busiest)


def partner_countries(code: str, limit: int = 15) -> list[tuple[Country, int]]:
    """Countries twinned with places of `code` (itself included for domestic pairs), most first."""
    counts = registry_figures().partners(code)
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    countries = Country.objects.in_bulk([c for c, _ in top])
    return [(countries[c], n) for c, n in top if c in countries]


@dataclass(frozen=True)
class CountryFigures:
    twinnings: int
    domestic: int
    places: int
    twinned_places: int


def country_figures(code: str) -> CountryFigures:
    figures = registry_figures()
    return CountryFigures(
        twinnings=figures.twinnings_of(code),
        domestic=figures.domestic(code),
        places=Place.objects.filter(country_id=code).count(),
        twinned_places=figures.twinned_in(code),
    )


@dataclass(frozen=True)
class CountryRow:
    country: Country
    twinnings: int
    twinned_places: int


def countries_overview() -> list[CountryRow]:
    """Every country with twinnings: twinnings involving its places and how many places are twinned."""
    figures = registry_figures()
    per_country = figures.twinnings_per_country()
    countries = Country.objects.in_bulk(list(per_country))
    rows = [
        CountryRow(countries[code], n, figures.twinned_in(code)) for code, n in per_country.items() if code in countries
    ]
    return sorted(rows, key=lambda r: (-r.twinnings, r.country.name))


def sources_with_counts() -> QuerySet[Source]:
    """Every source with `twinning_count`: the twinnings it attests."""
    return Source.objects.annotate(twinning_count=Count("attestations__twinning", distinct=True))


REGISTRY_VERSION_TTL = 30  # seconds a process trusts its last look at the registry version
VERSION_KEY = "registry:version"
EDIT_KEY = "registry:edited"
ATTESTATIONS = "*attestations"  # not a status


def current_version() -> str:
    """`registry_version()` with the number of twinnings in each status (a suspension adds no
    row but changes what pages show) and the time of the last edit seen by `registry_changed`,
    cached for REGISTRY_VERSION_TTL seconds (for cache keys)."""
    from django.core.cache import cache

    version: str | None = cache.get(VERSION_KEY)
    if version is None:
        per_status = Twinning.objects.order_by().values_list("status").annotate(last=Max("id"), n=Count("id"))
        attestations = (  # in the same query, as one more row
            Attestation.objects.order_by()
            .annotate(status=Value(ATTESTATIONS, output_field=CharField()))
            .values_list("status")
            .annotate(last=Max("id"), n=Count("id"))
        )
        rows = list(per_status.union(attestations, all=True))
        att = next(row for row in rows if row[0] == ATTESTATIONS)
        statuses = sorted(row for row in rows if row[0] != ATTESTATIONS)
        last, total = max((row[1] or 0 for row in statuses), default=0), sum(row[2] for row in statuses)
        base = f"{att[1] or 0}.{att[2]}.{last}.{total}"  # as registry_version(), in one query
        edited = f"e{cache.get(EDIT_KEY, 0)}"
        version = ".".join([base, *(f"{status}{n}" for status, _last, n in statuses), edited])
        cache.set(VERSION_KEY, version, REGISTRY_VERSION_TTL)
    return version


def forget_version() -> None:
    """After a change made here (an agreement signed, suspended…): this process's pages show it
    at once, other processes within REGISTRY_VERSION_TTL seconds."""
    from django.core.cache import cache

    cache.delete(VERSION_KEY)


def registry_changed() -> None:
    """After a twinning or an attestation was written one by one (signals.py): a new version
    even when every count stays the same (a twinning's kind or dates edited in the admin). At
    once in this process, and in every process when the cache is shared."""
    from django.core.cache import cache

    cache.set(EDIT_KEY, time.time_ns(), None)
    cache.delete(VERSION_KEY)


def cached_for_registry(name: str, compute: Callable[[], T], timeout: int = 24 * 3600) -> T:
    """`compute()` cached (Django cache) until the registry changes.

    The key embeds `registry_version()`, itself cached for REGISTRY_VERSION_TTL seconds, so a
    new import shows within half a minute and a page costs no counting query while it is warm.
    """
    from django.core.cache import cache

    key = f"registry:{current_version()}:{name}"
    value: T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
