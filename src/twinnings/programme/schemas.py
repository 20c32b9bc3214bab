"""API schemas of the programme: what clients send and what they get back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from twinnings.core.schemas import MAX_ID, InputSchema
from twinnings.programme.choices import ActivityStatus, AgeBand
from twinnings.programme.models import Activity, BudgetLine, Participant
from twinnings.programme.services.budget import BudgetTableRow
from twinnings.programme.services.indicators import IndicatorRow


class ParticipantGroupOut(Schema):
    place: int | None
    country: str
    invited: bool
    age_band: str
    count: int


class ActivityOut(Schema):
    id: int
    agreement: int
    area: str
    type: str
    title: str
    description: str
    start_date: date
    end_date: date
    host_place: int
    host_name: str
    venue: str
    organisations: list[int]
    status: str
    revision: int = Field(description="Send it back with every edit: a stale revision is refused with 409")
    participants: int = Field(description="How many took part, from the counts")
    participant_groups: list[ParticipantGroupOut]


class ActivityListOut(Schema):
    count: int
    items: list[ActivityOut]


class ActivityIn(InputSchema):
    area: str = Field(description="An area of cooperation, e.g. culture, education")
    type: str = Field(description="e.g. student_exchange, festival, delegation_visit")
    title: str
    start_date: date
    end_date: date
    host_place: int = Field(..., ge=1, le=MAX_ID, description="The host place's id (usually a party's)")
    description: str = ""
    venue: str = ""
    status: str = ActivityStatus.PLANNED
    organisations: list[int] = Field(default_factory=list, max_length=200)


class ActivityPatch(InputSchema):
    """Only the fields sent change; `revision` is the one read."""

    revision: int = Field(..., ge=1)
    area: str | None = None
    type: str | None = None
    title: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    host_place: int | None = Field(None, ge=1, le=MAX_ID)
    description: str | None = None
    venue: str | None = None
    status: str | None = None
    organisations: list[int] | None = Field(None, max_length=200)


class ParticipantGroupIn(InputSchema):
    place: int | None = Field(None, ge=1, le=MAX_ID, description="The town's id; leave out to count by country")
    country: str = Field("", max_length=2, description="ISO code; taken from the place when one is given")
    invited: bool = Field(description="Guests from elsewhere, as opposed to local participants")
    age_band: str = AgeBand.UNKNOWN
    count: int


class ParticipantGroupsIn(InputSchema):
    groups: list[ParticipantGroupIn] = Field(max_length=500)
    total: int | None = Field(None, description="When given, the groups must add up to it")


class ParticipantOut(Schema):
    id: int
    activity: int
    full_name: str
    email: str
    role: str
    place: int | None
    country: str
    invited: bool
    age_band: str
    consent_at: datetime
    consent_note: str


class ParticipantIn(InputSchema):
    full_name: str = Field(max_length=1000)
    email: str = Field("", max_length=254)
    role: str = Field("", max_length=1000)
    place: int | None = Field(None, ge=1, le=MAX_ID)
    country: str = Field("", max_length=2)
    invited: bool
    age_band: str = AgeBand.UNKNOWN
    consent: bool = Field(description="The person (or their guardian) explicitly consented to be listed by name")
    consent_note: str = Field("", max_length=1000)


class PersonIn(InputSchema):
    email: str = Field(max_length=254, description="Every record with this address, in activities you manage")


class PersonExportOut(Schema):
    records: list[dict[str, Any]]


class ErasedOut(Schema):
    erased: int


def activity_data(activity: Activity) -> dict[str, Any]:
    """An activity read with `prefetch_related("organisations", "participant_groups")`."""
    groups = list(activity.participant_groups.all())
    return {
        **{
            name: getattr(activity, name)
            for name in ("id", "area", "type", "title", "description", "start_date", "end_date", "venue", "status")
        },
        "revision": activity.revision,
        "agreement": activity.agreement_id,
        "host_place": activity.host_place_id,
        "host_name": activity.host_place.name,
        "organisations": [o.pk for o in activity.organisations.all()],
        "participants": sum(g.count for g in groups),
        "participant_groups": [
            {
                "place": g.place_id,
                "country": g.country_id,
                "invited": g.invited,
                "age_band": g.age_band,
                "count": g.count,
            }
            for g in groups
        ],
    }


def participant_data(p: Participant) -> dict[str, Any]:
    names = ["id", "full_name", "email", "role", "invited", "age_band", "consent_at", "consent_note"]
    return {
        **{n: getattr(p, n) for n in names},
        "activity": p.activity_id,
        "place": p.place_id,
        "country": p.country_id,
    }


class BudgetLineOut(Schema):
    id: int
    agreement: int
    party: int = Field(description="The party's place")
    party_name: str
    year: int
    description: str
    currency: str = Field(description="ISO 4217")
    planned: Decimal
    spent: Decimal
    allocation: int | None = Field(description="The resource allocation the line draws on, when there is one")
    activity: int | None


class BudgetLineListOut(Schema):
    count: int
    items: list[BudgetLineOut]


class BudgetLineIn(InputSchema):
    party: int = Field(..., ge=1, le=MAX_ID, description="The place of the party that spends")
    year: int = Field(..., ge=1, le=32767)
    description: str = Field(max_length=1000, description="The category or description of the expense")
    planned: Decimal = Field(Decimal(0), description="Not negative, at most two decimals")
    spent: Decimal = Field(Decimal(0), description="Not negative, at most two decimals")
    currency: str = Field(
        "", max_length=20, description="ISO 4217; by default the currency the party allocated for the year"
    )
    allocation: int | None = Field(None, ge=1, le=MAX_ID, description="A resource allocation of the party's")
    activity: int | None = Field(None, ge=1, le=MAX_ID, description="An activity of the agreement")


class BudgetLinePatch(InputSchema):
    """Only the fields sent change; `allocation` and `activity` sent as null unlink them."""

    party: int | None = Field(None, ge=1, le=MAX_ID)
    year: int | None = Field(None, ge=1, le=32767)
    description: str | None = Field(None, max_length=1000)
    planned: Decimal | None = None
    spent: Decimal | None = None
    currency: str | None = Field(None, max_length=20)
    allocation: int | None = Field(None, ge=1, le=MAX_ID)
    activity: int | None = Field(None, ge=1, le=MAX_ID)


class BudgetTableRowOut(Schema):
    party: int = Field(description="The party's place")
    party_name: str
    year: int
    currency: str
    allocated: Decimal = Field(description="The party's money allocations for the year in this currency")
    planned: Decimal
    spent: Decimal
    remaining: Decimal = Field(description="Allocated less spent")
    used: float | None = Field(description="Share of the allocation spent; null without an allocation")
    overspent: bool


class BudgetTableOut(Schema):
    agreement: int
    rows: list[BudgetTableRowOut] = Field(
        description="One row per party, year and currency; amounts in different currencies are never added"
    )


class IndicatorOut(Schema):
    id: int
    agreement: int
    kind: str
    name: str = Field(description="A custom indicator's name; empty for the other kinds")
    label: str
    unit: str = Field(description="A currency code for trade and investment values, else free text")
    year: int
    target: Decimal
    actual: Decimal | None = Field(description="Counted from the activities held for counted kinds, else typed in")
    counted: bool
    progress: float | None = Field(description="Share of the target reached")


class IndicatorListOut(Schema):
    count: int
    items: list[IndicatorOut]


class IndicatorValueIn(InputSchema):
    kind: str = Field(description="participants, students_exchanged, events_held, visitors, …, or custom")
    target: Decimal = Field(description="Not negative, at most two decimals")
    actual: Decimal | None = Field(None, description="Leave out for counted kinds")
    name: str = Field("", max_length=1000, description="Required for a custom indicator")
    unit: str = Field("", max_length=1000, description="The currency of trade and investment values")


class IndicatorsIn(InputSchema):
    year: int = Field(..., ge=1, le=32767)
    indicators: list[IndicatorValueIn] = Field(max_length=100, description="Set (added or changed) for the year")


def budget_line_data(line: BudgetLine) -> dict[str, Any]:
    """A line read with `select_related("party__place")`."""
    return {
        **{name: getattr(line, name) for name in ("id", "year", "description", "currency", "planned", "spent")},
        "agreement": line.agreement_id,
        "party": line.party.place_id,
        "party_name": line.party.place.name,
        "allocation": line.allocation_id,
        "activity": line.activity_id,
    }


def budget_row_data(line: BudgetTableRow) -> dict[str, Any]:
    row = line.row
    return {
        "party": line.party.place_id,
        "party_name": line.party.place.name,
        **{name: getattr(row, name) for name in ("year", "currency", "allocated", "planned", "spent", "remaining")},
        "used": row.use,
        "overspent": row.overspent,
    }


def indicator_data(row: IndicatorRow) -> dict[str, Any]:
    indicator = row.indicator
    return {
        **{name: getattr(indicator, name) for name in ("id", "kind", "name", "unit", "year", "target")},
        "agreement": indicator.agreement_id,
        "label": row.label,
        "actual": row.actual,
        "counted": row.counted,
        "progress": row.progress,
    }
