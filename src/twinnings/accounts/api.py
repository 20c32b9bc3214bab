"""Write API of accounts: organisations, members and invitations of an office (a place's or an
organisation's), and verification requests. Same authentication and errors as the agreements API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from twinnings.accounts import services
from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.models import Membership, Organisation, VerificationRequest
from twinnings.accounts.permissions import Action, can, restrict
from twinnings.accounts.schemas import (
    InvitationIn,
    InvitationOut,
    MemberOut,
    OrganisationIn,
    OrganisationOut,
    RoleIn,
    VerificationRequestIn,
    VerificationRequestOut,
)
from twinnings.core.errors import Refused
from twinnings.core.schemas import AUTH_ERRORS, ErrorOut
from twinnings.places.models import Place

router = Router(auth=API_AUTH, tags=["accounts"])
WRITE_ERRORS = {**AUTH_ERRORS, 403: ErrorOut, 409: ErrorOut}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _office(request: HttpRequest, kind: str, pk: int) -> Place | Organisation:
    office: Place | Organisation = (
        get_object_or_404(Place, pk=pk) if kind == "place" else get_object_or_404(Organisation, pk=pk)
    )
    if not can(_user(request), Action.VIEW, office):
        raise Http404
    return office


def _members(office: Place | Organisation) -> list[dict[str, Any]]:
    members = Membership.objects.filter(
        place=office if isinstance(office, Place) else None,
        organisation=office if isinstance(office, Organisation) else None,
    ).select_related("user")
    return [{"id": m.pk, "user": m.user.email, "role": m.role} for m in members]


def _invite(request: HttpRequest, office: Place | Organisation, data: InvitationIn) -> dict[str, Any]:
    try:
        validate_email(data.email)
    except DjangoValidationError as error:
        raise Refused("Not an email address.") from error
    invitation = services.invite(_user(request), office, data.email, data.role, request.build_absolute_uri("/"))
    return {
        "id": invitation.pk,
        "email": invitation.email,
        "role": invitation.role,
        "expires_at": invitation.expires_at,
    }


@router.post("/organisations", response={201: OrganisationOut, **WRITE_ERRORS}, summary="Add an organisation")
def create_organisation(request: HttpRequest, data: OrganisationIn) -> tuple[int, Organisation]:
    place = get_object_or_404(Place, pk=data.place)
    return 201, services.create_organisation(_user(request), place, data.name, data.kind, data.website)


@router.get(
    "/places/{place_id}/members", response={200: list[MemberOut], **AUTH_ERRORS}, summary="Members of a place's office"
)
def place_members(request: HttpRequest, place_id: int) -> list[dict[str, Any]]:
    return _members(_office(request, "place", place_id))


@router.get(
    "/organisations/{organisation_id}/members",
    response={200: list[MemberOut], **AUTH_ERRORS},
    summary="Members of an organisation",
)
def organisation_members(request: HttpRequest, organisation_id: int) -> list[dict[str, Any]]:
    return _members(_office(request, "organisation", organisation_id))


@router.post(
    "/places/{place_id}/invitations",
    response={201: InvitationOut, **WRITE_ERRORS},
    summary="Invite to a place's office",
)
def invite_to_place(request: HttpRequest, place_id: int, data: InvitationIn) -> tuple[int, dict[str, Any]]:
    return 201, _invite(request, _office(request, "place", place_id), data)


@router.post(
    "/organisations/{organisation_id}/invitations",
    response={201: InvitationOut, **WRITE_ERRORS},
    summary="Invite to an organisation",
)
def invite_to_organisation(
    request: HttpRequest, organisation_id: int, data: InvitationIn
) -> tuple[int, dict[str, Any]]:
    return 201, _invite(request, _office(request, "organisation", organisation_id), data)


def _membership(request: HttpRequest, pk: int) -> Membership:
    return get_object_or_404(restrict(Membership.objects.select_related("user"), _user(request), Action.MANAGE), pk=pk)


@router.patch(
    "/memberships/{membership_id}", response={200: MemberOut, **WRITE_ERRORS}, summary="Change a member's role"
)
def change_role(request: HttpRequest, membership_id: int, data: RoleIn) -> dict[str, Any]:
    membership = services.change_role(_user(request), _membership(request, membership_id), data.role)
    return {"id": membership.pk, "user": membership.user.email, "role": membership.role}


@router.delete("/memberships/{membership_id}", response={204: None, **WRITE_ERRORS}, summary="Remove a member")
def remove_member(request: HttpRequest, membership_id: int) -> tuple[int, None]:
    services.remove_member(_user(request), _membership(request, membership_id))
    return 204, None


@router.post(
    "/verification-requests",
    response={201: VerificationRequestOut, **WRITE_ERRORS},
    summary="Ask to represent a place",
)
def request_verification(request: HttpRequest, data: VerificationRequestIn) -> tuple[int, VerificationRequest]:
    place = get_object_or_404(Place, pk=data.place)
    return 201, services.request_verification(_user(request), place, data.position, data.evidence)
