"""Pages of an agreement's outcome indicators: targets and actual values per year (participants,
students exchanged and events held counted from the activities held, the others typed in), the form
setting one, editing and deleting one. Refusals keep the user's input."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, can
from twinnings.agreements.models import Agreement
from twinnings.agreements.views.common import refused, visible_agreement
from twinnings.core.errors import Refused
from twinnings.programme.choices import COUNTED
from twinnings.programme.forms.budget import IndicatorForm
from twinnings.programme.models import Indicator
from twinnings.programme.services import indicators as service
from twinnings.programme.views.activities import require_edit
from twinnings.programme.views.budget import PAGE_METHODS, year_in_term


def indicators_url(agreement: Agreement) -> str:
    return reverse("programme:indicators", args=[agreement.pk])


def visible_indicator(request: HttpRequest, agreement_id: int, pk: int) -> tuple[Agreement, Indicator]:
    """The indicator of an agreement the user may see; 404 otherwise."""
    agreement = visible_agreement(request, agreement_id)
    indicator = get_object_or_404(Indicator.objects.select_related("agreement"), agreement=agreement, pk=pk)
    return agreement, indicator


def _save(request: HttpRequest, form: IndicatorForm, agreement: Agreement) -> Any:
    """The saved indicator, or the HTTP status of the refusal (its message added to the form)."""
    if not form.is_valid():
        return 400
    try:
        if form.indicator is not None:
            return service.change_indicator(user_of(request), form.indicator, form.indicator_data())
        year = form.cleaned_data["year"]
        return service.save_indicators(user_of(request), agreement, year, [form.indicator_data()])[0]
    except Refused as error:
        form.add_error(None, error.message)
        return error.status


@require_http_methods(PAGE_METHODS)
@login_required
def indicators(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The indicators page; its POST sets an indicator for a year (a new one, or new values)."""
    agreement = visible_agreement(request, agreement_id)
    form = IndicatorForm(request.POST or None, initial={"year": year_in_term(agreement)})
    status = 200
    if request.method == "POST":
        saved = _save(request, form, agreement)
        if isinstance(saved, Indicator):
            messages.success(request, _("Saved."))
            return redirect(indicators_url(agreement) + f"#year-{saved.year}")
        status = saved
    context = {
        "agreement": agreement,
        "rows": service.indicator_table(agreement),
        "form": form,
        "can_edit": can(user_of(request), Action.EDIT, agreement),
    }
    return render(request, "programme/indicators.html", context, status=status)


@require_http_methods(PAGE_METHODS)
@login_required
def edit(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    agreement, indicator = visible_indicator(request, agreement_id, pk)
    if request.method != "POST":
        require_edit(request, agreement)
    form = IndicatorForm(request.POST or None, indicator=indicator)
    status = 200
    if request.method == "POST":
        saved = _save(request, form, agreement)
        if isinstance(saved, Indicator):
            messages.success(request, _("Saved."))
            return redirect(indicators_url(agreement) + f"#year-{saved.year}")
        status = saved
    context = {"agreement": agreement, "indicator": indicator, "form": form, "counted": indicator.kind in COUNTED}
    return render(request, "programme/indicator_form.html", context, status=status)


@require_http_methods(PAGE_METHODS)
@login_required
def delete(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    """A confirmation page; the POST deletes."""
    agreement, indicator = visible_indicator(request, agreement_id, pk)
    if request.method != "POST":
        require_edit(request, agreement)
        return render(request, "programme/indicator_delete.html", {"agreement": agreement, "indicator": indicator})
    try:
        service.delete_indicator(user_of(request), indicator)
    except Refused as error:
        return refused(request, error, indicators_url(agreement))
    messages.success(request, _("The indicator was deleted."))
    return redirect(indicators_url(agreement))
