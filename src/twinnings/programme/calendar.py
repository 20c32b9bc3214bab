"""The programme's calendar as plain data: events (activities and an agreement's key dates), the
filters of the agenda and its months. No Django here: services give it rows, pages, the API and
the iCalendar feed render what it returns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

ACTIVITY = "activity"
KEY_DATES = ("start", "review", "end")  # an agreement's start, review date and end, in that order
KEY_DATE = "key_date"  # the type filter's value that keeps only the key dates
STATUSES = ("planned", "confirmed", "held", "cancelled")


@dataclass(frozen=True)
class Event:
    uid: str  # stable across requests and edits: "activity-12", "agreement-3-review"
    kind: str  # ACTIVITY or one of KEY_DATES
    summary: str
    start: date
    end: date  # inclusive: the last day
    agreement_id: int
    agreement_title: str
    activity_id: int | None = None
    type: str = ""
    status: str = ""
    venue: str = ""
    host_place_id: int | None = None
    host_place: str = ""
    description: str = ""
    updated: datetime | None = None
    sequence: int = 0

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.venue, self.host_place) if part)

    @property
    def month(self) -> date:
        return self.start.replace(day=1)


@dataclass(frozen=True)
class AgreementDates:
    id: int
    title: str
    start: date | None
    review: date | None
    end: date | None
    updated: datetime | None = None


def key_dates(agreement: AgreementDates, labels: Mapping[str, str]) -> list[Event]:
    """The agreement's start, review date and end as one-day events. `labels` maps each kind to a
    summary with a `{title}` placeholder, already translated."""
    days = {"start": agreement.start, "review": agreement.review, "end": agreement.end}
    return [
        Event(
            uid=f"agreement-{agreement.id}-{kind}",
            kind=kind,
            summary=labels[kind].format(title=agreement.title),
            start=day,
            end=day,
            agreement_id=agreement.id,
            agreement_title=agreement.title,
            updated=agreement.updated,
        )
        for kind, day in days.items()
        if day is not None
    ]


def wanted(event: Event, status: str = "", kind: str = "") -> bool:
    """A status filter keeps activities of that status (key dates have none); a type filter keeps
    activities of that type, or with KEY_DATE only the key dates."""
    if status and event.status != status:
        return False
    if kind == KEY_DATE:
        return event.kind != ACTIVITY
    return not kind or event.type == kind


def overlaps(event: Event, first: date | None, last: date | None) -> bool:
    return (first is None or event.end >= first) and (last is None or event.start <= last)


def ordered(events: Iterable[Event]) -> list[Event]:
    rank = {kind: i for i, kind in enumerate((*KEY_DATES, ACTIVITY))}
    return sorted(events, key=lambda e: (e.start, rank[e.kind], e.end, e.summary, e.uid))


@dataclass(frozen=True)
class Month:
    first_day: date
    events: list[Event]


def agenda(events: Iterable[Event], first: date, last: date) -> list[Month]:
    """The events overlapping [first, last], grouped by month: an event that began before `first`
    (an exchange under way) is listed in the first month."""
    months: dict[date, list[Event]] = {}
    for event in ordered(e for e in events if overlaps(e, first, last)):
        months.setdefault(max(event.start, first).replace(day=1), []).append(event)
    return [Month(day, listed) for day, listed in sorted(months.items())]


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_window(month: date, months: int) -> tuple[date, date]:
    """From the first day of `month` to the last day `months` months later."""
    first = month.replace(day=1)
    return first, add_months(first, months) - timedelta(days=1)
