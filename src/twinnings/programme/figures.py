"""Sums behind the programme's tables and reports: budget allocated vs planned vs spent per party,
year and currency, and the indicators counted from the activities held. Plain data in and out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Allocated:
    party: int
    year: int
    currency: str
    amount: Decimal


@dataclass(frozen=True)
class Spending:
    party: int
    year: int
    currency: str
    planned: Decimal
    spent: Decimal


@dataclass(frozen=True)
class BudgetRow:
    party: int
    year: int
    currency: str
    allocated: Decimal
    planned: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.spent

    @property
    def use(self) -> float | None:
        """Share of the allocation spent (None without an allocation)."""
        return float(self.spent / self.allocated) if self.allocated else None

    @property
    def overspent(self) -> bool:
        return self.spent > self.allocated


def budget_rows(allocations: Iterable[Allocated], spending: Iterable[Spending]) -> list[BudgetRow]:
    """One row per party, year and currency that has an allocation or a budget line; amounts in
    different currencies are never added together."""
    sums: dict[tuple[int, int, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for allocation in allocations:
        sums[(allocation.party, allocation.year, allocation.currency)][0] += allocation.amount
    for line in spending:
        cell = sums[(line.party, line.year, line.currency)]
        cell[1] += line.planned
        cell[2] += line.spent
    return [
        BudgetRow(party, year, currency, *amounts)
        for (party, year, currency), amounts in sorted(
            sums.items(), key=lambda item: (item[0][1], item[0][0], item[0][2])
        )
    ]


@dataclass(frozen=True)
class HeldActivity:
    year: int
    student_exchange: bool
    participants: int
    invited: int


def counted_indicators(activities: Iterable[HeldActivity]) -> dict[tuple[str, int], int]:
    """(indicator kind, year) -> value for the kinds counted from held activities: participants,
    students exchanged (invited participants of student and school exchanges) and events held."""
    values: dict[tuple[str, int], int] = defaultdict(int)
    for activity in activities:
        values[("events_held", activity.year)] += 1
        values[("participants", activity.year)] += activity.participants
        if activity.student_exchange:
            values[("students_exchanged", activity.year)] += activity.invited
    return dict(values)


def progress(actual: Decimal | None, target: Decimal) -> float | None:
    """Share of the target reached (None when nothing is known or the target is zero)."""
    if actual is None or not target:
        return None
    return float(actual / target)
