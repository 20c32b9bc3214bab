"""The municipality dashboard in the API: GET /api/v1/places/{id}/dashboard, for the members of
the place's office (404 for anyone else)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.permissions import Action, can
from twinnings.core.schemas import AUTH_ERRORS
from twinnings.places.models import Place
from twinnings.programme.api.calendar import EventOut, event_data, request_user
from twinnings.programme.reminders import Due
from twinnings.programme.services.calendar import activity_event
from twinnings.programme.services.dashboard import AgreementSummary, place_dashboard

router = Router(auth=API_AUTH, tags=["calendar"])


class DashboardPlaceOut(Schema):
    id: int
    name: str
    country: str


class DueOut(Schema):
    kind: Literal["activity", "review", "end", "dormant"]
    agreement: int
    day: date | None
    overdue: bool = Field(description="The date has passed while the agreement is still in force")


class BudgetRowOut(Schema):
    party: int = Field(description="The party's place")
    year: int
    currency: str
    allocated: Decimal
    planned: Decimal
    spent: Decimal


class DashboardAgreementOut(Schema):
    id: int
    title: str
    status: str
    partners: list[DashboardPlaceOut]
    next_activity: date | None = Field(description="First day of the next planned or confirmed activity")
    dormant: bool
    due: list[DueOut]
    budget: list[BudgetRowOut] = Field(description="This year's allocation, planned and spent, per party and currency")


class DashboardOut(Schema):
    place: DashboardPlaceOut
    today: date
    agreements: list[DashboardAgreementOut]
    upcoming: list[EventOut]


def _place(place: Place) -> dict[str, Any]:
    return {"id": place.pk, "name": place.name, "country": place.country_id}


def _due(item: Due) -> dict[str, Any]:
    return {"kind": item.kind, "agreement": item.agreement_id, "day": item.day, "overdue": item.overdue}


def _summary(summary: AgreementSummary) -> dict[str, Any]:
    agreement = summary.agreement
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "status": agreement.status,
        "partners": [_place(p) for p in summary.partners],
        "next_activity": summary.next_activity,
        "dormant": summary.dormant,
        "due": [_due(item) for item in summary.due],
        "budget": [
            {
                "party": line.party.place_id,
                "year": line.row.year,
                "currency": line.row.currency,
                "allocated": line.row.allocated,
                "planned": line.row.planned,
                "spent": line.row.spent,
            }
            for line in summary.budget
        ],
    }


@router.get("/places/{id}/dashboard", response={200: DashboardOut, **AUTH_ERRORS}, summary="A municipality's dashboard")
def dashboard(request: HttpRequest, id: int) -> dict[str, Any]:
    """Its agreements with status, next activity, review and end dates due, dormancy and this year's
    budget; and its next activities."""
    user = request_user(request)
    place = get_object_or_404(Place, pk=id)
    if not can(user, Action.VIEW, place):
        raise Http404("Not a member of this office")
    found = place_dashboard(user, place, timezone.localdate())
    return {
        "place": _place(place),
        "today": found.today,
        "agreements": [_summary(s) for s in found.agreements],
        "upcoming": [event_data(request, activity_event(a)) for a in found.upcoming],
    }
