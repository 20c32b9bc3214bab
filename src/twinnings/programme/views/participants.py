"""Who took part in an activity: setting the counts, listing a person by name with their consent,
and each person's data, exported or erased, one record at a time or all records at once."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, can_see_participant_names, restrict
from twinnings.core.errors import Refused
from twinnings.programme.forms.activities import (
    EraseForm,
    GroupFormSet,
    ParticipantForm,
    PersonForm,
    TotalForm,
    party_places,
)
from twinnings.programme.models import Activity, Participant
from twinnings.programme.services import participants as service
from twinnings.programme.views.activities import detail_page, visible_activity


def _counted(activity: Activity) -> str:
    return activity.get_absolute_url() + "#counts"


@require_POST
@login_required
def counts(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    agreement, activity = visible_activity(request, agreement_id, pk)
    formset = GroupFormSet(request.POST, prefix="groups")
    total_form = TotalForm(request.POST)
    status = 400
    if formset.is_valid() and total_form.is_valid():
        try:
            service.set_participant_groups(user_of(request), activity, formset.groups, total_form.cleaned_data["total"])
        except Refused as error:
            formset.refuse(error.message)
            status = error.status
        else:
            messages.success(request, _("The counts were saved."))
            return redirect(_counted(activity))
    return detail_page(request, agreement, activity, status=status, counts_form=formset, total_form=total_form)


@require_POST
@login_required
def add(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    agreement, activity = visible_activity(request, agreement_id, pk)
    form = ParticipantForm(request.POST, places=party_places(agreement), prefix="person")
    status = 400
    if form.is_valid():
        try:
            service.add_participant(user_of(request), activity, form.person())
        except Refused as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, _("The participant was listed."))
            return redirect(activity.get_absolute_url() + "#named")
    return detail_page(request, agreement, activity, status=status, person_form=form)


def _participant(request: HttpRequest, agreement_id: int, pk: int, participant_id: int) -> Participant:
    """A named participant of a visible activity: 403 for those who may not see names, 404 if unknown."""
    _agreement, activity = visible_activity(request, agreement_id, pk)
    if not can_see_participant_names(user_of(request), activity):
        raise PermissionDenied(_("Named participants are visible only to the parties' editors and administrators."))
    return get_object_or_404(activity.participants.select_related("activity__agreement"), pk=participant_id)


def json_download(data: object, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@never_cache
@login_required
def export(request: HttpRequest, agreement_id: int, pk: int, participant_id: int) -> HttpResponse:
    participant = _participant(request, agreement_id, pk, participant_id)
    records = restrict(Participant.objects.filter(pk=participant.pk), user_of(request), Action.EDIT)
    return json_download(service.export_person(records), f"participant-{participant.pk}.json")


@login_required
def erase(request: HttpRequest, agreement_id: int, pk: int, participant_id: int) -> HttpResponse:
    """A confirmation page; the confirmed POST erases the record (the counts stay)."""
    participant = _participant(request, agreement_id, pk, participant_id)
    activity = participant.activity
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        service.erase_participants(user_of(request), Participant.objects.filter(pk=participant.pk))
        messages.success(request, _("The participant's record was erased; the counts are unchanged."))
        return redirect(activity.get_absolute_url() + "#named")
    context = {"agreement": activity.agreement, "activity": activity, "participant": participant, "form": form}
    return render(request, "programme/activity_erase.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def person(request: HttpRequest) -> HttpResponse:
    """Find every record of one person by email (POST, so the address stays out of logs and history),
    then export them all as JSON or erase them all."""
    user = user_of(request)
    form = PersonForm(request.POST or None)
    records = None
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            email = form.cleaned_data["email"]
            records = service.person_records(user, email=email)
            action = request.POST.get("action", "find")
            if action == "export":
                return json_download(service.export_person(records), "person.json")
            if action == "erase":
                if not form.cleaned_data["confirm"]:
                    form.add_error("confirm", _("Tick the box to confirm the erasure."))
                    status = 400
                else:
                    erased = service.erase_participants(user, records)
                    messages.success(request, _("%(count)s record(s) erased.") % {"count": erased})
                    return redirect("programme:person")
            records = records.select_related("activity__agreement", "place", "country")
    return render(request, "programme/activity_person.html", {"form": form, "records": records}, status=status)
