"""An agreement's outcome indicators at /api/v1/: listed with their actual values (participants,
students exchanged and events held counted from the activities held), set for a year, deleted.
Agreements you cannot see are 404; seen but not yours to edit, 403; refused values, 400."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements.api import _agreement, _user
from twinnings.agreements.models import Agreement
from twinnings.programme.api.errors import READ_ERRORS, WRITE_ERRORS
from twinnings.programme.models import Indicator
from twinnings.programme.schemas import IndicatorListOut, IndicatorsIn, indicator_data
from twinnings.programme.services import indicators as service

router = Router(auth=API_AUTH, tags=["programme"])


class IndicatorYearFilter(Schema):
    year: int | None = Field(None, ge=1, le=32767, description="Only this year")


def _listed(agreement: Agreement, year: int | None) -> dict[str, Any]:
    rows = service.indicator_table(agreement, {year} if year else None)
    items = [indicator_data(row) for row in rows]
    return {"count": len(items), "items": items}


@router.get(
    "/agreements/{agreement_id}/indicators",
    response={200: IndicatorListOut, **READ_ERRORS},
    summary="An agreement's indicators against their targets",
)
def list_indicators(request: HttpRequest, agreement_id: int, filters: Query[IndicatorYearFilter]) -> dict[str, Any]:
    return _listed(_agreement(request, agreement_id), filters.year)


@router.put(
    "/agreements/{agreement_id}/indicators",
    response={200: IndicatorListOut, **WRITE_ERRORS},
    summary="Set a year's indicators",
)
def set_indicators(request: HttpRequest, agreement_id: int, data: IndicatorsIn) -> dict[str, Any]:
    """Adds or changes the target (and, for kinds not counted, the actual value) of each indicator
    listed for the year; those not listed stay. All of them are saved, or none. Answers with the
    year's indicators."""
    agreement = _agreement(request, agreement_id)
    items = [service.IndicatorData(**item.dict()) for item in data.indicators]
    service.save_indicators(_user(request), agreement, data.year, items)
    return _listed(agreement, data.year)


@router.delete("/indicators/{indicator_id}", response={204: None, **WRITE_ERRORS}, summary="Delete an indicator")
def delete_indicator(request: HttpRequest, indicator_id: int) -> tuple[int, None]:
    indicators = restrict(Indicator.objects.select_related("agreement"), _user(request), Action.VIEW)
    service.delete_indicator(_user(request), get_object_or_404(indicators, pk=indicator_id))
    return 204, None
