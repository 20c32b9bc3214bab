"""Named participants through the API: names only for the parties' editors and administrators,
consent required, one person's records exported and erased by email; the counts stay."""

from __future__ import annotations

from typing import Any

import pytest

from tests.programme.clients import api_for
from tests.workspace import People
from twinnings.programme.models import Activity, Participant, ParticipantGroup
from twinnings.programme.services.participants import PersonData, add_participant


def pupil(people: People, **changes: Any) -> dict[str, Any]:
    body = {
        "full_name": "Anna Schmidt",
        "email": "anna@example.org",
        "role": "pupil",
        "place": people.home.pk,
        "invited": True,
        "age_band": "under_18",
        "consent": True,
        "consent_note": "Form signed by a parent",
    }
    return {**body, **changes}


def anna(activity: Activity, people: People) -> Participant:
    person = PersonData("Anna Schmidt", people.home.country, True, True, people.home, "anna@example.org")
    return add_participant(people.officer, activity, person)


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 201), ("partner", 201), ("viewer", 403), ("outsider", 404), ("anonymous", 401)]
)
def test_listing_a_participant(exchange: Activity, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("post", f"/activities/{exchange.pk}/participants", pupil(people))
    assert response.status_code == status
    if status == 201:
        assert (response.json()["full_name"], response.json()["country"]) == ("Anna Schmidt", "DE")
        assert ParticipantGroup.objects.get().count == 1
    else:
        assert not Participant.objects.exists()


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"consent": False}, 400, "explicit consent"),
        ({"full_name": "x" * 100_000}, 422, "full_name"),
        ({"full_name": "x" * 300}, 400, "at most 200 characters"),
        ({"place": None, "country": "ZZ"}, 400, "known country code"),
        ({"place": None, "country": "FR", "invited": False, "age_band": "toddler"}, 400, "Unknown age band"),
        ({"email": "x" * 300}, 422, "email"),
        ({"email": "not an address"}, 400, "Not an email address"),
    ],
)
def test_bad_participants_are_refused(
    exchange: Activity, people: People, changes: dict[str, Any], status: int, message: str
) -> None:
    response = api_for(people, "officer").call(
        "post", f"/activities/{exchange.pk}/participants", pupil(people, **changes)
    )
    assert response.status_code == status and message in response.json()["detail"]
    assert not Participant.objects.exists() and not ParticipantGroup.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 200), ("partner", 200), ("viewer", 403), ("outsider", 404), ("anonymous", 401)]
)
def test_names_are_only_for_the_parties_editors(exchange: Activity, people: People, who: str, status: int) -> None:
    anna(exchange, people)
    api = api_for(people, who)
    response = api.call("get", f"/activities/{exchange.pk}/participants", expect=status)
    if status == 200:
        assert [p["full_name"] for p in response.json()] == ["Anna Schmidt"]
    else:
        assert "Anna" not in response.content.decode()
    if who == "viewer":
        counts = api.call("get", f"/activities/{exchange.pk}", expect=200).json()
        assert counts["participants"] == 1 and "Anna" not in str(counts)


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 204), ("partner", 204), ("viewer", 403), ("outsider", 404), ("anonymous", 401)]
)
def test_erasing_a_participant_keeps_the_count(exchange: Activity, people: People, who: str, status: int) -> None:
    participant = anna(exchange, people)
    api_for(people, who).call("delete", f"/participants/{participant.pk}", expect=status)
    assert Participant.objects.exists() is (status != 204)
    assert ParticipantGroup.objects.get().count == 1


def test_an_unknown_participant_is_not_found(people: People) -> None:
    api_for(people, "officer").call("delete", "/participants/999999", expect=404)


@pytest.mark.parametrize(
    ("who", "found"), [("officer", 1), ("partner", 1), ("viewer", 0), ("outsider", 0), ("anonymous", None)]
)
def test_a_person_s_data_by_email(exchange: Activity, people: People, who: str, found: int | None) -> None:
    anna(exchange, people)
    api = api_for(people, who)
    exported = api.call("post", "/people/export", {"email": "ANNA@example.org"})
    erased = api.call("post", "/people/erase", {"email": "anna@example.org"})
    if found is None:
        assert (exported.status_code, erased.status_code) == (401, 401)
    else:
        assert [r["full_name"] for r in exported.json()["records"]] == ["Anna Schmidt"] * found
        assert erased.json() == {"erased": found}
    assert Participant.objects.exists() is (not found)
    assert ParticipantGroup.objects.get().count == 1


def test_an_empty_address_is_refused(people: People) -> None:
    response = api_for(people, "officer").call("post", "/people/erase", {"email": "  "})
    assert response.status_code == 400 and "email address" in response.json()["detail"]
