"""What is due on a given day, from plain data: activities starting within two weeks, review and
end dates within sixty days (or passed while the agreement is still in force), and dormant
agreements — in force with nothing held or planned for twelve months. The daily reminder digest
and the municipality dashboard both ask these functions; nothing here touches the database."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

ACTIVITY_DAYS = 14
DATE_DAYS = 60
DORMANT_MONTHS = 12

# Agreement statuses (twinnings.agreements.choices.Status), as plain strings.
REVIEWED = frozenset({"active", "review_due"})  # a review date matters while these last
ENDING = frozenset({"active", "review_due", "suspended"})  # in force: its end is a renewal decision
LIVELY = frozenset({"active", "review_due"})  # expected to have a programme: may become dormant
CLOSED = frozenset({"draft", "ended"})  # no reminder about their activities
UPCOMING = frozenset({"planned", "confirmed"})  # activity statuses still to come

ACTIVITY, REVIEW, END, DORMANT = "activity", "review", "end", "dormant"
KINDS = (ACTIVITY, REVIEW, END, DORMANT)


@dataclass(frozen=True)
class AgreementState:
    id: int
    title: str
    status: str
    start: date | None
    review: date | None
    end: date | None
    last_held: date | None = None  # the last day of its latest activity held
    planned_until: date | None = None  # the last day of its latest planned or confirmed activity


@dataclass(frozen=True)
class ActivityState:
    id: int
    agreement_id: int
    title: str
    start: date
    end: date
    status: str


@dataclass(frozen=True)
class Due:
    kind: str  # one of KINDS
    agreement_id: int
    agreement_title: str
    day: date | None  # the activity's start, the review or end date, the last activity held
    title: str = ""  # the activity's title
    activity_id: int | None = None
    overdue: bool = False  # a review or end date already passed

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "agreement": self.agreement_id,
            "agreement_title": self.agreement_title,
            "day": self.day.isoformat() if self.day else None,
            "title": self.title,
            "activity": self.activity_id,
            "overdue": self.overdue,
        }


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def upcoming_activities(
    activities: Iterable[ActivityState], agreements: dict[int, AgreementState], today: date
) -> list[Due]:
    """Planned or confirmed activities starting today or within ACTIVITY_DAYS, of agreements neither
    drafted nor ended."""
    horizon = today + timedelta(days=ACTIVITY_DAYS)
    return [
        Due(ACTIVITY, a.agreement_id, agreements[a.agreement_id].title, a.start, a.title, a.id)
        for a in sorted(activities, key=lambda a: (a.start, a.id))
        if a.status in UPCOMING
        and today <= a.start <= horizon
        and a.agreement_id in agreements
        and agreements[a.agreement_id].status not in CLOSED
    ]


def dates_due(agreement: AgreementState, today: date) -> list[Due]:
    """The review date and the end date when they fall within DATE_DAYS, or have passed while the
    agreement is still in force (a review not held, an end not decided)."""
    horizon = today + timedelta(days=DATE_DAYS)
    due = []
    if agreement.status in REVIEWED and agreement.review and agreement.review <= horizon:
        due.append(Due(REVIEW, agreement.id, agreement.title, agreement.review, overdue=agreement.review < today))
    if agreement.status in ENDING and agreement.end and agreement.end <= horizon:
        due.append(Due(END, agreement.id, agreement.title, agreement.end, overdue=agreement.end < today))
    return due


def is_dormant(agreement: AgreementState, today: date) -> bool:
    """In force for DORMANT_MONTHS at least, with no activity held since then and none planned or
    confirmed that is still to come or under way."""
    since = months_before(today, DORMANT_MONTHS)
    if agreement.status not in LIVELY or agreement.start is None or agreement.start > since:
        return False
    if agreement.planned_until is not None and agreement.planned_until >= today:
        return False
    return agreement.last_held is None or agreement.last_held < since


def due_items(agreements: Iterable[AgreementState], activities: Iterable[ActivityState], today: date) -> list[Due]:
    """Everything due on `today`, activities first, then review and end dates, then dormant agreements."""
    by_id = {a.id: a for a in agreements}
    items = upcoming_activities(activities, by_id, today)
    ordered = sorted(by_id.values(), key=lambda a: (a.title, a.id))
    for agreement in ordered:
        items.extend(dates_due(agreement, today))
    items.extend(Due(DORMANT, a.id, a.title, a.last_held) for a in ordered if is_dormant(a, today))
    return items
