"""What an agreement's page shows of its programme: the next activities, the budget table and the
indicators against their targets. A fixed number of queries however much the programme holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity
from twinnings.programme.services.budget import BudgetTableRow, budget_table
from twinnings.programme.services.indicators import IndicatorRow, indicator_table
from twinnings.programme.services.reminders import UPCOMING

UPCOMING_SHOWN = 5


@dataclass(frozen=True)
class ProgrammeSummary:
    upcoming: list[Activity]  # the next planned or confirmed activities, current ones included
    budget: list[BudgetTableRow]
    indicators: list[IndicatorRow]


def agreement_summary(agreement: Agreement, today: date) -> ProgrammeSummary:
    upcoming = (
        Activity.objects.filter(agreement=agreement, status__in=UPCOMING, end_date__gte=today)
        .select_related("host_place")
        .order_by("start_date", "pk")[:UPCOMING_SHOWN]
    )
    return ProgrammeSummary(list(upcoming), budget_table(agreement), indicator_table(agreement))
