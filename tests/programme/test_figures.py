"""The sums behind budget tables and counted indicators (no database)."""

from __future__ import annotations

from decimal import Decimal

from twinnings.programme.figures import (
    Allocated,
    BudgetRow,
    HeldActivity,
    Spending,
    budget_rows,
    counted_indicators,
    progress,
)


def test_budget_rows_sum_per_party_year_and_currency_and_never_mix_currencies() -> None:
    rows = budget_rows(
        [Allocated(1, 2026, "EUR", Decimal("10000")), Allocated(2, 2026, "PLN", Decimal("20000"))],
        [
            Spending(1, 2026, "EUR", Decimal("3000"), Decimal("2500")),
            Spending(1, 2026, "EUR", Decimal("1000"), Decimal("1200")),
            Spending(2, 2026, "EUR", Decimal("50"), Decimal("50")),
            Spending(2, 2027, "PLN", Decimal("100"), Decimal("0")),
        ],
    )
    assert rows == [
        BudgetRow(1, 2026, "EUR", Decimal("10000"), Decimal("4000"), Decimal("3700")),
        BudgetRow(2, 2026, "EUR", Decimal("0"), Decimal("50"), Decimal("50")),
        BudgetRow(2, 2026, "PLN", Decimal("20000"), Decimal("0"), Decimal("0")),
        BudgetRow(2, 2027, "PLN", Decimal("0"), Decimal("100"), Decimal("0")),
    ]
    assert rows[0].remaining == Decimal("6300")
    assert rows[0].use == 0.37
    assert rows[1].use is None and rows[1].overspent


def test_counted_indicators_count_events_participants_and_invited_students_per_year() -> None:
    counted = counted_indicators(
        [HeldActivity(2026, True, 40, 25), HeldActivity(2026, False, 300, 12), HeldActivity(2027, True, 10, 10)]
    )
    assert counted == {
        ("events_held", 2026): 2,
        ("participants", 2026): 340,
        ("students_exchanged", 2026): 25,
        ("events_held", 2027): 1,
        ("participants", 2027): 10,
        ("students_exchanged", 2027): 10,
    }


def test_progress_is_the_share_of_the_target() -> None:
    assert progress(Decimal("30"), Decimal("40")) == 0.75
    assert progress(None, Decimal("40")) is None
    assert progress(Decimal("5"), Decimal("0")) is None
