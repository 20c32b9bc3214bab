"""API schemas of agreements: what clients send and what they get back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from twinnings.agreements.models import Agreement, AgreementVersion
from twinnings.core.schemas import InputSchema, unchanged_when_absent


class PartyOut(Schema):
    id: int
    place: int
    name: str
    country: str
    responsibilities: str


class ClauseOut(Schema):
    id: int
    position: int
    texts: dict[str, str]


class CommitmentOut(Schema):
    id: int
    party: int
    description: str
    due: date | None


class ResourceOut(Schema):
    id: int
    party: int
    year: int
    amount: Decimal | None
    currency: str
    in_kind: str


class OrganisationLinkOut(Schema):
    id: int
    organisation: int
    name: str
    role: str


class VersionOut(Schema):
    number: int
    id: int
    hash: str
    created_at: datetime


class AgreementOut(Schema):
    id: int
    title: str
    status: str
    amendment_stage: str
    revision: int = Field(description="Send it back with every edit: a stale revision is refused with 409")
    owner: int
    languages: list[str]
    areas: list[str]
    objectives: str
    start_date: date | None
    end_date: date | None
    review_date: date | None
    renewal_terms: str
    status_reason: str
    status_date: date | None
    current_version: VersionOut | None
    signed_version: VersionOut | None
    parties: list[PartyOut]
    clauses: list[ClauseOut]
    commitments: list[CommitmentOut]
    resources: list[ResourceOut]
    organisations: list[OrganisationLinkOut]


class AgreementSummaryOut(Schema):
    id: int
    title: str
    status: str
    amendment_stage: str
    revision: int
    parties: list[int] = Field(description="Place ids")


class AgreementListOut(Schema):
    count: int
    items: list[AgreementSummaryOut]


class VersionDetailOut(VersionOut):
    content: dict[str, Any]


class AgreementIn(InputSchema):
    owner: int = Field(description="Id of the place the agreement is drafted for")
    partners: list[int] = Field(min_length=1, description="Ids of the partner places")
    title: str = Field(min_length=1, max_length=200)
    languages: list[str] = Field(min_length=1, description="ISO 639-1 codes")


class TermsIn(InputSchema):
    """Only the fields sent change; the dates may be cleared with null, the other fields not."""

    revision: int
    title: str = unchanged_when_absent(max_length=200)
    areas: list[str] = unchanged_when_absent()
    objectives: str = unchanged_when_absent(max_length=20000)
    languages: list[str] = unchanged_when_absent()
    start_date: date | None = None
    end_date: date | None = None
    review_date: date | None = None
    renewal_terms: str = unchanged_when_absent(max_length=20000)


class RevisionIn(InputSchema):
    revision: int


class ClauseIn(RevisionIn):
    texts: dict[str, str] = Field(description="Language code -> text")


class ResponsibilitiesIn(RevisionIn):
    responsibilities: str = Field(max_length=20000)


class CommitmentIn(RevisionIn):
    party: int
    description: str = Field(min_length=1, max_length=5000)
    due: date | None = None


class ResourceIn(RevisionIn):
    party: int
    year: int
    amount: Decimal | None = None
    currency: str = ""
    in_kind: str = Field("", max_length=500)


class OrganisationLinkIn(RevisionIn):
    organisation: int
    role: str


class EventIn(InputSchema):
    revision: int | None = Field(None, description="Needed to propose")
    reason: str = Field("", max_length=2000, description="Needed to suspend or end")
    on: date | None = Field(None, description="When it was suspended, revived or ended (default: today)")
    end_date: date | None = Field(None, description="To renew: the new end (empty: open-ended)")
    review_date: date | None = Field(None, description="To renew: the next review")


class ApprovalIn(InputSchema):
    party: int
    version: int = Field(description="Id of the version approved")
    reference: str = Field(min_length=1, max_length=200)
    resolution_date: date


class SignatureIn(InputSchema):
    party: int
    version: int = Field(description="Id of the version signed")
    version_hash: str = Field(description="The hash of the version the signatory read")


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str
    description: str


class HistoryEntryOut(Schema):
    at: datetime
    actor: str
    action: str
    object: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def version_data(version: AgreementVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {"number": version.number, "id": version.pk, "hash": version.hash, "created_at": version.created_at}


def agreement_data(a: Agreement) -> dict[str, Any]:
    fields = [
        "id",
        "title",
        "status",
        "amendment_stage",
        "revision",
        "languages",
        "areas",
        "objectives",
        "start_date",
        "end_date",
        "review_date",
        "renewal_terms",
        "status_reason",
        "status_date",
    ]
    return {
        **{name: getattr(a, name) for name in fields},
        "owner": a.owner_id,
        "current_version": version_data(a.current_version),
        "signed_version": version_data(a.signed_version),
        "parties": [
            {
                "id": p.pk,
                "place": p.place_id,
                "name": p.place.name,
                "country": p.place.country_id,
                "responsibilities": p.responsibilities,
            }
            for p in a.parties.select_related("place")
        ],
        "clauses": [{"id": c.pk, "position": c.position, "texts": c.texts} for c in a.clauses.all()],
        "commitments": [
            {"id": c.pk, "party": c.party_id, "description": c.description, "due": c.due} for c in a.commitments.all()
        ],
        "resources": [
            {
                "id": r.pk,
                "party": r.party_id,
                "year": r.year,
                "amount": r.amount,
                "currency": r.currency,
                "in_kind": r.in_kind,
            }
            for r in a.resources.all()
        ],
        "organisations": [
            {"id": o.pk, "organisation": o.organisation_id, "name": o.organisation.name, "role": o.role}
            for o in a.organisations.select_related("organisation")
        ],
    }
