"""Activities of an agreement at /api/v1/: list, plan, change (with the revision read: a stale one
is 409), delete, and set the participant counts. Agreements you cannot see are 404; seen but not
yours to edit, 403."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.models import Organisation
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements.api import WRITE_ERRORS, _agreement, _user
from twinnings.core.errors import Refused
from twinnings.core.schemas import AUTH_ERRORS
from twinnings.places.models import Country, Place
from twinnings.programme.choices import ActivityStatus, ActivityType
from twinnings.programme.models import Activity
from twinnings.programme.reports.build import FIRST_YEAR, LAST_YEAR
from twinnings.programme.schemas import (
    ActivityIn,
    ActivityListOut,
    ActivityOut,
    ActivityPatch,
    ParticipantGroupOut,
    ParticipantGroupsIn,
    activity_data,
)
from twinnings.programme.services import activities as service
from twinnings.programme.services.participants import GroupData, set_participant_groups

router = Router(auth=API_AUTH, tags=["programme"])


class ActivityFilters(Schema):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Activities starting in this year")
    status: ActivityStatus | None = None
    type: ActivityType | None = None


def _activities(request: HttpRequest) -> QuerySet[Activity]:
    return (
        restrict(Activity.objects.all(), _user(request), Action.VIEW)
        .select_related("host_place")
        .prefetch_related("organisations", "participant_groups")
    )


def visible_activity(request: HttpRequest, pk: int) -> Activity:
    return get_object_or_404(_activities(request).select_related("agreement"), pk=pk)


def _place(pk: int) -> Place:
    place = Place.objects.select_related("country").filter(pk=pk).first()
    if place is None:
        raise Refused(_("There is no place with the id %(id)s.") % {"id": pk})
    return place


def _organisations(ids: list[int]) -> list[Organisation]:
    found = list(Organisation.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise Refused(_("Unknown organisation."))
    return found


def _data(values: dict[str, Any]) -> service.ActivityData:
    return service.ActivityData(
        **{
            **values,
            "host_place": _place(values["host_place"]),
            "organisations": _organisations(values["organisations"]),
        }
    )


def _out(activity: Activity) -> dict[str, Any]:
    return activity_data(
        Activity.objects.select_related("host_place")
        .prefetch_related("organisations", "participant_groups")
        .get(pk=activity.pk)
    )


@router.get(
    "/agreements/{agreement_id}/activities",
    response={200: ActivityListOut, **AUTH_ERRORS},
    summary="An agreement's activities",
)
def list_activities(request: HttpRequest, agreement_id: int, filters: Query[ActivityFilters]) -> dict[str, Any]:
    agreement = _agreement(request, agreement_id)
    activities = _activities(request).filter(agreement=agreement)
    if filters.year:
        activities = activities.filter(start_date__year__lte=filters.year, end_date__year__gte=filters.year)
    if filters.status:
        activities = activities.filter(status=filters.status)
    if filters.type:
        activities = activities.filter(type=filters.type)
    items = [activity_data(a) for a in activities]
    return {"count": len(items), "items": items}


@router.post(
    "/agreements/{agreement_id}/activities", response={201: ActivityOut, **WRITE_ERRORS}, summary="Plan an activity"
)
def create_activity(request: HttpRequest, agreement_id: int, data: ActivityIn) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    activity = service.create_activity(_user(request), agreement, _data(data.dict()))
    return 201, _out(activity)


@router.get("/activities/{activity_id}", response={200: ActivityOut, **AUTH_ERRORS}, summary="An activity")
def get_activity(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    return activity_data(visible_activity(request, activity_id))


@router.patch("/activities/{activity_id}", response={200: ActivityOut, **WRITE_ERRORS}, summary="Change an activity")
def update_activity(request: HttpRequest, activity_id: int, data: ActivityPatch) -> dict[str, Any]:
    activity = visible_activity(request, activity_id)
    changes = data.dict(exclude_unset=True)
    revision = changes.pop("revision")
    current = {name: getattr(activity, name) for name in service.FIELDS if name != "host_place"}
    current["host_place"] = activity.host_place_id
    current["organisations"] = [o.pk for o in activity.organisations.all()]
    values = {**current, **{name: value for name, value in changes.items() if value is not None}}
    return _out(service.update_activity(_user(request), activity, revision, _data(values)))


@router.delete("/activities/{activity_id}", response={204: None, **WRITE_ERRORS}, summary="Delete an activity")
def delete_activity(request: HttpRequest, activity_id: int) -> tuple[int, None]:
    service.delete_activity(_user(request), visible_activity(request, activity_id))
    return 204, None


def _group(values: dict[str, Any], places: dict[int, Place]) -> GroupData:
    place = places.get(values["place"]) if values["place"] else None
    if values["place"] and place is None:
        raise Refused(_("There is no place with the id %(id)s.") % {"id": values["place"]})
    country = place.country if place else Country.objects.filter(pk=values["country"].upper()).first()
    if country is None:
        raise Refused(_("Give each group a place or a known country code."))
    return GroupData(country, values["invited"], values["count"], place, values["age_band"])


@router.put(
    "/activities/{activity_id}/participant-groups",
    response={200: list[ParticipantGroupOut], **WRITE_ERRORS},
    summary="Set the participant counts",
)
def set_groups(request: HttpRequest, activity_id: int, data: ParticipantGroupsIn) -> list[dict[str, Any]]:
    """Replaces every count of the activity; with `total`, the groups must add up to it."""
    activity = visible_activity(request, activity_id)
    rows = [group.dict() for group in data.groups]
    places = Place.objects.select_related("country").in_bulk([row["place"] for row in rows if row["place"]])
    groups = [_group(row, places) for row in rows]
    created = set_participant_groups(_user(request), activity, groups, data.total)
    return [
        {"place": g.place_id, "country": g.country_id, "invited": g.invited, "age_band": g.age_band, "count": g.count}
        for g in created
    ]
