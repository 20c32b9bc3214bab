"""Per-country figures of the registry, derived from two small tables read once per registry version:

- the twinnings between each pair of countries (a pair in alphabetical order, a domestic pair
  twice the same code), and
- the twinned places of each country.

The home page, the countries index, every country page and the countries API derive their
figures from these (cached in `services.registry_figures`) instead of aggregating the whole
registry on each request. Apart from the two readers, the functions are pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from twinnings.places.models import Place
from twinnings.registry.models import Twinning

PairCounts = dict[tuple[str, str], int]


@dataclass(frozen=True)
class RegistryFigures:
    """What the registry's aggregate pages need, in two small tables (a few thousand entries)."""

    pairs: PairCounts
    twinned: dict[str, int]  # places with twinnings, per country

    @property
    def twinnings(self) -> int:
        return sum(self.pairs.values())

    @property
    def twinned_places(self) -> int:
        return sum(self.twinned.values())

    @property
    def countries_with_twins(self) -> int:
        """Countries with at least one twinned place."""
        return sum(1 for n in self.twinned.values() if n)

    def twinnings_per_country(self) -> Counter[str]:
        return twinnings_per_country(self.pairs)

    def twinnings_of(self, code: str) -> int:
        return sum(n for (a, b), n in self.pairs.items() if code in (a, b))

    def domestic(self, code: str) -> int:
        return self.pairs.get((code, code), 0)

    def partners(self, code: str) -> Counter[str]:
        return partner_counts(self.pairs, code)

    def twinned_in(self, code: str) -> int:
        return self.twinned.get(code, 0)


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def count_pairs(rows: Iterable[tuple[str, str, int]]) -> PairCounts:
    """(country of place a, country of place b, twinnings) rows -> counts per unordered pair."""
    counts: PairCounts = {}
    for a, b, n in rows:
        key = pair_key(a, b)
        counts[key] = counts.get(key, 0) + n
    return counts


def twinnings_per_country(pairs: PairCounts) -> Counter[str]:
    """Twinnings involving each country, a domestic twinning counted once."""
    per_country: Counter[str] = Counter()
    for (a, b), n in pairs.items():
        per_country[a] += n
        if b != a:
            per_country[b] += n
    return per_country


def partner_counts(pairs: PairCounts, code: str) -> Counter[str]:
    """Twinnings of `code` per partner country (itself for domestic twinnings)."""
    partners: Counter[str] = Counter()
    for (a, b), n in pairs.items():
        if a == code:
            partners[b] += n
        elif b == code:
            partners[a] += n
    return partners


CHUNK = 500  # ids per query when looking up places one by one


def read_pairs() -> PairCounts:
    """Twinnings per pair of countries.

    Read as the twinnings' place ids (an index) and the countries of the twinned places (index
    place_country_twins), counted here: a grouped join of the registry with the gazetteer costs
    several times as much on both databases. A place whose twin_count lags behind the registry
    is looked up by id, so the counts never depend on twin_count being up to date."""
    ends = list(Twinning.objects.order_by().values_list("place_a_id", "place_b_id"))
    country = dict(Place.objects.filter(twin_count__gt=0).order_by().values_list("id", "country_id"))
    missing = sorted({place for pair in ends for place in pair if place not in country})
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        country.update(Place.objects.filter(id__in=chunk).order_by().values_list("id", "country_id"))
    directed = Counter((country[a], country[b]) for a, b in ends)
    return count_pairs((a, b, n) for (a, b), n in directed.items())


def read_twinned() -> dict[str, int]:
    """Places with twinnings per country (one grouped query on index place_country_twins)."""
    rows = Place.objects.filter(twin_count__gt=0).order_by().values_list("country_id").annotate(n=Count("id"))
    return dict(rows.values_list("country_id", "n"))
