"""A year of the Cologne–Lyon programme for the report tests: three activities held in 2026 (a
student exchange in Lyon, a festival in Cologne that meets the town-twinning event criterion, a
trade mission), one still planned, one cancelled; allocations, budget lines in two currencies,
a counted and a typed-in indicator, and one consented named participant whose name no report
may show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement, ResourceAllocation
from twinnings.places.models import Place
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import create_activity
from twinnings.programme.services.budget import BudgetLineData, save_budget_line
from twinnings.programme.services.indicators import save_indicator
from twinnings.programme.services.participants import GroupData, PersonData, add_participant, set_participant_groups

NAMED = "Marguerite Testname"
YEAR = 2026


@dataclass
class Programme:
    agreement: Agreement
    exchange: Activity
    festival: Activity
    mission: Activity


def _group(place: Place, invited: bool, count: int, band: str = "unknown") -> GroupData:
    return GroupData(place.country, invited, count, place, band)


def _activity(agreement: Agreement, people: People, **changes: object) -> Activity:
    return create_activity(people.officer, agreement, exchange_data(people, **changes))


def _budget(agreement: Agreement, people: People) -> None:
    cologne, lyon = agreement.parties.get(place=people.home), agreement.parties.get(place=people.away)
    ResourceAllocation.objects.create(agreement=agreement, party=cologne, year=YEAR, amount=10000, currency="EUR")
    for party, description, planned, spent, currency in [
        (cologne, "Coach Köln–Lyon", "4000", "3650.50", ""),
        (cologne, "Festival stage", "5000", "5200", ""),
        (lyon, "Host dinner", "800", "0", "EUR"),
        (lyon, "Speakers' fees", "1000", "500", "USD"),
    ]:
        data = BudgetLineData(party, YEAR, description, planned, spent, currency)
        save_budget_line(people.officer, agreement, data)
    # Lyon paid its speakers in dollars before it allocated euros for the year (later lines must be
    # in euros): the dollar line keeps a row of its own, without an allocation.
    ResourceAllocation.objects.create(agreement=agreement, party=lyon, year=YEAR, amount=8000, currency="EUR")


@pytest.fixture
def programme(active: Agreement, people: People, tiny_gazetteer: dict[str, Place]) -> Programme:
    g = tiny_gazetteer
    exchange = _activity(active, people)
    set_participant_groups(
        people.officer,
        exchange,
        [_group(people.home, True, 30, "under_18"), _group(people.away, False, 25, "under_18")],
    )
    festival = _activity(
        active, people, type="festival", area="culture", title="Lyon at the Cologne festival",
        start_date=date(YEAR, 9, 12), end_date=date(YEAR, 9, 13), host_place=people.home,
    )  # fmt: skip
    set_participant_groups(
        people.officer,
        festival,
        [
            _group(people.away, True, 31, "18_30"),
            _group(people.home, False, 40, "31_64"),
            _group(g["dusseldorf"], True, 12, "31_64"),
        ],
    )
    add_participant(
        people.officer, festival, PersonData(NAMED, people.away.country, True, True, people.away, age_band="18_30")
    )
    mission = _activity(
        active, people, type="trade_mission", area="economy", title="Trade mission to Lyon",
        start_date=date(YEAR, 10, 5), end_date=date(YEAR, 10, 6),
    )  # fmt: skip
    set_participant_groups(people.officer, mission, [_group(g["krakow"], True, 3)])
    _activity(active, people, type="delegation_visit", title="Mayors' visit", status="planned",
              start_date=date(YEAR, 12, 10), end_date=date(YEAR, 12, 11))  # fmt: skip
    cancelled = _activity(active, people, title="Cancelled concert", status="cancelled",
                          start_date=date(YEAR, 7, 1), end_date=date(YEAR, 7, 1))  # fmt: skip
    set_participant_groups(people.officer, cancelled, [_group(people.home, True, 500)])
    _budget(active, people)
    save_indicator(people.officer, active, "participants", YEAR, "200")
    save_indicator(people.officer, active, "trees_planted", YEAR, "100", actual="20")
    return Programme(active, exchange, festival, mission)


def money(value: str) -> Decimal:
    return Decimal(value)
