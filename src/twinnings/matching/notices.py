"""Matching partner-search notices: does a place fit what a notice seeks, and do two notices
answer each other?

Two notices match mutually when they come from different places, share at least one area of
cooperation, and each place is what the other notice seeks (country or region, size, language).
A notice that names no country, region, size or language accepts any place on that count.
A place whose population is unknown does not fit a size range (as in the partner finder).
Plain data in, plain data out: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Seeking:
    """What a notice asks of a partner place; empty criteria accept anything."""

    countries: frozenset[str] = frozenset()  # ISO 3166-1 alpha-2
    regions: frozenset[int] = frozenset()  # ids of region places
    languages: frozenset[str] = frozenset()  # ISO 639 codes
    min_population: int | None = None
    max_population: int | None = None


@dataclass(frozen=True)
class PlaceFacts:
    id: int
    name: str
    country: str
    region: int | None = None
    population: int = 0  # 0: unknown
    languages: tuple[str, ...] = ()  # official languages of its country


@dataclass(frozen=True)
class NoticeFacts:
    id: int
    place: PlaceFacts
    areas: frozenset[str]
    seeking: Seeking = Seeking()


@dataclass(frozen=True)
class MatchReason:
    code: str  # shared_areas, in_sought_place, size_fits, speaks_sought_language, shared_language
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NoticeMatch:
    notice: int  # the other notice's id
    score: float
    shared_areas: tuple[str, ...]
    reasons: tuple[MatchReason, ...]


def _where_fits(seeking: Seeking, place: PlaceFacts) -> bool:
    if not seeking.countries and not seeking.regions:
        return True
    return place.country in seeking.countries or (place.region is not None and place.region in seeking.regions)


def _size_fits(seeking: Seeking, place: PlaceFacts) -> bool:
    if seeking.min_population is None and seeking.max_population is None:
        return True
    if place.population <= 0:
        return False
    low = seeking.min_population if seeking.min_population is not None else 0
    high = seeking.max_population if seeking.max_population is not None else place.population
    return low <= place.population <= high


def _language_fits(seeking: Seeking, place: PlaceFacts) -> bool:
    return not seeking.languages or bool(seeking.languages & set(place.languages))


def place_fits(seeking: Seeking, place: PlaceFacts) -> bool:
    """The place meets every criterion the notice states."""
    return _where_fits(seeking, place) and _size_fits(seeking, place) and _language_fits(seeking, place)


def fit_reasons(seeking: Seeking, place: PlaceFacts, side: str, seeker: str = "") -> list[MatchReason]:
    """The stated criteria a fitting place meets; `side` (yours, theirs) and `seeker` (a place's
    name) say whose notice states them."""
    reasons = []
    if seeking.countries or seeking.regions:
        by_region = place.country not in seeking.countries
        reasons.append(
            MatchReason(
                "in_sought_place",
                {"side": side, "seeker": seeker, "place": place.name, "country": place.country, "by_region": by_region},
            )
        )
    if seeking.min_population is not None or seeking.max_population is not None:
        reasons.append(
            MatchReason(
                "size_fits",
                {
                    "side": side,
                    "seeker": seeker,
                    "place": place.name,
                    "population": place.population,
                    "min": seeking.min_population,
                    "max": seeking.max_population,
                },
            )
        )
    if seeking.languages:
        spoken = sorted(seeking.languages & set(place.languages))
        reasons.append(
            MatchReason(
                "speaks_sought_language", {"side": side, "seeker": seeker, "place": place.name, "languages": spoken}
            )
        )
    return reasons


def mutual_match(notice: NoticeFacts, other: NoticeFacts) -> NoticeMatch | None:
    """How `other` answers `notice` and the reverse, or None when they do not match mutually.

    Score: one point per shared area, half a point for a shared official language, a quarter
    for each side whose stated place or language criteria the other meets (a precise answer
    counts more than an open one)."""
    if notice.place.id == other.place.id:
        return None
    shared = tuple(sorted(notice.areas & other.areas))
    if not shared:
        return None
    if not place_fits(notice.seeking, other.place) or not place_fits(other.seeking, notice.place):
        return None
    reasons = [MatchReason("shared_areas", {"areas": list(shared)})]
    reasons += fit_reasons(notice.seeking, other.place, "yours", notice.place.name)
    reasons += fit_reasons(other.seeking, notice.place, "theirs", other.place.name)
    languages = sorted(set(notice.place.languages) & set(other.place.languages))
    if languages:
        reasons.append(MatchReason("shared_language", {"languages": languages}))
    precise = sum(
        bool(s.countries or s.regions or s.languages) for s in (notice.seeking, other.seeking)
    )  # fmt: skip
    score = len(shared) + 0.5 * bool(languages) + 0.25 * precise
    return NoticeMatch(other.id, score, shared, tuple(reasons))


def mutual_matches(notice: NoticeFacts, others: Iterable[NoticeFacts], limit: int = 10) -> list[NoticeMatch]:
    """The notices that match `notice` mutually, best first (ties: the older notice first)."""
    found = [m for other in others if other.id != notice.id and (m := mutual_match(notice, other)) is not None]
    found.sort(key=lambda m: (-m.score, m.notice))
    return found[:limit]
