"""The challenges panel of a pair of places: what makes working together hard — languages, clocks,
travel and calendars — from plain facts about the two places (pure, no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from twinnings.challenges.languages import LanguageComparison, compare_languages
from twinnings.challenges.public_holidays import CalendarComparison, compare_calendars
from twinnings.challenges.timezones import TimeComparison, ZoneChoice, compare_clocks
from twinnings.challenges.travel import Logistics, plan_travel

DEFAULT_PERIOD_DAYS = 90
MAX_PERIOD_DAYS = 366


class PeriodError(ValueError):
    """A period that cannot be compared: a date that does not parse, an end before the start, over a year."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _parse(value: str | None, name: str) -> date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"{name}: “{text[:40]}” is not a date (YYYY-MM-DD)") from None


def parse_period(start: str | None, end: str | None, today: date) -> Period:
    """The period from two optional ISO dates: by default the next DEFAULT_PERIOD_DAYS days from today,
    an end alone counting back from it; at most MAX_PERIOD_DAYS days."""
    first, last = _parse(start, "start"), _parse(end, "end")
    if first is None and last is None:
        first = today
    if first is None:
        assert last is not None
        first = last - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if last is None:
        last = first + timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if last < first:
        raise PeriodError(f"end ({last.isoformat()}) is before start ({first.isoformat()})")
    period = Period(first, last)
    if period.days > MAX_PERIOD_DAYS:
        raise PeriodError(f"the period has {period.days} days; at most {MAX_PERIOD_DAYS} (a year) can be compared")
    return period


@dataclass(frozen=True)
class PlaceFacts:
    id: int
    name: str
    country_code: str
    country_name: str
    continent: str  # GeoNames continent code, "" when unknown
    latitude: float
    longitude: float
    languages: tuple[str, ...]  # official languages of the country, ISO 639
    zone: ZoneChoice


@dataclass(frozen=True)
class Panel:
    a: PlaceFacts
    b: PlaceFacts
    today: date
    period: Period
    languages: LanguageComparison
    time: TimeComparison | None  # None when a zone is unknown
    logistics: Logistics
    calendar: CalendarComparison


def build_panel(a: PlaceFacts, b: PlaceFacts, *, today: date, period: Period, ui_language: str = "en") -> Panel:
    return Panel(
        a=a,
        b=b,
        today=today,
        period=period,
        languages=compare_languages(a.languages, b.languages, ui_language),
        time=compare_clocks(a.zone.zone, b.zone.zone, today),
        logistics=plan_travel((a.latitude, a.longitude), (b.latitude, b.longitude), a.continent, b.continent),
        calendar=compare_calendars(a.country_code, b.country_code, period.start, period.end, ui_language),
    )
