"""Budget lines against allocations, and indicators that follow the activities held."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.workspace import People
from twinnings.agreements.models import Agreement, ResourceAllocation
from twinnings.core.errors import Forbidden, Refused
from twinnings.programme.models import Activity, BudgetLine, Indicator
from twinnings.programme.services.budget import BudgetLineData, budget_table, delete_budget_line, save_budget_line
from twinnings.programme.services.indicators import indicator_table, save_indicator
from twinnings.programme.services.participants import GroupData, set_participant_groups


@pytest.fixture
def allocation(active: Agreement) -> ResourceAllocation:
    party = active.parties.get(position=0)
    return ResourceAllocation.objects.create(
        agreement=active, party=party, year=2026, amount=Decimal("10000"), currency="EUR"
    )


def line(active: Agreement, position: int = 0, **changes: object) -> BudgetLineData:
    data = BudgetLineData(active.parties.get(position=position), 2026, "Coach Köln–Lyon", "4000", "3650.50")
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_spending_is_tied_to_the_party_allocation_and_tabled(
    active: Agreement, people: People, allocation: ResourceAllocation, exchange: Activity
) -> None:
    saved = save_budget_line(people.officer, active, line(active, activity=exchange))
    assert (saved.allocation, saved.currency) == (allocation, "EUR")
    save_budget_line(
        people.partner, active, line(active, 1, description="Host dinner", planned="800", spent="0", currency="eur")
    )
    rows = [
        (r.party.place.name, r.row.year, r.row.currency, r.row.allocated, r.row.planned, r.row.spent)
        for r in budget_table(active)
    ]
    assert rows == [
        ("Cologne", 2026, "EUR", Decimal("10000"), Decimal("4000"), Decimal("3650.50")),
        ("Lyon", 2026, "EUR", Decimal("0"), Decimal("800"), Decimal("0")),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"spent": "-5"}, "cannot be negative"),
        ({"planned": "abc"}, "not a number"),
        ({"planned": "1.005"}, "more than two decimals"),
        ({"currency": "XYZ"}, "Unknown currency"),
        ({"currency": "USD"}, "allocated EUR"),
        ({"year": 2019}, "outside the agreement's term"),
        ({"description": ""}, "Describe the expense"),
    ],
)
def test_bad_budget_lines_are_refused(
    active: Agreement, people: People, allocation: ResourceAllocation, changes: dict[str, object], message: str
) -> None:
    data = line(active, **changes)
    if changes.get("currency") == "USD":
        data.allocation = allocation
    with pytest.raises(Refused, match=message):
        save_budget_line(people.officer, active, data)
    assert not BudgetLine.objects.exists()


def test_a_line_without_allocation_needs_a_currency(active: Agreement, people: People) -> None:
    with pytest.raises(Refused, match="Give the currency"):
        save_budget_line(people.officer, active, line(active))


def test_outsider_cannot_touch_the_budget(active: Agreement, people: People, allocation: ResourceAllocation) -> None:
    with pytest.raises(Forbidden):
        save_budget_line(people.outsider, active, line(active))
    saved = save_budget_line(people.officer, active, line(active))
    with pytest.raises(Forbidden):
        delete_budget_line(people.outsider, saved)
    assert BudgetLine.objects.count() == 1


def test_counted_indicators_follow_the_exchange(active: Agreement, people: People, exchange: Activity) -> None:
    save_indicator(people.officer, active, "students_exchanged", 2026, "40")
    save_indicator(people.officer, active, "trees_planted", 2026, "100", actual="20")
    before = {r.indicator.kind: r.actual for r in indicator_table(active)}
    assert before == {"students_exchanged": Decimal(0), "trees_planted": Decimal("20")}
    set_participant_groups(
        people.officer,
        exchange,
        [
            GroupData(people.home.country, True, 30, people.home, "under_18"),
            GroupData(people.away.country, False, 25, people.away),
        ],
    )
    after = {r.indicator.kind: (r.actual, r.progress) for r in indicator_table(active)}
    assert after["students_exchanged"] == (Decimal(30), 0.75)


@pytest.mark.parametrize(
    ("kind", "kwargs", "message"),
    [
        ("participants", {"actual": "5"}, "counted from the activities"),
        ("custom", {}, "Name the custom indicator"),
        ("trade_value", {"unit": "ABC"}, "Unknown currency"),
        ("jobs_created", {"target": "-1"}, "cannot be negative"),
        ("happiness", {}, "Unknown indicator"),
    ],
)
def test_bad_indicators_are_refused(
    active: Agreement, people: People, kind: str, kwargs: dict[str, str], message: str
) -> None:
    args = {"target": "10", **kwargs}
    with pytest.raises(Refused, match=message):
        save_indicator(people.officer, active, kind, 2026, **args)  # type: ignore[arg-type]
    assert not Indicator.objects.exists()


def test_saving_an_indicator_again_updates_it(active: Agreement, people: People) -> None:
    save_indicator(people.officer, active, "custom", 2026, "5", actual="1", name="Joint concerts")
    save_indicator(people.partner, active, "custom", 2026, "6", actual="2", name="Joint concerts")
    assert list(Indicator.objects.values_list("name", "target", "actual")) == [
        ("Joint concerts", Decimal("6.00"), Decimal("2.00"))
    ]
    with pytest.raises(Forbidden):
        save_indicator(people.outsider, active, "custom", 2026, "7", name="Joint concerts")
