"""Reports of the programme as JSON: an agreement's annual report (the same data the page, PDF,
CSV and XLSX show) and its grant readiness for the EU's town-twinning calls. Readable by whoever
may see the agreement; 404 for anyone else."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements.models import Agreement
from twinnings.core.schemas import AUTH_ERRORS
from twinnings.programme.reports import build
from twinnings.programme.reports.checklist import grant_checklist
from twinnings.programme.reports.data import GrantChecklist, Report

router = Router(auth=API_AUTH, tags=["programme"])


class ReportQuery(Schema):
    year: int | None = SchemaField(
        None, ge=build.FIRST_YEAR, le=build.LAST_YEAR, description="The report's year (default: this year)"
    )


class ChecklistQuery(Schema):
    year: int | None = SchemaField(
        None,
        ge=build.FIRST_YEAR,
        le=build.LAST_YEAR,
        description="Consider only the events of this year (default: every activity not cancelled)",
    )


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    user = request.user
    assert isinstance(user, User)
    return get_object_or_404(restrict(Agreement.objects.all(), user, Action.VIEW), pk=pk)


@router.get(
    "/agreements/{agreement_id}/report",
    response={200: Report, **AUTH_ERRORS},
    summary="An agreement's annual report",
)
def agreement_report(request: HttpRequest, agreement_id: int, query: Query[ReportQuery]) -> Report:
    """Activities held, participants (counts only) by town, country, month and age band, budget per
    party and currency, indicators against targets and grant readiness, for one year."""
    agreement = _agreement(request, agreement_id)
    return build.agreement_report(agreement, query.year or timezone.localdate().year)


@router.get(
    "/agreements/{agreement_id}/grant-checklist",
    response={200: GrantChecklist, **AUTH_ERRORS},
    summary="An agreement's readiness for the EU's town-twinning and networks-of-towns calls",
)
def agreement_grant_checklist(request: HttpRequest, agreement_id: int, query: Query[ChecklistQuery]) -> GrantChecklist:
    """Each criterion of the CERV calls, met or with what is missing."""
    return grant_checklist(_agreement(request, agreement_id), query.year)
