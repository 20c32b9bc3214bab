"""Grant readiness for the European Union's "Citizens, Equality, Rights and Values" programme (CERV):
its town-twinning and networks-of-towns calls, checked against what an agreement records. Plain data
in, plain data out; the wording of each result lives with the pages (reports/wording.py).

Only the conditions Twinnings can see are checked (countries of the parties, participant counts of
events); the calls set further conditions (eligible countries, dates, budget) that applicants check
in the call text itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

# The 27 member states of the European Union (ISO 3166-1 alpha-2).
EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip

TOWN_TWINNING = "town_twinning"
NETWORKS_OF_TOWNS = "networks_of_towns"

TWINNING_COUNTRIES = 2
NETWORK_COUNTRIES = 4
EU_MEMBERS = 1
EVENT_PARTICIPANTS = 50
EVENT_INVITED = 25


@dataclass(frozen=True)
class Event:
    """An activity's participant counts: `invited_from_abroad` counts those invited from a country
    other than the host's (invited guests from the host's own country are not international)."""

    title: str
    participants: int
    invited_from_abroad: int


@dataclass(frozen=True)
class Criterion:
    """One condition of a call. `more` is how many are missing (countries, EU member states, or
    invited participants from abroad at the closest event); `more_participants` how many further
    participants of any origin that event needs on top of them."""

    code: str
    met: bool
    required: int
    have: int
    more: int = 0
    more_participants: int = 0
    event: Event | None = None


@dataclass(frozen=True)
class CallReadiness:
    call: str
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return all(criterion.met for criterion in self.criteria)


def _countries(countries: set[str], required: int) -> Criterion:
    have = len(countries)
    return Criterion("countries", have >= required, required, have, more=max(0, required - have))


def _eu_member(countries: set[str]) -> Criterion:
    have = len(countries & EU_MEMBER_STATES)
    return Criterion("eu_member", have >= EU_MEMBERS, EU_MEMBERS, have, more=max(0, EU_MEMBERS - have))


def _shortfall(event: Event) -> tuple[int, int]:
    """(invited from abroad still needed, further participants of any origin still needed)."""
    more_invited = max(0, EVENT_INVITED - event.invited_from_abroad)
    more_any = max(0, EVENT_PARTICIPANTS - event.participants - more_invited)
    return more_invited, more_any


def _event(events: Sequence[Event]) -> Criterion:
    """Met by one event with enough participants and enough of them invited from abroad; otherwise
    the event closest to it (fewest participants missing) says what is missing."""
    if not events:
        return Criterion(
            "event",
            False,
            EVENT_PARTICIPANTS,
            0,
            more=EVENT_INVITED,
            more_participants=EVENT_PARTICIPANTS - EVENT_INVITED,
        )
    closest = min(events, key=lambda e: (sum(_shortfall(e)), _shortfall(e)[0], -e.participants, e.title))
    more_invited, more_any = _shortfall(closest)
    met = not (more_invited or more_any)
    return Criterion("event", met, EVENT_PARTICIPANTS, closest.participants, more_invited, more_any, closest)


def readiness(countries: Sequence[str], events: Sequence[Event]) -> list[CallReadiness]:
    """Both calls checked against the parties' countries (ISO codes) and the events considered."""
    distinct = {code.upper() for code in countries}
    return [
        CallReadiness(TOWN_TWINNING, [_countries(distinct, TWINNING_COUNTRIES), _eu_member(distinct), _event(events)]),
        CallReadiness(NETWORKS_OF_TOWNS, [_countries(distinct, NETWORK_COUNTRIES), _eu_member(distinct)]),
    ]
