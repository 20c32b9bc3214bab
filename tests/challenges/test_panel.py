"""The panel of a pair from plain facts, and the period it compares."""

from __future__ import annotations

from datetime import date

import pytest

from twinnings.challenges.panel import PeriodError, PlaceFacts, build_panel, parse_period
from twinnings.challenges.timezones import ZoneChoice, ZoneSource

TODAY = date(2026, 9, 20)


def facts(name: str, country: str, continent: str, lat: float, lon: float, zone: str, *languages: str) -> PlaceFacts:
    return PlaceFacts(1, name, country, country, continent, lat, lon, languages, ZoneChoice(zone, ZoneSource.PLACE))


COLOGNE = facts("Köln", "DE", "EU", 50.93333, 6.95, "Europe/Berlin", "de")
LYON = facts("Lyon", "FR", "EU", 45.74846, 4.84671, "Europe/Paris", "fr")


def test_the_default_period_is_the_next_90_days() -> None:
    period = parse_period(None, "", TODAY)

    assert (period.start, period.end, period.days) == (TODAY, date(2026, 12, 18), 90)


def test_a_start_or_an_end_alone_spans_90_days() -> None:
    assert parse_period("2026-10-01", None, TODAY).end == date(2026, 12, 29)
    assert parse_period(None, "2026-12-29", TODAY).start == date(2026, 10, 1)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-10-01", "2026-09-30", "is before start"),
        ("2026-01-01", "2027-01-02", "at most 366"),
        ("2026-02-30", None, "not a date"),
        ("tomorrow", None, "not a date"),
        (None, "2026-13-01", "end:"),
    ],
)
def test_a_bad_period_is_refused_with_its_reason(start: str | None, end: str | None, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(start, end, TODAY)


def test_a_whole_year_can_be_compared() -> None:
    assert parse_period("2028-01-01", "2028-12-31", TODAY).days == 366


def test_cologne_and_lyon_share_no_language_but_a_clock() -> None:
    panel = build_panel(COLOGNE, LYON, today=TODAY, period=parse_period("2026-10-01", "2026-10-31", TODAY))

    assert panel.languages.needs_interpretation
    assert panel.time is not None
    assert panel.time.today.difference == 0
    assert panel.time.changes == ()
    assert panel.logistics.suggested == "rail"
    assert [(d.day, d.where) for d in panel.calendar.days] == [(date(2026, 10, 3), "a")]
