"""Reading agreements: the workspace dashboard, an agreement, its versions, the difference between
two versions and its history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, AgreementAccess, agreement_access, place_ids, restrict
from twinnings.agreements import lifecycle
from twinnings.agreements.choices import Area, Status
from twinnings.agreements.forms import ApprovalForm, SignatureForm, TransitionForm
from twinnings.agreements.models import Agreement, AgreementVersion, Party
from twinnings.agreements.versions import diff
from twinnings.agreements.views.common import visible_agreement
from twinnings.audit.services import history as audit_history
from twinnings.audit.services import scope_of
from twinnings.places.models import Place


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    agreements = (
        restrict(Agreement.objects.all(), user, Action.VIEW)
        .select_related("owner__country")
        .prefetch_related(Prefetch("parties", queryset=Party.objects.select_related("place__country")))
        .order_by("-updated_at")
    )
    return render(
        request,
        "agreements/dashboard.html",
        {
            "agreements": agreements,
            "can_start": bool(place_ids(user, Action.EDIT)),
            "statuses": Status,
            "offices": restrict(Place.objects.all(), user, Action.VIEW).order_by("name"),
        },
    )


def _party_rows(agreement: Agreement, access: AgreementAccess) -> list[dict[str, object]]:
    version = agreement.current_version
    approvals = {a.party_id: a for a in version.approvals.all()} if version else {}
    signatures = {s.party_id: s for s in version.signatures.all()} if version else {}
    return [
        {
            "party": party,
            "approval": approvals.get(party.pk),
            "signature": signatures.get(party.pk),
            "can_approve": access.allows_for(Action.APPROVE, party),
            "can_sign": access.allows_for(Action.SIGN, party),
        }
        for party in agreement.parties.select_related("place__country")
    ]


@require_safe
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    access = agreement_access(user_of(request), agreement)
    events = lifecycle.available(access, agreement)
    context = {
        "agreement": agreement,
        "parties": _party_rows(agreement, access),
        "areas": [Area(code).label for code in agreement.areas if code in Area.values],
        "clauses": agreement.clauses.all(),
        "commitments": agreement.commitments.select_related("party__place"),
        "resources": agreement.resources.select_related("party__place"),
        "organisations": agreement.organisations.select_related("organisation"),
        "versions": agreement.versions.order_by("-number"),
        "events": [
            (e.value, lifecycle.LABELS[e]) for e in events if e not in (lifecycle.Event.APPROVE, lifecycle.Event.SIGN)
        ],
        "can_approve": lifecycle.Event.APPROVE in events,
        "can_sign": lifecycle.Event.SIGN in events,
        "can_edit": access.allows(Action.EDIT) and agreement.stage in (Status.DRAFT, Status.NEGOTIATING),
        "approval_form": ApprovalForm(),
        "signature_form": SignatureForm(),
        "transition_form": TransitionForm(),
        "attachments": agreement.attachments.all(),
        "can_attach": access.allows(Action.EDIT),
    }
    return render(request, "agreements/detail.html", context)


@require_safe
@login_required
def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    found = get_object_or_404(AgreementVersion, agreement=agreement, number=number)
    return render(request, "agreements/version.html", {"agreement": agreement, "version": found})


@require_safe
@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    versions = {v.number: v for v in agreement.versions.all()}
    try:
        old, new = versions[int(request.GET.get("from", ""))], versions[int(request.GET.get("to", ""))]
    except (KeyError, ValueError):
        if len(versions) < 2:
            raise Http404("Two versions are needed") from None
        numbers = sorted(versions)
        old, new = versions[numbers[-2]], versions[numbers[-1]]
    return render(
        request,
        "agreements/compare.html",
        {
            "agreement": agreement,
            "old": old,
            "new": new,
            "changes": diff(old.content, new.content),
            "versions": sorted(versions),
        },
    )


@require_safe
@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    entries = audit_history(scope_of(agreement))
    return render(request, "agreements/history.html", {"agreement": agreement, "entries": entries})
