"""API schemas of the programme: what clients send and what they get back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from twinnings.core.schemas import MAX_ID
from twinnings.programme.choices import ActivityStatus, AgeBand
from twinnings.programme.models import Activity, Participant


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


class ActivityIn(Schema):
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


class ActivityPatch(Schema):
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


class ParticipantGroupIn(Schema):
    place: int | None = Field(None, ge=1, le=MAX_ID, description="The town's id; leave out to count by country")
    country: str = Field("", max_length=2, description="ISO code; taken from the place when one is given")
    invited: bool = Field(description="Guests from elsewhere, as opposed to local participants")
    age_band: str = AgeBand.UNKNOWN
    count: int


class ParticipantGroupsIn(Schema):
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


class ParticipantIn(Schema):
    full_name: str = Field(max_length=1000)
    email: str = Field("", max_length=254)
    role: str = Field("", max_length=1000)
    place: int | None = Field(None, ge=1, le=MAX_ID)
    country: str = Field("", max_length=2)
    invited: bool
    age_band: str = AgeBand.UNKNOWN
    consent: bool = Field(description="The person (or their guardian) explicitly consented to be listed by name")
    consent_note: str = Field("", max_length=1000)


class PersonIn(Schema):
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
