"""Clocks of two towns: time difference, overlap of office hours, and the days the difference
changes because the two observe daylight-saving time on different dates (pure, no Django)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from twinnings.registry.gazetteer_index import distance_km

OFFICE_OPENS = time(9, 0)
OFFICE_CLOSES = time(17, 0)
LOOKAHEAD_DAYS = 365


class ZoneSource(StrEnum):
    PLACE = "place"  # the place's own zone (GeoNames)
    NEAREST = "nearest"  # the zone of the nearest place of the same country that has one
    COUNTRY = "country"  # the zone most places of the country have
    NONE = "none"  # no zone known at all


@dataclass(frozen=True)
class ZoneChoice:
    zone: str
    source: ZoneSource
    via: str = ""  # for NEAREST: the name of the place whose zone was taken
    via_km: float | None = None


@dataclass(frozen=True)
class NearbyPlace:
    name: str
    latitude: float
    longitude: float
    zone: str


@lru_cache(maxsize=1024)
def zone_info(name: str) -> ZoneInfo | None:
    """The IANA zone, or None for an empty or unknown name."""
    if not name or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def choose_zone(
    own: str,
    latitude: float,
    longitude: float,
    nearby: Sequence[NearbyPlace] = (),
    country_zones: Sequence[str] = (),
) -> ZoneChoice:
    """The place's own zone; else that of the nearest place of the same country with a valid zone;
    else the country's most common zone (`country_zones`, most common first)."""
    if zone_info(own):
        return ZoneChoice(own, ZoneSource.PLACE)
    known = [p for p in nearby if zone_info(p.zone)]
    if known:
        nearest = min(known, key=lambda p: distance_km(latitude, longitude, p.latitude, p.longitude))
        km = distance_km(latitude, longitude, nearest.latitude, nearest.longitude)
        return ZoneChoice(nearest.zone, ZoneSource.NEAREST, nearest.name, round(km, 1))
    for zone in country_zones:
        if zone_info(zone):
            return ZoneChoice(zone, ZoneSource.COUNTRY)
    return ZoneChoice("", ZoneSource.NONE)


@dataclass(frozen=True)
class Overlap:
    """When both offices are open, in each town's local time; minutes is 0 when they never are."""

    minutes: int
    a_start: time | None = None
    a_end: time | None = None
    b_start: time | None = None
    b_end: time | None = None


@dataclass(frozen=True)
class DayClock:
    day: date
    offset_a: int  # minutes east of UTC
    offset_b: int

    overlap: Overlap

    @property
    def difference(self) -> int:
        """Minutes B's clocks are ahead of A's (negative when behind)."""
        return self.offset_b - self.offset_a


@dataclass(frozen=True)
class DifferenceChange:
    before: DayClock
    after: DayClock  # the first day with the new difference

    @property
    def a_moved(self) -> bool:
        return self.before.offset_a != self.after.offset_a

    @property
    def b_moved(self) -> bool:
        return self.before.offset_b != self.after.offset_b


@dataclass(frozen=True)
class TimeComparison:
    zone_a: str
    zone_b: str
    today: DayClock
    changes: tuple[DifferenceChange, ...]  # within the next LOOKAHEAD_DAYS days
    opens: time = OFFICE_OPENS
    closes: time = OFFICE_CLOSES


def _offset_minutes(zone: ZoneInfo, moment: datetime) -> int:
    offset = moment.astimezone(zone).utcoffset()
    return round(offset.total_seconds() / 60) if offset is not None else 0


def _window(zone: ZoneInfo, day: date, opens: time, closes: time) -> tuple[datetime, datetime]:
    start = datetime.combine(day, opens, tzinfo=zone).astimezone(UTC)
    return start, datetime.combine(day, closes, tzinfo=zone).astimezone(UTC)


def _local(moment: datetime, zone: ZoneInfo) -> time:
    return moment.astimezone(zone).time().replace(second=0, microsecond=0)


def office_overlap(zone_a: ZoneInfo, zone_b: ZoneInfo, day: date, opens: time, closes: time) -> Overlap:
    """Overlap of A's office hours on `day` with B's on the same, previous or next local day (across
    the date line B's working day may be A's yesterday or tomorrow)."""
    a_start, a_end = _window(zone_a, day, opens, closes)
    for shift in (0, -1, 1):
        b_start, b_end = _window(zone_b, day + timedelta(days=shift), opens, closes)
        start, end = max(a_start, b_start), min(a_end, b_end)
        if end > start:
            minutes = math.floor((end - start).total_seconds() / 60)
            return Overlap(
                minutes, _local(start, zone_a), _local(end, zone_a), _local(start, zone_b), _local(end, zone_b)
            )
    return Overlap(0)


def _offsets(zone_a: ZoneInfo, zone_b: ZoneInfo, day: date) -> tuple[int, int]:
    """Both offsets on `day`, read at noon in A (after any night-time change of either)."""
    noon = datetime.combine(day, time(12, 0), tzinfo=zone_a)
    return _offset_minutes(zone_a, noon), _offset_minutes(zone_b, noon)


def day_clock(zone_a: ZoneInfo, zone_b: ZoneInfo, day: date, opens: time, closes: time) -> DayClock:
    offset_a, offset_b = _offsets(zone_a, zone_b, day)
    return DayClock(day, offset_a, offset_b, office_overlap(zone_a, zone_b, day, opens, closes))


def compare_clocks(
    zone_a: str,
    zone_b: str,
    today: date,
    *,
    opens: time = OFFICE_OPENS,
    closes: time = OFFICE_CLOSES,
    lookahead_days: int = LOOKAHEAD_DAYS,
) -> TimeComparison | None:
    """Today's difference and overlap, and every day of the coming year on which the difference
    changes; None when either zone is unknown."""
    info_a, info_b = zone_info(zone_a), zone_info(zone_b)
    if info_a is None or info_b is None:
        return None
    first = day_clock(info_a, info_b, today, opens, closes)
    difference, changes = first.difference, []
    for n in range(1, lookahead_days + 1):
        day = today + timedelta(days=n)
        offset_a, offset_b = _offsets(info_a, info_b, day)
        if offset_b - offset_a != difference:  # only then can the office hours' overlap change
            before = day_clock(info_a, info_b, day - timedelta(days=1), opens, closes)
            changes.append(DifferenceChange(before, day_clock(info_a, info_b, day, opens, closes)))
            difference = offset_b - offset_a
    return TimeComparison(zone_a, zone_b, first, tuple(changes), opens, closes)
