"""Pages of an agreement's budget: allocated vs planned vs spent per party and year, its budget
lines and the form adding one; editing and deleting a line. Refusals keep the user's input."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, can
from twinnings.agreements.models import Agreement
from twinnings.agreements.views.common import refused, visible_agreement
from twinnings.core.errors import Refused
from twinnings.programme.forms.budget import BudgetLineForm
from twinnings.programme.models import BudgetLine
from twinnings.programme.services import budget as service
from twinnings.programme.views.activities import require_edit

PAGE_METHODS = ["GET", "HEAD", "POST"]


def budget_url(agreement: Agreement) -> str:
    return reverse("programme:budget", args=[agreement.pk])


def year_in_term(agreement: Agreement) -> int:
    """This year, kept within the agreement's term: what the forms propose."""
    year = timezone.localdate().year
    if agreement.start_date and year < agreement.start_date.year:
        return agreement.start_date.year
    if agreement.end_date and year > agreement.end_date.year:
        return agreement.end_date.year
    return year


def visible_line(request: HttpRequest, agreement_id: int, pk: int) -> tuple[Agreement, BudgetLine]:
    """The budget line of an agreement the user may see; 404 otherwise."""
    agreement = visible_agreement(request, agreement_id)
    line = get_object_or_404(BudgetLine.objects.select_related("agreement", "party__place"), agreement=agreement, pk=pk)
    return agreement, line


def _save(request: HttpRequest, form: BudgetLineForm, agreement: Agreement, line: BudgetLine | None) -> Any:
    """The saved line, or the HTTP status of the refusal (its message added to the form)."""
    try:
        return service.save_budget_line(user_of(request), agreement, form.line_data(), line)
    except Refused as error:
        form.add_error(None, error.message)
        return error.status


def _posted(request: HttpRequest, form: BudgetLineForm, agreement: Agreement, line: BudgetLine | None) -> Any:
    saved = _save(request, form, agreement, line) if form.is_valid() else 400
    if isinstance(saved, BudgetLine):
        messages.success(request, _("Saved."))
    return saved


@require_http_methods(PAGE_METHODS)
@login_required
def budget(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The budget page; its POST adds a line."""
    agreement = visible_agreement(request, agreement_id)
    form = BudgetLineForm(request.POST or None, agreement=agreement, initial={"year": year_in_term(agreement)})
    status = 200
    if request.method == "POST":
        saved = _posted(request, form, agreement, None)
        if isinstance(saved, BudgetLine):
            return redirect(budget_url(agreement) + "#lines")
        status = saved
    lines = agreement.budget_lines.select_related("party__place", "activity").order_by("year", "party__position", "pk")
    context = {
        "agreement": agreement,
        "table": service.budget_table(agreement),
        "lines": lines,
        "form": form,
        "can_edit": can(user_of(request), Action.EDIT, agreement),
    }
    return render(request, "programme/budget.html", context, status=status)


@require_http_methods(PAGE_METHODS)
@login_required
def edit(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    agreement, line = visible_line(request, agreement_id, pk)
    if request.method != "POST":
        require_edit(request, agreement)
    form = BudgetLineForm.for_line(line, request.POST or None)
    status = 200
    if request.method == "POST":
        saved = _posted(request, form, agreement, line)
        if isinstance(saved, BudgetLine):
            return redirect(budget_url(agreement) + "#lines")
        status = saved
    context = {"agreement": agreement, "line": line, "form": form}
    return render(request, "programme/budget_line_form.html", context, status=status)


@require_http_methods(PAGE_METHODS)
@login_required
def delete(request: HttpRequest, agreement_id: int, pk: int) -> HttpResponse:
    """A confirmation page; the POST deletes."""
    agreement, line = visible_line(request, agreement_id, pk)
    if request.method != "POST":
        require_edit(request, agreement)
        return render(request, "programme/budget_line_delete.html", {"agreement": agreement, "line": line})
    try:
        service.delete_budget_line(user_of(request), line)
    except Refused as error:
        return refused(request, error, budget_url(agreement))
    messages.success(request, _("The budget line was deleted."))
    return redirect(budget_url(agreement) + "#lines")
