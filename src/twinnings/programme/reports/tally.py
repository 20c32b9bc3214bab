"""Counting a year's participants and activities for the report: by town, country, month and age
band, and activities by type and area. Plain rows in, report lines out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from twinnings.programme.reports.data import ActivityLine, GroupCount, Participation


@dataclass(frozen=True)
class GroupRow:
    """One participant group of an activity held: its town (None when only the country is known)."""

    place: str | None
    country: str
    country_name: str
    invited: bool
    age_band: str
    month: int
    count: int


def _participation(
    rows: Iterable[GroupRow], key: Callable[[GroupRow], tuple[str, str, str]]
) -> dict[tuple[str, str, str], list[int]]:
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        sums[key(row)][0 if row.invited else 1] += row.count
    return sums


def _lines(sums: dict[tuple[str, str, str], list[int]]) -> list[Participation]:
    return [
        Participation(key, label, country, invited, local, invited + local)
        for (key, label, country), (invited, local) in sums.items()
    ]


def by_town(rows: Sequence[GroupRow]) -> list[Participation]:
    """Towns by number of participants (most first); a country without a recorded town is one line."""
    lines = _lines(_participation(rows, lambda r: (r.place or "", r.place or r.country_name, r.country)))
    return sorted(lines, key=lambda line: (-line.total, line.label))


def by_country(rows: Sequence[GroupRow]) -> list[Participation]:
    lines = _lines(_participation(rows, lambda r: (r.country, r.country_name, r.country)))
    return sorted(lines, key=lambda line: (-line.total, line.label))


def by_month(rows: Sequence[GroupRow], labels: Sequence[str]) -> list[Participation]:
    """Twelve lines, January to December, months without participants included."""
    sums = _participation(rows, lambda r: (str(r.month), "", ""))
    return [
        Participation(str(month), label, "", invited, local, invited + local)
        for month, label in enumerate(labels, start=1)
        for invited, local in [sums.get((str(month), "", ""), [0, 0])]
    ]


def by_age_band(rows: Sequence[GroupRow], bands: Sequence[tuple[str, str]]) -> list[Participation]:
    """One line per age band that has participants, in the order of `bands` (code, label)."""
    sums = _participation(rows, lambda r: (r.age_band, "", ""))
    return [
        Participation(code, label, "", invited, local, invited + local)
        for code, label in bands
        for invited, local in [sums.get((code, "", ""), [0, 0])]
        if invited + local
    ]


def by_kind(activities: Sequence[ActivityLine], kind: Callable[[ActivityLine], tuple[str, str]]) -> list[GroupCount]:
    """Activities held and their participants per type or area, most activities first."""
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for activity in activities:
        cell = sums[kind(activity)]
        cell[0] += 1
        cell[1] += activity.participants
    lines = [GroupCount(code, label, count, people) for (code, label), (count, people) in sums.items()]
    return sorted(lines, key=lambda line: (-line.activities, line.label))
