"""Pages of an agreement's activities: the list with its filters, planning and editing one (a stale
edit is answered 409 with the user's input kept), and an activity's page with its participants."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, agreement_access, can
from twinnings.agreements.models import Agreement
from twinnings.agreements.views.common import refused, visible_agreement
from twinnings.core.errors import Refused
from twinnings.programme.choices import AgeBand
from twinnings.programme.counts import Counted, count_table
from twinnings.programme.forms.activities import (
    ActivityFilterForm,
    ActivityForm,
    GroupFormSet,
    ParticipantForm,
    TotalForm,
    group_rows,
    party_places,
)
from twinnings.programme.models import Activity
from twinnings.programme.services import activities as service
from twinnings.programme.services.participants import named_participants


def visible_activity(request: HttpRequest, agreement_id: int, pk: int) -> tuple[Agreement, Activity]:
    """The activity of an agreement the user may see; 404 otherwise."""
    agreement = visible_agreement(request, agreement_id)
    activity = get_object_or_404(
        Activity.objects.select_related("host_place__country", "agreement"), agreement=agreement, pk=pk
    )
    return agreement, activity


def require_edit(request: HttpRequest, agreement: Agreement) -> None:
    """Forms that change the programme are shown only to those who may change it."""
    if not can(user_of(request), Action.EDIT, agreement):
        raise PermissionDenied(_("Only an administrator or editor of a party's office can change the programme."))


@require_safe
@login_required
def activities(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = visible_agreement(request, agreement_id)
    filters = ActivityFilterForm(request.GET or None)
    listed = filters.apply(
        Activity.objects.filter(agreement=agreement)
        .select_related("host_place__country")
        .annotate(participant_total=Sum("participant_groups__count"))
    )
    context = {
        "agreement": agreement,
        "activities": listed,
        "filters": filters,
        "can_edit": can(user_of(request), Action.EDIT, agreement),
    }
    return render(request, "programme/activity_list.html", context)


def _save(request: HttpRequest, form: ActivityForm, agreement: Agreement, activity: Activity | None) -> Any:
    """The saved activity, or the HTTP status of the refusal (its message added to the form)."""
    try:
        if activity is None:
            return service.create_activity(user_of(request), agreement, form.activity_data())
        revision = form.cleaned_data["revision"] or 0
        return service.update_activity(user_of(request), activity, revision, form.activity_data())
    except Refused as error:
        form.add_error(None, error.message)
        return error.status


def _edit_page(request: HttpRequest, agreement: Agreement, activity: Activity | None) -> HttpResponse:
    if request.method != "POST":
        require_edit(request, agreement)
    if activity is None:
        form = ActivityForm(request.POST or None, agreement=agreement)
    else:
        form = ActivityForm.for_activity(activity, request.POST or None)
    status = 200
    if request.method == "POST":
        saved = _save(request, form, agreement, activity) if form.is_valid() else 400
        if isinstance(saved, Activity):
            messages.success(request, _("Saved."))
            return redirect(saved)
        status = saved
    context = {"agreement": agreement, "activity": activity, "form": form}
    return render(request, "programme/activity_form.html", context, status=status)


@login_required
def create(request: HttpRequest, agreement_id: int) -> HttpResponse:
    return _edit_page(request, visible_agreement(request, agreement_id), None)


@login_required
def edit(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    agreement, activity = visible_activity(request, agreement_id, pk)
    return _edit_page(request, agreement, activity)


@login_required
def delete(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    """A confirmation page; the POST deletes."""
    agreement, activity = visible_activity(request, agreement_id, pk)
    if request.method != "POST":
        require_edit(request, agreement)
        return render(request, "programme/activity_delete.html", {"agreement": agreement, "activity": activity})
    try:
        service.delete_activity(user_of(request), activity)
    except Refused as error:
        return refused(request, error, activity)
    messages.success(request, _("The activity was deleted."))
    return redirect("programme:activities", agreement_id=agreement.pk)


def counts_of(activity: Activity) -> Any:
    groups = activity.participant_groups.select_related("place", "country")
    return count_table(
        (Counted(g.place.name if g.place else g.country.name, g.invited, g.age_band, g.count) for g in groups),
        [(str(code), str(label)) for code, label in AgeBand.choices],
    )


def detail_page(
    request: HttpRequest,
    agreement: Agreement,
    activity: Activity,
    *,
    status: int = 200,
    counts_form: Any = None,
    total_form: TotalForm | None = None,
    person_form: ParticipantForm | None = None,
) -> HttpResponse:
    """The activity's page; after a refused POST, with the user's forms as they sent them."""
    user = user_of(request)
    places = party_places(agreement)
    access = agreement_access(user, agreement)
    editable = access.allows(Action.EDIT)
    sees_names = access.sees_participant_names
    context = {
        "agreement": agreement,
        "activity": activity,
        "organisations": activity.organisations.order_by("name"),
        "counts": counts_of(activity),
        "can_edit": editable,
        "sees_names": sees_names,
        "participants": named_participants(user, activity) if sees_names else [],
    }
    if editable:
        context["counts_form"] = counts_form or GroupFormSet(initial=group_rows(activity, places), prefix="groups")
        context["total_form"] = total_form or TotalForm()
        context["person_form"] = person_form or ParticipantForm(places=places, prefix="person")
    return render(request, "programme/activity_detail.html", context, status=status)


@require_safe
@login_required
def detail(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    agreement, activity = visible_activity(request, agreement_id, pk)
    return detail_page(request, agreement, activity)
