"""API schemas of accounts: organisations, memberships, invitations, verification requests."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from twinnings.core.schemas import InputSchema


class OrganisationIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: str = Field(description="university, school, business, community, ngo or municipal_department")
    place: int = Field(description="Id of the organisation's place")
    website: str = Field("", max_length=200)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    place: int = Field(validation_alias="place_id")
    website: str


class MemberOut(Schema):
    id: int
    user: str = Field(description="The member's email address")
    role: str


class InvitationIn(InputSchema):
    email: str = Field(min_length=3, max_length=254)
    role: str = Field(description="admin, editor, signatory or viewer")


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    expires_at: datetime


class RoleIn(InputSchema):
    role: str


class VerificationRequestIn(InputSchema):
    place: int
    position: str = Field(min_length=1, max_length=200)
    evidence: str = Field(min_length=1, max_length=5000)


class VerificationRequestOut(Schema):
    id: int
    place: int = Field(validation_alias="place_id")
    status: str
    created_at: datetime
