"""Write API of agreements, at /api/v1/agreements: every change the workspace's pages make.
Authenticated with a personal access token (Bearer) or the session with its CSRF token; errors
are JSON `detail`s: 400 a rule refused the change, 403 the role does not allow it, 404 unknown or
not visible to you, 409 a stale revision or version."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, Router
from ninja.files import UploadedFile

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.models import Organisation
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements import attachments, lifecycle, services
from twinnings.agreements.documents import pdf_filename, version_pdf
from twinnings.agreements.lifecycle import Event
from twinnings.agreements.models import Agreement, AgreementVersion, Attachment, Party
from twinnings.agreements.schemas import (
    AgreementIn,
    AgreementListOut,
    AgreementOut,
    ApprovalIn,
    AttachmentOut,
    ClauseIn,
    CommitmentIn,
    EventIn,
    HistoryEntryOut,
    OrganisationLinkIn,
    ResourceIn,
    ResponsibilitiesIn,
    SignatureIn,
    TermsIn,
    VersionDetailOut,
    agreement_data,
    version_data,
)
from twinnings.audit.services import history, scope_of
from twinnings.core.errors import Refused
from twinnings.core.schemas import AUTH_ERRORS, ErrorOut
from twinnings.places.models import Place

router = Router(auth=API_AUTH, tags=["agreements"])
WRITE_ERRORS = {**AUTH_ERRORS, 403: ErrorOut, 409: ErrorOut}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    return get_object_or_404(restrict(Agreement.objects.all(), _user(request), Action.VIEW), pk=pk)


def _out(agreement: Agreement) -> dict[str, Any]:
    return agreement_data(Agreement.objects.select_related("current_version", "signed_version").get(pk=agreement.pk))


@router.get("/agreements", response={200: AgreementListOut, **AUTH_ERRORS}, summary="Your agreements")
def list_agreements(request: HttpRequest) -> dict[str, Any]:
    agreements = restrict(Agreement.objects.all(), _user(request), Action.VIEW).prefetch_related(
        Prefetch("parties", queryset=Party.objects.only("id", "agreement_id", "place_id"))
    )
    items = [
        {
            **{f: getattr(a, f) for f in ("id", "title", "status", "amendment_stage", "revision")},
            "parties": [p.place_id for p in a.parties.all()],
        }
        for a in agreements
    ]
    return {"count": len(items), "items": items}


@router.post("/agreements", response={201: AgreementOut, **WRITE_ERRORS}, summary="Start a draft")
def create_agreement(request: HttpRequest, data: AgreementIn) -> tuple[int, dict[str, Any]]:
    owner = get_object_or_404(Place, pk=data.owner)
    partners = list(Place.objects.filter(pk__in=data.partners))
    if len(partners) != len(set(data.partners)):
        raise Refused("Unknown partner place.")
    agreement = services.create_agreement(_user(request), owner, partners, data.title, data.languages)
    return 201, _out(agreement)


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, **AUTH_ERRORS}, summary="An agreement")
def get_agreement(request: HttpRequest, agreement_id: int) -> dict[str, Any]:
    return _out(_agreement(request, agreement_id))


@router.patch("/agreements/{agreement_id}", response={200: AgreementOut, **WRITE_ERRORS}, summary="Change the terms")
def update_terms(request: HttpRequest, agreement_id: int, data: TermsIn) -> dict[str, Any]:
    agreement = _agreement(request, agreement_id)
    changes = data.dict(exclude_unset=True)
    revision = changes.pop("revision")
    return _out(services.update_terms(_user(request), agreement, revision, **changes))


@router.put(
    "/agreements/{agreement_id}/parties/{party_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="A party's responsibilities",
)
def set_responsibilities(
    request: HttpRequest, agreement_id: int, party_id: int, data: ResponsibilitiesIn
) -> dict[str, Any]:
    agreement = _agreement(request, agreement_id)
    services.set_responsibilities(_user(request), agreement, data.revision, party_id, data.responsibilities)
    return _out(agreement)


@router.post("/agreements/{agreement_id}/clauses", response={201: AgreementOut, **WRITE_ERRORS}, summary="Add a clause")
def add_clause(request: HttpRequest, agreement_id: int, data: ClauseIn) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    services.save_clause(_user(request), agreement, data.revision, data.texts)
    return 201, _out(agreement)


@router.put(
    "/agreements/{agreement_id}/clauses/{clause_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Change a clause",
)
def change_clause(request: HttpRequest, agreement_id: int, clause_id: int, data: ClauseIn) -> dict[str, Any]:
    agreement = _agreement(request, agreement_id)
    services.save_clause(_user(request), agreement, data.revision, data.texts, clause_id)
    return _out(agreement)


@router.delete(
    "/agreements/{agreement_id}/clauses/{clause_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Delete a clause",
)
def delete_clause(request: HttpRequest, agreement_id: int, clause_id: int, revision: int) -> dict[str, Any]:
    agreement = _agreement(request, agreement_id)
    services.delete_clause(_user(request), agreement, revision, clause_id)
    return _out(agreement)


@router.post(
    "/agreements/{agreement_id}/commitments", response={201: AgreementOut, **WRITE_ERRORS}, summary="Add a commitment"
)
def add_commitment(request: HttpRequest, agreement_id: int, data: CommitmentIn) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    services.add_commitment(_user(request), agreement, data.revision, data.party, data.description, data.due)
    return 201, _out(agreement)


@router.post(
    "/agreements/{agreement_id}/resources", response={201: AgreementOut, **WRITE_ERRORS}, summary="Allocate a resource"
)
def add_resource(request: HttpRequest, agreement_id: int, data: ResourceIn) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    services.add_resource(
        _user(request), agreement, data.revision, data.party, data.year, data.amount, data.currency, data.in_kind
    )
    return 201, _out(agreement)


@router.post(
    "/agreements/{agreement_id}/organisations",
    response={201: AgreementOut, **WRITE_ERRORS},
    summary="Associate an organisation",
)
def link_organisation(request: HttpRequest, agreement_id: int, data: OrganisationLinkIn) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    organisation = get_object_or_404(Organisation, pk=data.organisation)
    services.link_organisation(_user(request), agreement, data.revision, organisation, data.role)
    return 201, _out(agreement)


def _remove(request: HttpRequest, agreement_id: int, kind: str, item_id: int, revision: int) -> dict[str, Any]:
    agreement = _agreement(request, agreement_id)
    services.remove_item(_user(request), agreement, revision, kind, item_id)
    return _out(agreement)


@router.delete(
    "/agreements/{agreement_id}/commitments/{item_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Remove a commitment",
)
def remove_commitment(request: HttpRequest, agreement_id: int, item_id: int, revision: int) -> dict[str, Any]:
    return _remove(request, agreement_id, "commitment", item_id, revision)


@router.delete(
    "/agreements/{agreement_id}/resources/{item_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Remove a resource",
)
def remove_resource(request: HttpRequest, agreement_id: int, item_id: int, revision: int) -> dict[str, Any]:
    return _remove(request, agreement_id, "resource", item_id, revision)


@router.delete(
    "/agreements/{agreement_id}/organisations/{item_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Remove an associated organisation",
)
def remove_organisation(request: HttpRequest, agreement_id: int, item_id: int, revision: int) -> dict[str, Any]:
    return _remove(request, agreement_id, "organisation", item_id, revision)


def _version(agreement: Agreement, version_id: int) -> AgreementVersion:
    return get_object_or_404(AgreementVersion, agreement=agreement, pk=version_id)


def _party(agreement: Agreement, party_id: int) -> Party:
    return get_object_or_404(Party.objects.select_related("place"), agreement=agreement, pk=party_id)


@router.post(
    "/agreements/{agreement_id}/events/{event}",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Move the agreement on",
)
def transition(request: HttpRequest, agreement_id: int, event: Event, data: EventIn) -> dict[str, Any]:
    """`propose`, `negotiate`, `activate`, `review`, `renew`, `suspend`, `revive`, `end` or `amend`
    (approvals and signatures have their own endpoints)."""
    agreement = _agreement(request, agreement_id)
    user = _user(request)
    on = data.on or timezone.localdate()
    actions = {
        Event.PROPOSE: lambda: lifecycle.propose(user, agreement, data.revision or 0),
        Event.NEGOTIATE: lambda: lifecycle.negotiate(user, agreement),
        Event.AMEND: lambda: lifecycle.amend(user, agreement),
        Event.ACTIVATE: lambda: lifecycle.activate(user, agreement),
        Event.REVIEW: lambda: lifecycle.mark_review_due(user, agreement),
        Event.RENEW: lambda: lifecycle.renew(user, agreement, data.end_date, data.review_date),
        Event.SUSPEND: lambda: lifecycle.suspend(user, agreement, data.reason, on),
        Event.REVIVE: lambda: lifecycle.revive(user, agreement, on),
        Event.END: lambda: lifecycle.end(user, agreement, data.reason, on),
    }
    if event not in actions:
        raise Refused("Approvals and signatures have their own endpoints.")
    actions[event]()
    return _out(agreement)


@router.post(
    "/agreements/{agreement_id}/approvals",
    response={201: AgreementOut, **WRITE_ERRORS},
    summary="Record a council's approval",
)
def approve(request: HttpRequest, agreement_id: int, data: ApprovalIn) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    party, version = _party(agreement, data.party), _version(agreement, data.version)
    lifecycle.approve(_user(request), agreement, party, version, data.reference, data.resolution_date)
    return 201, _out(agreement)


@router.post(
    "/agreements/{agreement_id}/signatures", response={201: AgreementOut, **WRITE_ERRORS}, summary="Sign for a party"
)
def sign(request: HttpRequest, agreement_id: int, data: SignatureIn) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    party, version = _party(agreement, data.party), _version(agreement, data.version)
    if version.hash != data.version_hash:
        raise Refused("The hash is not the version's: read the current version before signing.")
    lifecycle.sign(_user(request), agreement, party, version)
    return 201, _out(agreement)


@router.get(
    "/agreements/{agreement_id}/versions/{number}", response={200: VersionDetailOut, **AUTH_ERRORS}, summary="A version"
)
def get_version(request: HttpRequest, agreement_id: int, number: int) -> dict[str, Any]:
    version = get_object_or_404(AgreementVersion, agreement=_agreement(request, agreement_id), number=number)
    data = version_data(version)
    assert data is not None
    return {**data, "content": version.content}


@router.get(
    "/agreements/{agreement_id}/versions/{number}/pdf",
    response={200: None, **AUTH_ERRORS},
    summary="A version's bilingual PDF",
    openapi_extra={
        "responses": {200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}
    },
)
def get_version_pdf(request: HttpRequest, agreement_id: int, number: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    version = get_object_or_404(AgreementVersion, agreement=agreement, number=number)
    response = HttpResponse(version_pdf(agreement, version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(agreement, version)}"'
    return response


@router.post(
    "/agreements/{agreement_id}/attachments", response={201: AttachmentOut, **WRITE_ERRORS}, summary="Attach a file"
)
def attach(
    request: HttpRequest, agreement_id: int, file: File[UploadedFile], description: Form[str] = ""
) -> tuple[int, Attachment]:
    """A PDF, PNG or JPEG (checked by its content), within the size limit."""
    return 201, attachments.attach(_user(request), _agreement(request, agreement_id), file, description)


@router.get(
    "/agreements/{agreement_id}/history", response={200: list[HistoryEntryOut], **AUTH_ERRORS}, summary="History"
)
def get_history(request: HttpRequest, agreement_id: int) -> list[dict[str, Any]]:
    entries = history(scope_of(_agreement(request, agreement_id)))
    return [
        {
            "at": e.at,
            "actor": e.actor_name,
            "action": e.action,
            "object": e.object_repr,
            "before": e.before,
            "after": e.after,
        }
        for e in entries
    ]
