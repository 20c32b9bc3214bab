"""The calendar as plain data: key dates, filters, the agenda's months and the iCalendar document,
without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from twinnings.programme import ical
from twinnings.programme.calendar import (
    KEY_DATE,
    AgreementDates,
    Event,
    add_months,
    agenda,
    key_dates,
    month_window,
    ordered,
    overlaps,
    wanted,
)

LABELS = {"start": "Starts: {title}", "review": "Review: {title}", "end": "Ends: {title}"}


def activity(uid: str, start: date, end: date, status: str = "planned", kind: str = "festival") -> Event:
    return Event(
        uid=uid,
        kind="activity",
        summary=f"Activity {uid}",
        start=start,
        end=end,
        agreement_id=1,
        agreement_title="Köln – Lyon",
        activity_id=int(uid.split("-")[1]),
        type=kind,
        status=status,
        venue="Rathaus",
        host_place="Köln",
    )


def test_key_dates_are_the_known_ones_with_stable_uids() -> None:
    dates = AgreementDates(7, "Köln – Lyon", date(2026, 5, 1), date(2029, 5, 1), None)
    events = key_dates(dates, LABELS)
    assert [(e.uid, e.kind, e.start, e.end, e.summary) for e in events] == [
        ("agreement-7-start", "start", date(2026, 5, 1), date(2026, 5, 1), "Starts: Köln – Lyon"),
        ("agreement-7-review", "review", date(2029, 5, 1), date(2029, 5, 1), "Review: Köln – Lyon"),
    ]


def test_filters_keep_activities_by_status_and_type_or_only_key_dates() -> None:
    held = activity("activity-1", date(2026, 6, 8), date(2026, 6, 15), status="held", kind="student_exchange")
    planned = activity("activity-2", date(2026, 7, 1), date(2026, 7, 1))
    start = key_dates(AgreementDates(1, "T", date(2026, 5, 1), None, None), LABELS)[0]
    everything = [held, planned, start]
    assert [e for e in everything if wanted(e)] == everything
    assert [e for e in everything if wanted(e, status="held")] == [held]
    assert [e for e in everything if wanted(e, kind="festival")] == [planned]
    assert [e for e in everything if wanted(e, kind=KEY_DATE)] == [start]
    assert [e for e in everything if wanted(e, status="held", kind=KEY_DATE)] == []


def test_an_event_overlaps_a_period_by_any_of_its_days() -> None:
    exchange = activity("activity-1", date(2026, 6, 28), date(2026, 7, 3))
    assert overlaps(exchange, date(2026, 7, 1), date(2026, 7, 31))
    assert overlaps(exchange, None, date(2026, 6, 28))
    assert not overlaps(exchange, date(2026, 7, 4), None)
    assert not overlaps(exchange, date(2026, 5, 1), date(2026, 6, 27))


def test_the_agenda_groups_by_month_and_lists_an_exchange_under_way_in_the_first_month() -> None:
    under_way = activity("activity-1", date(2026, 5, 28), date(2026, 6, 3))
    later = activity("activity-2", date(2026, 8, 2), date(2026, 8, 2))
    review = key_dates(AgreementDates(1, "T", None, date(2026, 6, 1), None), LABELS)[0]
    outside = activity("activity-3", date(2026, 12, 1), date(2026, 12, 1))
    months = agenda([later, outside, review, under_way], date(2026, 6, 1), date(2026, 11, 30))
    assert [(m.first_day, [e.uid for e in m.events]) for m in months] == [
        (date(2026, 6, 1), ["activity-1", "agreement-1-review"]),
        (date(2026, 8, 1), ["activity-2"]),
    ]


def test_key_dates_come_before_activities_of_the_same_day() -> None:
    same_day = activity("activity-1", date(2026, 5, 1), date(2026, 5, 1))
    start = key_dates(AgreementDates(1, "T", date(2026, 5, 1), None, None), LABELS)[0]
    assert ordered([same_day, start]) == [start, same_day]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 28), 1, date(2026, 12, 1)),
        (date(2026, 1, 31), -1, date(2025, 12, 1)),
        (date(2026, 3, 5), 12, date(2027, 3, 1)),
    ],
)
def test_add_months_moves_to_a_first_day(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_a_window_of_six_months_ends_on_the_last_day_of_the_sixth() -> None:
    assert month_window(date(2026, 9, 17), 6) == (date(2026, 9, 1), date(2027, 2, 28))


def test_the_icalendar_document_reads_back_with_all_day_dates_and_statuses() -> None:
    updated = datetime(2026, 5, 2, 9, 30, tzinfo=UTC)
    events = [
        activity("activity-1", date(2026, 6, 8), date(2026, 6, 15), status="confirmed"),
        activity("activity-2", date(2026, 7, 1), date(2026, 7, 1), status="planned"),
        activity("activity-3", date(2026, 7, 2), date(2026, 7, 2), status="cancelled"),
        *key_dates(AgreementDates(1, "Köln; Lyon, 2026", date(2026, 5, 1), None, None, updated), LABELS),
    ]
    body = ical.calendar("Köln – Lyon", events, "twinnings.example", lambda e: f"https://twinnings.example/{e.uid}")
    document = icalendar.Calendar.from_ical(body)
    assert str(document["x-wr-calname"]) == "Köln – Lyon"
    parsed = {str(e["uid"]): e for e in document.walk("VEVENT")}
    assert set(parsed) == {
        "activity-1@twinnings.example",
        "activity-2@twinnings.example",
        "activity-3@twinnings.example",
        "agreement-1-start@twinnings.example",
    }
    exchange = parsed["activity-1@twinnings.example"]
    assert exchange.decoded("dtstart") == date(2026, 6, 8)
    assert exchange.decoded("dtend") == date(2026, 6, 16)  # exclusive: the day after the last
    assert str(exchange["status"]) == "CONFIRMED"
    assert str(exchange["location"]) == "Rathaus, Köln"
    assert str(exchange["url"]) == "https://twinnings.example/activity-1"
    assert str(parsed["activity-2@twinnings.example"]["status"]) == "TENTATIVE"
    assert str(parsed["activity-3@twinnings.example"]["status"]) == "CANCELLED"
    start = parsed["agreement-1-start@twinnings.example"]
    assert str(start["summary"]) == "Starts: Köln; Lyon, 2026"  # escaped on the way out, read back whole
    assert start.decoded("dtstamp") == updated
