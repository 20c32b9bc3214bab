"""The budget API tried by each kind of user: budget lines listed, added, changed and deleted, and
the allocated / planned / spent table. 404 for agreements one cannot see, 403 for those one sees
but may not change, 400 for what the rules refuse, 422 for malformed input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.programme.clients import api_for
from tests.workspace import People
from twinnings.agreements.models import Agreement, ResourceAllocation
from twinnings.programme.models import Activity, BudgetLine
from twinnings.programme.services.budget import BudgetLineData, save_budget_line

STATUSES = [("officer", 201), ("partner", 201), ("viewer", 403), ("outsider", 404), ("anonymous", 401)]


def ok_as(status: int) -> list[tuple[str, int]]:
    return [(who, status if expected == 201 else expected) for who, expected in STATUSES]


@pytest.fixture
def allocation(active: Agreement) -> ResourceAllocation:
    return ResourceAllocation.objects.create(
        agreement=active, party=active.parties.get(position=0), year=2026, amount=Decimal("10000"), currency="EUR"
    )


@pytest.fixture
def coach(active: Agreement, people: People, allocation: ResourceAllocation) -> BudgetLine:
    data = BudgetLineData(active.parties.get(position=0), 2026, "Coach Köln–Lyon", "4000", "3650.50")
    return save_budget_line(people.officer, active, data)


def stage(people: People, **changes: Any) -> dict[str, Any]:
    return {"party": people.home.pk, "year": 2026, "description": "Festival stage", "planned": "5000", **changes}


@pytest.mark.parametrize(("who", "status"), STATUSES)
def test_adding_a_budget_line(
    active: Agreement, people: People, allocation: ResourceAllocation, who: str, status: int
) -> None:
    response = api_for(people, who).call("post", f"/agreements/{active.pk}/budget-lines", stage(people), expect=status)
    if status == 201:
        body = response.json()
        assert (body["party"], body["party_name"], body["currency"], body["allocation"]) == (
            people.home.pk,
            "Cologne",
            "EUR",
            allocation.pk,
        )
        assert (Decimal(body["planned"]), Decimal(body["spent"])) == (Decimal("5000"), Decimal("0"))
    assert BudgetLine.objects.exists() is (status == 201)


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"spent": "-5"}, 400, "The amount spent cannot be negative"),
        ({"planned": "1.005"}, 400, "more than two decimals"),
        ({"planned": "1e30"}, 400, "too large"),
        ({"currency": "XYZ"}, 400, "Unknown currency: XYZ"),
        ({"currency": "USD"}, 400, "The party allocated EUR"),
        ({"year": 2019}, 400, "outside the agreement's term"),
        ({"description": " "}, 400, "Describe the expense"),
        ({"party": 999_999_999}, 400, "not a party to the agreement"),
        ({"allocation": 999_999_999}, 400, "no such resource allocation"),
        ({"activity": 999_999_999}, 400, "another agreement"),
        ({"planned": "a lot"}, 422, "planned"),
        ({"year": "next"}, 422, "year"),
    ],
)
def test_bad_budget_lines_are_refused(
    active: Agreement,
    people: People,
    allocation: ResourceAllocation,
    changes: dict[str, Any],
    status: int,
    message: str,
) -> None:
    response = api_for(people, "officer").call(
        "post", f"/agreements/{active.pk}/budget-lines", stage(people, **changes)
    )
    assert response.status_code == status and message in response.json()["detail"]
    assert not BudgetLine.objects.exists()


def test_another_agreements_allocation_or_activity_is_refused(
    active: Agreement, people: People, allocation: ResourceAllocation, exchange: Activity
) -> None:
    lyon = ResourceAllocation.objects.create(
        agreement=active, party=active.parties.get(position=1), year=2026, amount=1, currency="EUR"
    )
    api = api_for(people, "officer")
    response = api.call("post", f"/agreements/{active.pk}/budget-lines", stage(people, allocation=lyon.pk))
    assert response.status_code == 400 and "not this party's" in response.json()["detail"]
    tied = api.call(
        "post", f"/agreements/{active.pk}/budget-lines", stage(people, activity=exchange.pk), expect=201
    ).json()
    assert tied["activity"] == exchange.pk and BudgetLine.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("viewer", 200), ("outsider", 404), ("anonymous", 401)])
def test_reading_the_budget(active: Agreement, people: People, coach: BudgetLine, who: str, status: int) -> None:
    api = api_for(people, who)
    lines = api.call("get", f"/agreements/{active.pk}/budget-lines", expect=status)
    table = api.call("get", f"/agreements/{active.pk}/budget", expect=status)
    if status == 200:
        assert [line["description"] for line in lines.json()["items"]] == ["Coach Köln–Lyon"]
        row = table.json()["rows"][0]
        assert (row["party_name"], row["year"], row["currency"], row["overspent"]) == ("Cologne", 2026, "EUR", False)
        amounts = [Decimal(row[name]) for name in ("allocated", "planned", "spent", "remaining")]
        assert amounts == [Decimal("10000"), Decimal("4000"), Decimal("3650.50"), Decimal("6349.50")]
        assert row["used"] == pytest.approx(0.36505)
        assert api.call("get", f"/agreements/{active.pk}/budget?year=2027").json()["rows"] == []
        assert api.call("get", f"/agreements/{active.pk}/budget-lines?year=2027").json()["count"] == 0


def test_the_table_keeps_currencies_apart(active: Agreement, people: People, coach: BudgetLine) -> None:
    api = api_for(people, "partner")
    for currency, spent in (("EUR", "100"), ("CHF", "50")):
        body = {"party": people.away.pk, "year": 2027, "description": "Choir", "spent": spent, "currency": currency}
        api.call("post", f"/agreements/{active.pk}/budget-lines", body, expect=201)
    rows = api.call("get", f"/agreements/{active.pk}/budget").json()["rows"]
    assert [(r["party_name"], r["year"], r["currency"], r["spent"], r["used"]) for r in rows] == [
        ("Cologne", 2026, "EUR", "3650.50", pytest.approx(0.36505)),
        ("Lyon", 2027, "CHF", "50.00", None),
        ("Lyon", 2027, "EUR", "100.00", None),
    ]


@pytest.mark.parametrize(("who", "status"), ok_as(200))
def test_changing_a_budget_line(people: People, coach: BudgetLine, who: str, status: int) -> None:
    body = {"spent": "3900", "description": "Coach and ferry"}
    response = api_for(people, who).call("patch", f"/budget-lines/{coach.pk}", body, expect=status)
    coach.refresh_from_db()
    if status == 200:
        assert response.json()["spent"] == "3900.00"
        assert (coach.description, coach.planned, coach.allocation_id) == (
            "Coach and ferry",
            Decimal("4000"),
            response.json()["allocation"],
        )
    else:
        assert (coach.description, coach.spent) == ("Coach Köln–Lyon", Decimal("3650.50"))


def test_a_refused_change_leaves_the_line(people: People, coach: BudgetLine) -> None:
    api = api_for(people, "officer")
    for body, message in (({"currency": "USD"}, "allocated EUR"), ({"year": 2019}, "outside the agreement's term")):
        response = api.call("patch", f"/budget-lines/{coach.pk}", body)
        assert response.status_code == 400 and message in response.json()["detail"]
    coach.refresh_from_db()
    assert (coach.currency, coach.year) == ("EUR", 2026)


def test_moving_a_line_to_a_year_without_allocation_unlinks_it(people: People, coach: BudgetLine) -> None:
    body = api_for(people, "officer").call("patch", f"/budget-lines/{coach.pk}", {"year": 2027}, expect=200).json()
    assert (body["year"], body["allocation"], body["currency"]) == (2027, None, "EUR")


@pytest.mark.parametrize(("who", "status"), ok_as(204))
def test_deleting_a_budget_line(people: People, coach: BudgetLine, who: str, status: int) -> None:
    api_for(people, who).call("delete", f"/budget-lines/{coach.pk}", expect=status)
    assert BudgetLine.objects.exists() is (status != 204)


def test_a_read_token_cannot_write(active: Agreement, people: People, coach: BudgetLine) -> None:
    from django.test import Client

    from twinnings.accounts import access_tokens
    from twinnings.accounts.models import AccessToken

    _token, raw = access_tokens.create(people.officer, "read", AccessToken.Scope.READ)
    response = Client().delete(f"/api/v1/budget-lines/{coach.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 403 and BudgetLine.objects.exists()


def test_the_lists_read_a_fixed_number_of_queries(
    active: Agreement, people: People, allocation: ResourceAllocation
) -> None:
    api = api_for(people, "officer")

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            api.call("get", f"/agreements/{active.pk}{path}", expect=200)
        return len(queries)

    def add(n: int) -> None:
        body = stage(people, description=f"Line {n}", party=[people.home.pk, people.away.pk][n % 2], year=2026 + n % 3)
        api.call("post", f"/agreements/{active.pk}/budget-lines", {**body, "currency": "EUR"}, expect=201)

    add(0)
    few = count("/budget-lines"), count("/budget")
    for n in range(1, 7):
        add(n)
    assert (count("/budget-lines"), count("/budget")) == few
    assert api.call("get", f"/agreements/{active.pk}/budget-lines").json()["count"] == 7
    assert len(api.call("get", f"/agreements/{active.pk}/budget").json()["rows"]) == 6
