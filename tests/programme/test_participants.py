"""Participant counts and named participants (consent, export, erasure that keeps the counts)."""

from __future__ import annotations

import pytest

from tests.workspace import People, make_verified_officer
from twinnings.accounts.models import Role
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden, Refused
from twinnings.places.models import Country
from twinnings.programme.models import Activity, Participant, ParticipantGroup
from twinnings.programme.services.participants import (
    GroupData,
    PersonData,
    add_participant,
    erase_participants,
    export_person,
    named_participants,
    person_records,
    set_participant_groups,
)


def groups(people: People, guests: int = 30, locals_: int = 25) -> list[GroupData]:
    return [
        GroupData(people.home.country, True, guests, people.home, "under_18"),
        GroupData(people.away.country, False, locals_, people.away, "under_18"),
    ]


def counts(activity: Activity) -> dict[tuple[str, bool], int]:
    return {(g.country_id, g.invited): g.count for g in ParticipantGroup.objects.filter(activity=activity)}


def test_counts_per_town_invited_and_local(exchange: Activity, people: People) -> None:
    set_participant_groups(people.officer, exchange, groups(people), total=55)
    assert counts(exchange) == {("DE", True): 30, ("FR", False): 25}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"total": 60}, "add up to 55 participants, not the 60"),
        ({"extra": ("FR", True, "away")}, "from the host town Lyon are local"),
        ({"extra": ("DE", False, None)}, "Local participants live in the host's country"),
        ({"extra": ("DE", True, "away")}, "is not in"),
        ({"duplicate": True}, "appear twice"),
    ],
)
def test_counts_that_do_not_add_up_are_refused_and_the_old_ones_kept(
    exchange: Activity, people: People, bad: dict[str, object], message: str
) -> None:
    set_participant_groups(people.officer, exchange, groups(people, 3, 4))
    given = groups(people)
    if "extra" in bad:
        code, invited, place = bad["extra"]  # type: ignore[misc]
        given.append(GroupData(Country.objects.get(pk=code), invited, 5, getattr(people, place) if place else None))
    if "duplicate" in bad:
        given.append(given[0])
    with pytest.raises(Refused, match=message):
        set_participant_groups(people.officer, exchange, given, total=bad.get("total"))  # type: ignore[arg-type]
    assert counts(exchange) == {("DE", True): 3, ("FR", False): 4}


def test_outsider_cannot_set_counts(exchange: Activity, people: People) -> None:
    with pytest.raises(Forbidden):
        set_participant_groups(people.outsider, exchange, groups(people))
    assert not ParticipantGroup.objects.exists()


def pupil(people: People, name: str = "Anna Schmidt", consent: bool = True) -> PersonData:
    return PersonData(
        name,
        people.home.country,
        True,
        consent,
        people.home,
        f"{name.split()[0].lower()}@example.org",
        "pupil",
        "under_18",
    )


def test_a_named_participant_needs_consent(exchange: Activity, people: People) -> None:
    with pytest.raises(Refused, match="explicit consent"):
        add_participant(people.officer, exchange, pupil(people, consent=False))
    assert not Participant.objects.exists()


def test_naming_a_person_counts_them_once_and_erasing_keeps_the_count(exchange: Activity, people: People) -> None:
    add_participant(people.officer, exchange, pupil(people))
    add_participant(people.officer, exchange, pupil(people, "Ben Weber"))
    assert counts(exchange) == {("DE", True): 2}
    set_participant_groups(people.officer, exchange, groups(people), total=55)  # 30 guests include both
    with pytest.raises(Refused, match="2 named participants"):
        set_participant_groups(people.officer, exchange, groups(people, guests=1))
    records = person_records(people.officer, email="ANNA@example.org")
    exported = export_person(records)
    assert [r["full_name"] for r in exported["records"]] == ["Anna Schmidt"]
    assert erase_participants(people.partner, person_records(people.partner, email="anna@example.org")) == 1
    assert list(Participant.objects.values_list("full_name", flat=True)) == ["Ben Weber"]
    assert counts(exchange) == {("DE", True): 30, ("FR", False): 25}
    logged = AuditEntry.objects.filter(action__startswith="participant.")
    assert logged.count() == 3 and not any("Anna" in str(e.before) + str(e.after) + e.object_repr for e in logged)


def test_names_are_only_for_the_parties_editors(exchange: Activity, people: People) -> None:
    add_participant(people.officer, exchange, pupil(people))
    viewer = make_verified_officer(people.home, "viewer@koeln.example", role=Role.VIEWER)
    assert [p.full_name for p in named_participants(people.partner, exchange)] == ["Anna Schmidt"]
    for user in (viewer, people.outsider):
        with pytest.raises(Forbidden):
            named_participants(user, exchange)
        assert not person_records(user, email="anna@example.org").exists()
    with pytest.raises(Refused, match="email address or full name"):
        person_records(people.officer)
