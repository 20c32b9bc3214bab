"""Moving an agreement through its lifecycle from its page: events, council approvals, signatures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinnings.accounts.current import user_of
from twinnings.agreements import lifecycle
from twinnings.agreements.forms import ApprovalForm, SignatureForm, TransitionForm
from twinnings.agreements.lifecycle import Event
from twinnings.agreements.models import Agreement, AgreementVersion, Party
from twinnings.agreements.views.common import refused, visible_agreement
from twinnings.core.errors import Refused

EVENTS = {e.value: e for e in Event if e not in (Event.APPROVE, Event.SIGN)}


def _run(request: HttpRequest, agreement: Agreement, event: Event, form: TransitionForm) -> None:
    user = user_of(request)
    data = form.cleaned_data
    on = data["on"] or timezone.localdate()
    if event == Event.PROPOSE:
        lifecycle.propose(user, agreement, data["revision"] or 0)
    elif event == Event.NEGOTIATE:
        lifecycle.negotiate(user, agreement)
    elif event == Event.AMEND:
        lifecycle.amend(user, agreement)
    elif event == Event.ACTIVATE:
        lifecycle.activate(user, agreement)
    elif event == Event.REVIEW:
        lifecycle.mark_review_due(user, agreement)
    elif event == Event.RENEW:
        lifecycle.renew(user, agreement, data["end_date"], data["review_date"])
    elif event == Event.SUSPEND:
        lifecycle.suspend(user, agreement, data["reason"], on)
    elif event == Event.REVIVE:
        lifecycle.revive(user, agreement, on)
    else:
        lifecycle.end(user, agreement, data["reason"], on)


@require_POST
@login_required
def transition(request: HttpRequest, pk: int, event: str) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    if event not in EVENTS:
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return refused(request, Refused(_("Please check the dates.")), agreement)
    try:
        _run(request, agreement, EVENTS[event], form)
    except Refused as error:
        return refused(request, error, agreement)
    messages.success(request, _("Done: %(event)s.") % {"event": lifecycle.LABELS[EVENTS[event]]})
    return redirect(agreement)


def _party_and_version(agreement: Agreement, party_id: int, version_id: int) -> tuple[Party, AgreementVersion]:
    party = agreement.parties.select_related("place").filter(pk=party_id).first()
    version = agreement.versions.filter(pk=version_id).first()
    if party is None or version is None:
        raise Refused(_("Unknown party or version."))
    return party, version


@require_POST
@login_required
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return refused(request, Refused(_("Give the council's resolution and its date.")), agreement)
    data = form.cleaned_data
    try:
        party, version = _party_and_version(agreement, data["party"], data["version"])
        lifecycle.approve(user_of(request), agreement, party, version, data["reference"], data["resolution_date"])
    except Refused as error:
        return refused(request, error, agreement)
    messages.success(request, _("The approval of %(place)s is recorded.") % {"place": party.place.name})
    return redirect(agreement)


@require_POST
@login_required
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        return refused(request, Refused(_("Unknown party or version.")), agreement)
    data = form.cleaned_data
    try:
        party, version = _party_and_version(agreement, data["party"], data["version"])
        if version.hash != data["version_hash"]:
            raise Refused(_("The text changed since you opened the page: read the current version before signing."))
        lifecycle.sign(user_of(request), agreement, party, version)
    except Refused as error:
        return refused(request, error, agreement)
    messages.success(request, _("Signed for %(place)s.") % {"place": party.place.name})
    return redirect(agreement)
