"""Template helpers of the programme's reports: shares as percentages, and what the agreement page
shows of the programme (its next activities, budget and indicators, its grant readiness and the
years it has reports for)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import number_format

from twinnings.agreements.models import Agreement
from twinnings.programme.reports.checklist import grant_checklist
from twinnings.programme.services.summary import ProgrammeSummary, agreement_summary

register = template.Library()


@register.filter
def share(value: float | None) -> str:
    """0.756 -> "76 %" in the reader's number format; "—" when unknown."""
    if value is None:
        return "—"
    return f"{number_format(round(value * 100), 0, use_l10n=True)} %"


def report_years(agreement: Agreement) -> list[int]:
    """The years with activities, budget or indicators, and the current one, within the agreement's term."""
    years = {timezone.localdate().year}
    years |= {d.year for d in agreement.activities.values_list("start_date", flat=True)}
    years |= set(agreement.budget_lines.values_list("year", flat=True))
    years |= set(agreement.indicators.values_list("year", flat=True))
    first = agreement.start_date.year if agreement.start_date else min(years)
    last = agreement.end_date.year if agreement.end_date else max(years)
    return sorted(year for year in years if first <= year <= last) or [timezone.localdate().year]


@register.simple_tag
def agreement_programme(agreement: Agreement) -> dict[str, Any]:
    """For the agreement page: the grant checklist over every activity not cancelled, and report years."""
    return {
        "checklist": grant_checklist(agreement),
        "years": report_years(agreement),
        "this_year": timezone.localdate().year,
        "places": [party.place for party in agreement.parties.select_related("place")],
    }


@register.simple_tag
def programme_summary(agreement: Agreement) -> ProgrammeSummary:
    """For the agreement page: the next activities, the budget table and the indicators."""
    return agreement_summary(agreement, timezone.localdate())


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """`links.csv|get_item:"activity-types"`: a key a template cannot spell with dots."""
    return mapping.get(key, "")
