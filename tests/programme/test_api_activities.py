"""The activities API tried by each kind of user: 404 for agreements one cannot see, 403 for those
one sees but may not change, 409 for a stale revision, 400 for what the rules refuse."""

from __future__ import annotations

from typing import Any

import pytest

from tests.programme.clients import api_for
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity, ParticipantGroup
from twinnings.programme.services.activities import update_activity

STATUSES = [("officer", 201), ("partner", 201), ("viewer", 403), ("outsider", 404), ("anonymous", 401)]


def concert(people: People, **changes: Any) -> dict[str, Any]:
    body = {
        "area": "culture",
        "type": "cultural_event",
        "title": "Choir concert",
        "start_date": "2027-03-01",
        "end_date": "2027-03-02",
        "host_place": people.home.pk,
        "venue": "Philharmonie",
    }
    return {**body, **changes}


@pytest.mark.parametrize(("who", "status"), STATUSES)
def test_planning_an_activity(active: Agreement, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("post", f"/agreements/{active.pk}/activities", concert(people), expect=status)
    if status == 201:
        body = response.json()
        assert (body["title"], body["host_name"], body["revision"], body["status"]) == (
            "Choir concert",
            "Cologne",
            1,
            "planned",
        )
    assert Activity.objects.exists() is (status == 201)


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"end_date": "2027-02-01"}, 400, "cannot end before it starts"),
        ({"start_date": "2026-01-01"}, 400, "starts before the agreement's term"),
        ({"title": "x" * 100_000}, 400, "at most 200 characters"),
        ({"type": "picnic"}, 400, "Unknown type"),
        ({"host_place": 999_999_999}, 400, "no place with the id"),
        ({"organisations": [999_999]}, 400, "Unknown organisation"),
        ({"start_date": "someday"}, 422, "start_date"),
    ],
)
def test_bad_activities_are_refused(
    active: Agreement, people: People, changes: dict[str, Any], status: int, message: str
) -> None:
    response = api_for(people, "officer").call(
        "post", f"/agreements/{active.pk}/activities", concert(people, **changes)
    )
    assert response.status_code == status and message in response.json()["detail"]
    assert not Activity.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("viewer", 200), ("outsider", 404), ("anonymous", 401)])
def test_reading_activities(active: Agreement, exchange: Activity, people: People, who: str, status: int) -> None:
    api = api_for(people, who)
    listed = api.call("get", f"/agreements/{active.pk}/activities?status=held", expect=status)
    api.call("get", f"/activities/{exchange.pk}", expect=status)
    if status == 200:
        assert [a["title"] for a in listed.json()["items"]] == ["Pupils of Köln in Lyon"]
        assert api.call("get", f"/agreements/{active.pk}/activities?year=2027").json()["count"] == 0


@pytest.mark.parametrize(("who", "status"), [s if s[1] != 201 else (s[0], 200) for s in STATUSES])
def test_changing_an_activity(exchange: Activity, people: People, who: str, status: int) -> None:
    body = {"revision": 1, "title": "Renamed", "venue": "Lycée du Parc"}
    response = api_for(people, who).call("patch", f"/activities/{exchange.pk}", body, expect=status)
    exchange.refresh_from_db()
    if status == 200:
        assert response.json()["revision"] == 2
        assert (exchange.title, exchange.venue, exchange.type) == ("Renamed", "Lycée du Parc", "student_exchange")
    else:
        assert (exchange.title, exchange.revision) == ("Pupils of Köln in Lyon", 1)


def test_a_stale_revision_is_a_conflict(exchange: Activity, people: People) -> None:
    update_activity(people.officer, exchange, 1, _same(exchange))
    response = api_for(people, "partner").call("patch", f"/activities/{exchange.pk}", {"revision": 1, "title": "Stale"})
    assert response.status_code == 409 and "Someone else changed this activity" in response.json()["detail"]
    exchange.refresh_from_db()
    assert (exchange.title, exchange.revision) == ("Pupils of Köln in Lyon", 2)


def _same(activity: Activity) -> Any:
    from twinnings.programme.services.activities import ActivityData

    names = ["area", "type", "title", "start_date", "end_date", "host_place", "description", "venue", "status"]
    return ActivityData(**{n: getattr(activity, n) for n in names})


@pytest.mark.parametrize(("who", "status"), [s if s[1] != 201 else (s[0], 204) for s in STATUSES])
def test_deleting_an_activity(exchange: Activity, people: People, who: str, status: int) -> None:
    api_for(people, who).call("delete", f"/activities/{exchange.pk}", expect=status)
    assert Activity.objects.exists() is (status != 204)


def groups(people: People, guests: int = 30, total: int | None = 55) -> dict[str, Any]:
    return {
        "groups": [
            {"place": people.home.pk, "invited": True, "age_band": "under_18", "count": guests},
            {"country": "fr", "invited": False, "count": 25},
        ],
        "total": total,
    }


@pytest.mark.parametrize(("who", "status"), [s if s[1] != 201 else (s[0], 200) for s in STATUSES])
def test_setting_the_counts(exchange: Activity, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("put", f"/activities/{exchange.pk}/participant-groups", groups(people))
    assert response.status_code == status
    stored = sorted(ParticipantGroup.objects.values_list("country", "invited", "count"))
    assert stored == ([("DE", True, 30), ("FR", False, 25)] if status == 200 else [])
    if status == 200:
        assert api_for(people, "viewer").call("get", f"/activities/{exchange.pk}").json()["participants"] == 55


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"total": 60}, "add up to 55 participants, not the 60 stated"),
        ({"guests": -1}, "between 0 and 1,000,000"),
        ({"country": "ZZ"}, "known country code"),
    ],
)
def test_counts_that_do_not_add_up_are_refused(
    exchange: Activity, people: People, body: dict[str, Any], message: str
) -> None:
    payload = groups(people, guests=body.get("guests", 30), total=body.get("total", 55 + body.get("guests", 30) - 30))
    if "country" in body:
        payload["groups"][1]["country"] = body["country"]
    response = api_for(people, "officer").call("put", f"/activities/{exchange.pk}/participant-groups", payload)
    assert response.status_code == 400 and message in response.json()["detail"]
    assert not ParticipantGroup.objects.exists()


def test_the_api_is_described_in_openapi(people: People) -> None:
    paths = api_for(people, "anonymous").call("get", "/openapi.json", expect=200).json()["paths"]
    for path in (
        "/api/v1/agreements/{agreement_id}/activities",
        "/api/v1/activities/{activity_id}",
        "/api/v1/activities/{activity_id}/participant-groups",
        "/api/v1/activities/{activity_id}/participants",
        "/api/v1/participants/{participant_id}",
        "/api/v1/people/export",
        "/api/v1/people/erase",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/activities/{activity_id}"]) == {"get", "patch", "delete"}


@pytest.mark.parametrize("year", [999999, -5, 0, 1899, 2201, 2**63])
def test_a_year_filter_out_of_range_is_a_422(active: Agreement, people: People, year: int) -> None:
    response = api_for(people, "officer").call("get", f"/agreements/{active.pk}/activities?year={year}", expect=422)

    assert response.json()["errors"][0]["loc"] == ["query", "year"]


@pytest.mark.parametrize("query", ["status=held%00", "type=festival%00", "status=nonsense", "type=%3Cscript%3E"])
def test_an_unknown_status_or_type_filter_is_a_422(active: Agreement, people: People, query: str) -> None:
    """The filters take the known codes only (a NUL character made PostgreSQL fail with a 500)."""
    api_for(people, "officer").call("get", f"/agreements/{active.pk}/activities?{query}", expect=422)
