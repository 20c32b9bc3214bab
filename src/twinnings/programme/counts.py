"""The participant counts of an activity as a table: one row per town (or country) and side
(invited or local), one column per age band used, with totals. Plain data in and out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Counted:
    label: str
    invited: bool
    age_band: str
    count: int


@dataclass(frozen=True)
class CountRow:
    label: str
    invited: bool
    cells: list[int]

    @property
    def total(self) -> int:
        return sum(self.cells)


@dataclass(frozen=True)
class CountTable:
    bands: list[tuple[str, str]]  # (code, label) of the age bands that have anyone
    rows: list[CountRow]
    band_totals: list[int]
    invited: int
    local: int

    @property
    def total(self) -> int:
        return self.invited + self.local


def count_table(groups: Iterable[Counted], bands: Sequence[tuple[str, str]]) -> CountTable:
    """Invited rows first, then local ones, each by label; bands in the order given, empty ones left out."""
    cells: dict[tuple[bool, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for group in groups:
        cells[(group.invited, group.label)][group.age_band] += group.count
    used = [(code, label) for code, label in bands if any(row.get(code) for row in cells.values())]
    rows = [
        CountRow(label, invited, [cells[(invited, label)].get(code, 0) for code, _name in used])
        for invited, label in sorted(cells, key=lambda key: (not key[0], key[1]))
    ]
    return CountTable(
        bands=used,
        rows=rows,
        band_totals=[sum(row.cells[i] for row in rows) for i in range(len(used))],
        invited=sum(row.total for row in rows if row.invited),
        local=sum(row.total for row in rows if not row.invited),
    )
