"""The indicators API tried by each kind of user: listed with their counted or typed actual values,
a year's targets set at once (all or none), one deleted; and the whole API's schema names unique."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.programme.clients import api_for
from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity, Indicator
from twinnings.programme.services.activities import create_activity
from twinnings.programme.services.indicators import save_indicator
from twinnings.programme.services.participants import GroupData, set_participant_groups

STATUSES = [("officer", 200), ("partner", 200), ("viewer", 403), ("outsider", 404), ("anonymous", 401)]


def year_2026(**changes: Any) -> dict[str, Any]:
    return {
        "year": 2026,
        "indicators": [
            {"kind": "students_exchanged", "target": "40"},
            {"kind": "trees_planted", "target": "100", "actual": "20", "unit": "trees"},
            {"kind": "custom", "name": "Joint concerts", "target": 4, "actual": 1},
            {"kind": "trade_value", "target": "250000", "unit": "eur"},
        ],
        **changes,
    }


@pytest.mark.parametrize(("who", "status"), STATUSES)
def test_setting_a_years_indicators(active: Agreement, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("put", f"/agreements/{active.pk}/indicators", year_2026(), expect=status)
    if status == 200:
        items = {item["label"]: item for item in response.json()["items"]}
        assert set(items) == {"students exchanged", "trees planted", "Joint concerts", "trade value"}
        assert items["trade value"]["unit"] == "EUR" and items["Joint concerts"]["kind"] == "custom"
        assert (items["trees planted"]["actual"], items["trees planted"]["progress"]) == ("20.00", 0.2)
        assert items["students exchanged"]["counted"] is True and items["students exchanged"]["actual"] == "0"
    assert Indicator.objects.count() == (4 if status == 200 else 0)


def test_counted_actual_values_follow_the_activities_held(
    active: Agreement, people: People, exchange: Activity
) -> None:
    api = api_for(people, "officer")
    api.call("put", f"/agreements/{active.pk}/indicators", year_2026(), expect=200)
    set_participant_groups(
        people.officer,
        exchange,
        [GroupData(people.home.country, True, 30, people.home), GroupData(people.away.country, False, 25, people.away)],
    )
    items = api_for(people, "viewer").call("get", f"/agreements/{active.pk}/indicators?year=2026").json()["items"]
    students = next(item for item in items if item["kind"] == "students_exchanged")
    assert (Decimal(students["actual"]), students["progress"]) == (Decimal(30), 0.75)


def test_setting_again_changes_and_keeps_those_not_listed(active: Agreement, people: People) -> None:
    api = api_for(people, "partner")
    api.call("put", f"/agreements/{active.pk}/indicators", year_2026(), expect=200)
    again = {"year": 2026, "indicators": [{"kind": "trees_planted", "target": "150", "actual": "90", "unit": "trees"}]}
    items = api.call("put", f"/agreements/{active.pk}/indicators", again, expect=200).json()["items"]
    assert len(items) == 4 and Indicator.objects.count() == 4
    assert Indicator.objects.values_list("target", "actual").get(kind="trees_planted") == (150, 90)


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"kind": "participants", "target": "5", "actual": "5"}, 400, "counted from the activities held"),
        ({"kind": "custom", "target": "5"}, 400, "Name the custom indicator"),
        ({"kind": "investment_value", "target": "5", "unit": "ABC"}, 400, "Unknown currency: ABC"),
        ({"kind": "jobs_created", "target": "-1"}, 400, "The target cannot be negative"),
        ({"kind": "jobs_created", "target": "1.234"}, 400, "more than two decimals"),
        ({"kind": "happiness", "target": "5"}, 400, "Unknown indicator: happiness"),
        ({"kind": "trees_planted", "target": "5"}, 400, "listed once"),
        ({"kind": "jobs_created"}, 422, "target"),
    ],
)
def test_one_bad_indicator_refuses_the_whole_year(
    active: Agreement, people: People, change: dict[str, Any], status: int, message: str
) -> None:
    body = year_2026()
    body["indicators"].append(change)
    response = api_for(people, "officer").call("put", f"/agreements/{active.pk}/indicators", body)
    assert response.status_code == status and message in response.json()["detail"]
    assert not Indicator.objects.exists()


def test_a_year_outside_the_term_is_refused(active: Agreement, people: People) -> None:
    response = api_for(people, "officer").call("put", f"/agreements/{active.pk}/indicators", year_2026(year=2019))
    assert response.status_code == 400 and "outside the agreement's term" in response.json()["detail"]
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("viewer", 200), ("outsider", 404), ("anonymous", 401)])
def test_reading_indicators(active: Agreement, people: People, who: str, status: int) -> None:
    save_indicator(people.officer, active, "events_held", 2027, "3")
    response = api_for(people, who).call("get", f"/agreements/{active.pk}/indicators", expect=status)
    if status == 200:
        assert [(i["kind"], i["year"], i["target"]) for i in response.json()["items"]] == [
            ("events_held", 2027, "3.00")
        ]


@pytest.mark.parametrize(("who", "status"), [(who, 204 if status == 200 else status) for who, status in STATUSES])
def test_deleting_an_indicator(active: Agreement, people: People, who: str, status: int) -> None:
    indicator = save_indicator(people.officer, active, "visitors", 2026, "1000")
    api_for(people, who).call("delete", f"/indicators/{indicator.pk}", expect=status)
    assert Indicator.objects.exists() is (status != 204)


def test_the_list_reads_a_fixed_number_of_queries(active: Agreement, people: People) -> None:
    api = api_for(people, "officer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            api.call("get", f"/agreements/{active.pk}/indicators", expect=200)
        return len(queries)

    def add(n: int) -> None:
        activity = create_activity(people.officer, active, exchange_data(people, title=f"Exchange {n}"))
        set_participant_groups(people.officer, activity, [GroupData(people.home.country, True, n + 1, people.home)])
        save_indicator(people.officer, active, "custom", 2026 + n % 3, str(n), name=f"Indicator {n}")

    add(0)
    few = count()
    for n in range(1, 6):
        add(n)
    assert count() == few
    assert api.call("get", f"/agreements/{active.pk}/indicators").json()["count"] == 6


def test_the_endpoints_are_described_in_openapi(people: People) -> None:
    schema = api_for(people, "anonymous").call("get", "/openapi.json", expect=200).json()
    paths = schema["paths"]
    expected = {
        "/api/v1/agreements/{agreement_id}/budget-lines": {"get", "post"},
        "/api/v1/budget-lines/{line_id}": {"patch", "delete"},
        "/api/v1/agreements/{agreement_id}/budget": {"get"},
        "/api/v1/agreements/{agreement_id}/indicators": {"get", "put"},
        "/api/v1/indicators/{indicator_id}": {"delete"},
    }
    for path, methods in expected.items():
        assert set(paths[path]) == methods, path
        for method in methods:
            codes = set(paths[path][method]["responses"])
            assert {"401", "404", "422"} <= codes, (path, method)
            if method != "get":
                assert {"400", "403", "409"} <= codes, (path, method)
    components = schema["components"]["schemas"]
    assert {"party", "allocated", "planned", "spent", "used"} <= set(components["BudgetTableRowOut"]["properties"])
    assert {"kind", "target", "actual", "counted", "progress"} <= set(components["IndicatorOut"]["properties"])
