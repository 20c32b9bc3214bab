"""An agreement's budget at /api/v1/: its budget lines (list, add, change, delete) and the
allocated / planned / spent table per party, year and currency. Agreements you cannot see are 404;
seen but not yours to edit, 403; what the rules refuse (a negative amount, more than two decimals,
another currency than the party allocated, a year outside the term), 400."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements.api import _agreement, _user
from twinnings.agreements.models import Agreement, Party, ResourceAllocation
from twinnings.core.errors import Refused
from twinnings.programme.api.errors import READ_ERRORS, WRITE_ERRORS
from twinnings.programme.models import Activity, BudgetLine
from twinnings.programme.schemas import (
    BudgetLineIn,
    BudgetLineListOut,
    BudgetLineOut,
    BudgetLinePatch,
    BudgetTableOut,
    budget_line_data,
    budget_row_data,
)
from twinnings.programme.services import budget as service

router = Router(auth=API_AUTH, tags=["programme"])


class BudgetYearFilter(Schema):
    year: int | None = Field(None, ge=1, le=32767, description="Only this year")


def _lines(request: HttpRequest) -> QuerySet[BudgetLine]:
    return restrict(BudgetLine.objects.all(), _user(request), Action.VIEW).select_related("party__place")


def visible_line(request: HttpRequest, pk: int) -> BudgetLine:
    return get_object_or_404(_lines(request).select_related("agreement"), pk=pk)


def _party(agreement: Agreement, place: int) -> Party:
    party = agreement.parties.select_related("place").filter(place_id=place).first()
    if party is None:
        raise Refused(_("This place is not a party to the agreement."))
    return party


def _allocation(agreement: Agreement, pk: int | None) -> ResourceAllocation | None:
    if pk is None:
        return None
    found = ResourceAllocation.objects.filter(agreement=agreement, pk=pk).first()
    if found is None:
        raise Refused(_("There is no such resource allocation in this agreement."))
    return found


def _activity(agreement: Agreement, pk: int | None) -> Activity | None:
    if pk is None:
        return None
    found = Activity.objects.filter(agreement=agreement, pk=pk).first()
    if found is None:
        raise Refused(_("That activity belongs to another agreement."))
    return found


def _data(agreement: Agreement, values: dict[str, Any]) -> service.BudgetLineData:
    return service.BudgetLineData(
        party=_party(agreement, values["party"]),
        year=values["year"],
        description=values["description"],
        planned=values["planned"],
        spent=values["spent"],
        currency=values["currency"] or "",
        allocation=_allocation(agreement, values["allocation"]),
        activity=_activity(agreement, values["activity"]),
    )


def _out(line: BudgetLine) -> dict[str, Any]:
    return budget_line_data(BudgetLine.objects.select_related("party__place").get(pk=line.pk))


@router.get(
    "/agreements/{agreement_id}/budget-lines",
    response={200: BudgetLineListOut, **READ_ERRORS},
    summary="An agreement's budget lines",
)
def list_budget_lines(request: HttpRequest, agreement_id: int, filters: Query[BudgetYearFilter]) -> dict[str, Any]:
    agreement = _agreement(request, agreement_id)
    lines = _lines(request).filter(agreement=agreement).order_by("year", "party__position", "pk")
    if filters.year:
        lines = lines.filter(year=filters.year)
    items = [budget_line_data(line) for line in lines]
    return {"count": len(items), "items": items}


@router.post(
    "/agreements/{agreement_id}/budget-lines",
    response={201: BudgetLineOut, **WRITE_ERRORS},
    summary="Add a budget line",
)
def create_budget_line(request: HttpRequest, agreement_id: int, data: BudgetLineIn) -> tuple[int, dict[str, Any]]:
    """What a party plans to spend and has spent, in the currency it allocated for the year (the
    default when no currency is given)."""
    agreement = _agreement(request, agreement_id)
    line = service.save_budget_line(_user(request), agreement, _data(agreement, data.dict()))
    return 201, _out(line)


@router.patch("/budget-lines/{line_id}", response={200: BudgetLineOut, **WRITE_ERRORS}, summary="Change a budget line")
def update_budget_line(request: HttpRequest, line_id: int, data: BudgetLinePatch) -> dict[str, Any]:
    line = visible_line(request, line_id)
    current = {name: getattr(line, name) for name in ("year", "description", "planned", "spent", "currency")}
    current.update(party=line.party.place_id, allocation=line.allocation_id, activity=line.activity_id)
    changes = data.dict(exclude_unset=True)
    values = {
        **current,
        **{name: value for name, value in changes.items() if value is not None or name in ("allocation", "activity")},
    }
    if changes.keys() & {"party", "year", "currency"} and "allocation" not in changes:
        values["allocation"] = None  # another party, year or currency: the line finds its allocation again
    agreement = line.agreement
    return _out(service.save_budget_line(_user(request), agreement, _data(agreement, values), line))


@router.delete("/budget-lines/{line_id}", response={204: None, **WRITE_ERRORS}, summary="Delete a budget line")
def delete_budget_line(request: HttpRequest, line_id: int) -> tuple[int, None]:
    service.delete_budget_line(_user(request), visible_line(request, line_id))
    return 204, None


@router.get(
    "/agreements/{agreement_id}/budget",
    response={200: BudgetTableOut, **READ_ERRORS},
    summary="An agreement's budget: allocated, planned and spent",
)
def budget_table(request: HttpRequest, agreement_id: int, filters: Query[BudgetYearFilter]) -> dict[str, Any]:
    """Per party, year and currency: the party's money allocations, and the planned and spent
    amounts of its budget lines."""
    agreement = _agreement(request, agreement_id)
    years = {filters.year} if filters.year else None
    return {"agreement": agreement.pk, "rows": [budget_row_data(row) for row in service.budget_table(agreement, years)]}
