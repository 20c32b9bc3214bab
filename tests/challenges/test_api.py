"""/api/v1/challenges: the panel of a pair as JSON, its errors, and its place in the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from openapi_spec_validator import validate

from tests.factories import TinyGazetteer

URL = "/api/v1/challenges"


def get(client: Client, expect: int, **params: Any) -> Any:
    response = client.get(URL, params)
    assert response.status_code == expect, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_panel_of_cologne_and_new_york(client: Client, gazetteer: TinyGazetteer) -> None:
    body = get(client, 200, a=gazetteer["cologne"].pk, b=gazetteer["new_york"].pk, start="2026-12-24", end="2026-12-26")

    assert (body["a"]["name"], body["b"]["country_code"]) == ("Cologne", "US")
    assert body["period"] == {"start": "2026-12-24", "end": "2026-12-26", "days": 3}
    assert body["languages"]["needs_interpretation"] is True
    assert body["time"]["today"]["difference_minutes"] in (-360, -300)
    assert body["time"]["today"]["overlap_minutes"] in (120, 180)
    assert len(body["time"]["changes"]) == 4
    assert body["logistics"]["land_route"] is False
    assert body["logistics"]["distance_km"] == pytest.approx(6054, abs=10)
    assert [m["key"] for m in body["logistics"]["model"]["modes"]] == ["rail", "coach", "air"]
    assert [(d["day"], d["where"]) for d in body["calendar"]["days"]] == [("2026-12-25", "both"), ("2026-12-26", "a")]


def test_a_region_reports_where_its_zone_came_from(client: Client, gazetteer: TinyGazetteer) -> None:
    body = get(client, 200, a=gazetteer["nrw"].pk, b=gazetteer["lyon"].pk)

    assert body["a"]["zone"]["source"] == "nearest"
    assert body["a"]["zone"]["via"] in {"Cologne", "Düsseldorf"}
    assert body["b"]["zone"]["source"] == "place"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"b": 999_999}, "No place with id 999999"),
        ({"start": "2026-10-02", "end": "2026-10-01"}, "is before start"),
        ({"start": "2026-01-01", "end": "2027-01-02"}, "at most 366"),
        ({"end": "2026-02-30"}, "end: “2026-02-30” is not a date"),
        ({"b": "same"}, "two different places"),
    ],
)
def test_bad_input_is_a_400_with_its_reason(
    client: Client, gazetteer: TinyGazetteer, params: dict[str, Any], message: str
) -> None:
    cologne = gazetteer["cologne"].pk
    query = {"a": cologne, "b": gazetteer["lyon"].pk, **params}
    if query["b"] == "same":
        query["b"] = cologne

    body = get(client, 400, **query)

    assert message in body["detail"]


@pytest.mark.parametrize("value", ["1.0", "1_000", "x", "0", ""])
def test_a_malformed_id_is_a_422(client: Client, gazetteer: TinyGazetteer, value: str) -> None:
    body = get(client, 422, a=value, b=gazetteer["lyon"].pk)

    assert body["errors"][0]["loc"][-1] == "a"


def test_the_openapi_document_describes_the_panel(client: Client, db: None) -> None:
    schema = client.get("/api/v1/openapi.json").json()

    validate(schema)
    operation = schema["paths"][URL]["get"]
    assert {"200", "400", "404", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} == {"a", "b", "start", "end"}
    components = schema["components"]["schemas"]
    assert set(components["ChallengesOut"]["properties"]) == {
        "a", "b", "today", "period", "languages", "time", "logistics", "calendar"
    }  # fmt: skip
    assert "kg_co2e" in components["JourneyOut"]["properties"]
