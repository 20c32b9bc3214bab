"""Named participants at /api/v1/: listed with their consent, visible only to the parties' editors
and administrators (others who see the activity get 403), and each person's data exported or
erased by email."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements.api import WRITE_ERRORS, _user
from twinnings.core.errors import Refused
from twinnings.core.schemas import AUTH_ERRORS, ErrorOut
from twinnings.places.models import Country, Place
from twinnings.programme.api.activities import visible_activity
from twinnings.programme.models import Participant
from twinnings.programme.schemas import (
    ErasedOut,
    ParticipantIn,
    ParticipantOut,
    PersonExportOut,
    PersonIn,
    participant_data,
)
from twinnings.programme.services import participants as service

router = Router(auth=API_AUTH, tags=["programme"])
NAMES_ERRORS = {**AUTH_ERRORS, 403: ErrorOut}


@router.get(
    "/activities/{activity_id}/participants",
    response={200: list[ParticipantOut], **NAMES_ERRORS},
    summary="An activity's named participants",
)
def list_participants(request: HttpRequest, activity_id: int) -> list[dict[str, Any]]:
    activity = visible_activity(request, activity_id)
    return [participant_data(p) for p in service.named_participants(_user(request), activity)]


def _person(data: ParticipantIn) -> service.PersonData:
    place = Place.objects.select_related("country").filter(pk=data.place).first() if data.place else None
    if data.place and place is None:
        raise Refused(_("There is no place with the id %(id)s.") % {"id": data.place})
    country = place.country if place else Country.objects.filter(pk=data.country.upper()).first()
    if country is None:
        raise Refused(_("Give the person's town or a known country code."))
    return service.PersonData(
        full_name=data.full_name,
        country=country,
        invited=data.invited,
        consent=data.consent,
        place=place,
        email=data.email,
        role=data.role,
        age_band=data.age_band,
        consent_note=data.consent_note,
    )


@router.post(
    "/activities/{activity_id}/participants",
    response={201: ParticipantOut, **WRITE_ERRORS},
    summary="List a participant by name (with consent)",
)
def add_participant(request: HttpRequest, activity_id: int, data: ParticipantIn) -> tuple[int, dict[str, Any]]:
    activity = visible_activity(request, activity_id)
    participant = service.add_participant(_user(request), activity, _person(data))
    return 201, participant_data(participant)


@router.delete("/participants/{participant_id}", response={204: None, **WRITE_ERRORS}, summary="Erase a participant")
def erase_participant(request: HttpRequest, participant_id: int) -> tuple[int, None]:
    """The person's record goes; the counts stay."""
    user = _user(request)
    visible = restrict(Participant.objects.all(), user, Action.EDIT)
    if not visible.filter(pk=participant_id).exists():
        participant = get_object_or_404(Participant.objects.select_related("activity"), pk=participant_id)
        visible_activity(request, participant.activity_id)  # 404 unless the activity can be seen
    service.erase_participants(user, Participant.objects.filter(pk=participant_id))
    return 204, None


@router.post("/people/export", response={200: PersonExportOut, **WRITE_ERRORS}, summary="A person's data")
def export_person(request: HttpRequest, data: PersonIn) -> dict[str, Any]:
    """Every record of the person with this email in the activities you manage."""
    return service.export_person(service.person_records(_user(request), email=data.email))


@router.post("/people/erase", response={200: ErasedOut, **WRITE_ERRORS}, summary="Erase a person's data")
def erase_person(request: HttpRequest, data: PersonIn) -> dict[str, int]:
    """Every record of the person with this email in the activities you manage; the counts stay."""
    user = _user(request)
    return {"erased": service.erase_participants(user, service.person_records(user, email=data.email))}
