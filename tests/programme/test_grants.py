"""Grant readiness for the CERV town-twinning and networks-of-towns calls: the pure checklist, its
wording, and the events an agreement's activities make (invited guests from the host's own country
are not international)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.places.models import Place
from twinnings.programme.grants import NETWORKS_OF_TOWNS, TOWN_TWINNING, CallReadiness, Criterion, Event, readiness
from twinnings.programme.reports.checklist import criterion_detail, events, grant_checklist
from twinnings.programme.services.activities import create_activity
from twinnings.programme.services.participants import GroupData, set_participant_groups


def call(calls: list[CallReadiness], code: str) -> CallReadiness:
    return next(c for c in calls if c.call == code)


def criterion(calls: list[CallReadiness], code: str, criterion_code: str) -> Criterion:
    return next(c for c in call(calls, code).criteria if c.code == criterion_code)


def test_a_twinning_of_two_eu_towns_with_a_big_enough_event_is_ready() -> None:
    calls = readiness(["DE", "fr"], [Event("Festival", 83, 31)])
    assert call(calls, TOWN_TWINNING).ready
    assert [c.met for c in call(calls, TOWN_TWINNING).criteria] == [True, True, True]
    assert criterion(calls, TOWN_TWINNING, "event").event == Event("Festival", 83, 31)


def test_twelve_invited_participants_from_abroad_missing_are_told() -> None:
    calls = readiness(["DE", "FR"], [Event("Exchange", 55, 13)])
    event = criterion(calls, TOWN_TWINNING, "event")
    assert (event.met, event.more, event.more_participants) == (False, 12, 0)
    assert not call(calls, TOWN_TWINNING).ready
    assert criterion_detail(event).startswith("12 more invited participants from abroad needed at one event")


def test_an_event_short_of_both_guests_and_participants_needs_both() -> None:
    event = criterion(readiness(["DE", "FR"], [Event("Small", 40, 20)]), TOWN_TWINNING, "event")
    # 5 more guests from abroad bring it to 45; 5 more participants of any origin to 50.
    assert (event.more, event.more_participants) == (5, 5)
    assert criterion_detail(event) == (
        "5 more invited participants from abroad and 5 more participants needed at one event "
        "(closest: Small: 40 participants, 20 invited from abroad)."
    )


def test_the_closest_event_is_the_one_named() -> None:
    calls = readiness(["DE", "FR"], [Event("Far", 10, 2), Event("Close", 49, 25), Event("Middle", 30, 20)])
    event = criterion(calls, TOWN_TWINNING, "event")
    assert (event.event, event.more, event.more_participants) == (Event("Close", 49, 25), 0, 1)


def test_without_events_the_whole_event_is_missing() -> None:
    event = criterion(readiness(["DE", "FR"], []), TOWN_TWINNING, "event")
    assert (event.met, event.more, event.more_participants, event.event) == (False, 25, 25, None)
    assert criterion_detail(event).startswith("No event recorded yet")


@pytest.mark.parametrize(
    ("countries", "twinning_met", "eu_met", "network_more"),
    [
        (["DE", "FR"], True, True, 2),
        (["DE", "DE"], False, True, 3),
        (["RU", "UA"], True, False, 2),
        (["DE", "FR", "PL", "AL"], True, True, 0),
        (["GB", "NO", "AL", "UA", "JP"], True, False, 0),
    ],
)
def test_countries_and_eu_membership(countries: list[str], twinning_met: bool, eu_met: bool, network_more: int) -> None:
    calls = readiness(countries, [Event("Festival", 60, 30)])
    assert criterion(calls, TOWN_TWINNING, "countries").met is twinning_met
    assert criterion(calls, TOWN_TWINNING, "eu_member").met is eu_met
    assert criterion(calls, NETWORKS_OF_TOWNS, "eu_member").met is eu_met
    network = criterion(calls, NETWORKS_OF_TOWNS, "countries")
    assert (network.met, network.more) == (network_more == 0, network_more)
    assert call(calls, NETWORKS_OF_TOWNS).ready is (network_more == 0 and eu_met)


def test_missing_countries_and_eu_member_are_worded() -> None:
    calls = readiness(["RU", "DE"], [])
    assert criterion_detail(criterion(calls, NETWORKS_OF_TOWNS, "countries")) == (
        "2 more countries needed among the parties."
    )
    assert criterion_detail(criterion(readiness(["RU", "UA"], []), TOWN_TWINNING, "eu_member")) == (
        "A party from an EU member state is needed."
    )


def test_guests_from_the_host_country_and_cancelled_events_do_not_count(
    active: Agreement, people: People, tiny_gazetteer: dict[str, Place]
) -> None:
    festival = create_activity(
        people.officer,
        active,
        exchange_data(people, title="Festival", host_place=people.home, start_date=date(2026, 9, 12),
                      end_date=date(2026, 9, 12)),
    )  # fmt: skip
    set_participant_groups(
        people.officer,
        festival,
        [
            GroupData(people.away.country, True, 20, people.away),
            GroupData(people.home.country, True, 15, tiny_gazetteer["dusseldorf"]),  # invited, but not from abroad
            GroupData(people.home.country, False, 30, people.home),
        ],
    )
    cancelled = create_activity(people.officer, active, exchange_data(people, title="Cancelled", status="cancelled"))
    set_participant_groups(people.officer, cancelled, [GroupData(people.home.country, True, 90, people.home)])
    assert events(active) == [Event("Festival", 65, 20)]
    assert events(active, 2025) == []
    checklist = grant_checklist(active, 2026)
    town = next(c for c in checklist.calls if c.call == TOWN_TWINNING)
    assert not town.ready
    assert town.criteria[2].detail.startswith("5 more invited participants from abroad needed at one event")
