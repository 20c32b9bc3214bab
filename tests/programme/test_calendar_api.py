"""The calendar and feed endpoints of the API, as the owner's officer, the partner's member, an
outsider and an anonymous client."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from tests.agreements.test_api import Api, api_for
from tests.programme.calendar_data import WHO, add_activity
from tests.workspace import People
from twinnings.accounts.models import AccessToken
from twinnings.programme.models import Activity, CalendarFeed

JUNE = "from=2026-06-01&to=2026-06-30"


def post(api: Api, path: str, body: dict[str, Any] | None = None) -> Any:
    return api.client.post(path, json.dumps(body or {}), "application/json", headers=api.headers)


def get(api: Api, path: str, expect: int) -> Any:
    response = api.client.get(path, headers=api.headers)
    assert response.status_code == expect, (path, response.content[:300])
    return response.json()


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_the_agreement_calendar_endpoint(exchange: Activity, people: People, who: str, status: int) -> None:
    body = get(api_for(people, who), f"/api/v1/agreements/{exchange.agreement_id}/calendar?{JUNE}", status)
    if status == 200:
        assert body["count"] == 1 and body["start"] == "2026-06-01" and body["end"] == "2026-06-30"
        event = body["items"][0]
        assert event["uid"] == f"activity-{exchange.pk}"
        assert (event["start"], event["end"], event["status"], event["type"]) == (
            "2026-06-08",
            "2026-06-15",
            "held",
            "student_exchange",
        )
        assert event["host_place"] == people.away.pk and event["venue"] == "Lycée Ampère"
        assert event["url"].startswith("http://testserver/workspace/agreements/")
    else:
        assert exchange.title not in str(body)


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_the_place_calendar_endpoint(exchange: Activity, people: People, who: str, status: int) -> None:
    body = get(api_for(people, who), f"/api/v1/places/{people.home.pk}/calendar?from=2026-05-01&to=2026-06-30", status)
    if status == 200:
        assert [e["kind"] for e in body["items"]] == ["start", "activity"]


def test_anonymous_clients_get_401(exchange: Activity, people: People) -> None:
    client = Client()
    for path in (
        f"/api/v1/agreements/{exchange.agreement_id}/calendar",
        f"/api/v1/places/{people.home.pk}/calendar",
        f"/api/v1/places/{people.home.pk}/dashboard",
        "/api/v1/calendar/feeds",
    ):
        assert client.get(path).status_code == 401, path
    assert client.post("/api/v1/calendar/feeds", {"place": people.home.pk}, "application/json").status_code == 401


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("from=2026-06-30&to=2026-06-01", 400, "comes before its start"),
        ("from=2020-01-01&to=2030-01-01", 400, "at most"),
        ("type=picnic", 400, "Unknown type"),
        ("status=lost", 422, "status"),
        ("from=yesterday", 422, "from"),
    ],
)
def test_bad_periods_and_filters_are_refused(
    exchange: Activity, people: People, query: str, status: int, message: str
) -> None:
    body = get(api_for(people, "officer"), f"/api/v1/agreements/{exchange.agreement_id}/calendar?{query}", status)
    assert message in body["detail"]


def test_filters_and_the_default_period(exchange: Activity, people: People) -> None:
    api = api_for(people, "officer")
    later = add_activity(people, exchange.agreement, date(2031, 1, 10), title="Far ahead")
    path = f"/api/v1/agreements/{exchange.agreement_id}/calendar"
    keys = get(api, f"{path}?from=2026-01-01&to=2029-12-31&type=key_date", 200)
    assert [e["kind"] for e in keys["items"]] == ["start", "review"]
    held = get(api, f"{path}?from=2026-01-01&to=2030-12-31&status=held", 200)
    assert [e["activity"] for e in held["items"]] == [exchange.pk]
    default = get(api, path, 200)  # from today, for a year
    assert later.pk not in [e["activity"] for e in default["items"]]
    assert (date.fromisoformat(default["end"]) - date.fromisoformat(default["start"])).days == 365


@pytest.mark.parametrize("who", WHO)
def test_making_and_revoking_feeds_through_the_api(exchange: Activity, people: People, who: str) -> None:
    api = api_for(people, who)
    made = post(api, "/api/v1/calendar/feeds", {"agreement": exchange.agreement_id})
    if who == "outsider":
        assert made.status_code == 404 and not CalendarFeed.objects.exists()
        assert post(api, "/api/v1/calendar/feeds", {"place": people.home.pk}).status_code == 404
        return
    assert made.status_code == 201, made.content
    feed = made.json()
    assert feed["agreement"] == exchange.agreement_id and feed["revoked_at"] is None
    path = feed["url"].removeprefix("http://testserver")
    assert Client().get(path).status_code == 200
    listed = get(api, "/api/v1/calendar/feeds", 200)
    assert [f["id"] for f in listed["items"]] == [feed["id"]] and "url" not in listed["items"][0]
    others = [w for w in WHO if w != who]
    for other in others:  # someone else's feed is not theirs to revoke
        assert post(api_for(people, other), f"/api/v1/calendar/feeds/{feed['id']}/revoke").status_code == 404
    revoked = post(api, f"/api/v1/calendar/feeds/{feed['id']}/revoke").json()
    assert revoked["revoked_at"] is not None
    assert Client().get(path).status_code == 404


def test_a_feed_is_for_one_calendar_and_a_read_token_cannot_make_one(exchange: Activity, people: People) -> None:
    api = api_for(people, "officer")
    both = post(api, "/api/v1/calendar/feeds", {"agreement": exchange.agreement_id, "place": people.home.pk})
    assert both.status_code == 400 and "one agreement or one place" in both.json()["detail"]
    assert post(api, "/api/v1/calendar/feeds", {}).status_code == 400
    reader = api_for(people, "officer", AccessToken.Scope.READ)
    assert post(reader, "/api/v1/calendar/feeds", {"place": people.home.pk}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_openapi_document_describes_the_calendar(people: People) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/agreements/{id}/calendar",
        "/api/v1/places/{id}/calendar",
        "/api/v1/places/{id}/dashboard",
        "/api/v1/calendar/feeds",
        "/api/v1/calendar/feeds/{id}/revoke",
    ):
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/agreements/{id}/calendar"]["get"]["parameters"]}
    assert {"from", "to", "status", "type"} <= parameters
