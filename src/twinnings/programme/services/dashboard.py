"""A municipality's dashboard: for a place office the user belongs to, its agreements with their
status, the next activities, reviews and renewals due, dormant agreements, and this year's spending
against allocations. A fixed number of queries however many agreements the place has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from twinnings.accounts.permissions import Action, User, restrict
from twinnings.agreements.models import Agreement, Party, ResourceAllocation
from twinnings.places.models import Place
from twinnings.programme import figures, reminders
from twinnings.programme.models import Activity, BudgetLine
from twinnings.programme.services.budget import BudgetTableRow
from twinnings.programme.services.calendar import place_agreements
from twinnings.programme.services.reminders import UPCOMING, activity_dates, agreement_state

UPCOMING_SHOWN = 10


@dataclass(frozen=True)
class AgreementSummary:
    agreement: Agreement
    partners: list[Place]
    next_activity: date | None  # the first day of its next (or current) planned or confirmed activity
    due: list[reminders.Due]  # its review and end dates due
    dormant: bool
    budget: list[BudgetTableRow]  # this year's allocated, planned and spent, per party and currency


@dataclass(frozen=True)
class PlaceDashboard:
    place: Place
    today: date
    agreements: list[AgreementSummary]
    upcoming: list[Activity]

    @property
    def due(self) -> list[reminders.Due]:
        return [item for summary in self.agreements for item in summary.due]

    @property
    def dormant(self) -> list[Agreement]:
        return [summary.agreement for summary in self.agreements if summary.dormant]


def _budgets(agreements: list[Agreement], year: int) -> dict[int, list[BudgetTableRow]]:
    """What `budget_table(agreement, {year})` gives, for every agreement in two queries."""
    ids = [a.pk for a in agreements]
    allocated: dict[int, list[figures.Allocated]] = {pk: [] for pk in ids}
    for a in ResourceAllocation.objects.filter(agreement_id__in=ids, year=year, amount__isnull=False):
        allocated[a.agreement_id].append(figures.Allocated(a.party_id, a.year, a.currency, a.amount or figures.ZERO))
    spending: dict[int, list[figures.Spending]] = {pk: [] for pk in ids}
    for line in BudgetLine.objects.filter(agreement_id__in=ids, year=year):
        spending[line.agreement_id].append(
            figures.Spending(line.party_id, line.year, line.currency, line.planned, line.spent)
        )
    tables = {}
    for agreement in agreements:
        parties = {party.pk: party for party in agreement.parties.all()}
        rows = figures.budget_rows(allocated[agreement.pk], spending[agreement.pk])
        tables[agreement.pk] = [BudgetTableRow(parties[row.party], row) for row in rows]
    return tables


def place_dashboard(user: User, place: Place, today: date) -> PlaceDashboard:
    """The dashboard of `place` as `user` may see it (the caller checks that the user is a member)."""
    agreements = list(
        place_agreements(user, place)
        .prefetch_related(Prefetch("parties", queryset=Party.objects.select_related("place__country")))
        .order_by("title", "pk")
    )
    ids = [a.pk for a in agreements]
    dates = activity_dates(ids, today)
    budgets = _budgets(agreements, today.year)
    summaries = []
    for agreement in agreements:
        current = agreement_state(agreement, dates.get(agreement.pk, {}))
        summaries.append(
            AgreementSummary(
                agreement=agreement,
                partners=[p.place for p in agreement.parties.all() if p.place_id != place.pk],
                next_activity=dates.get(agreement.pk, {}).get("next_start"),
                due=reminders.dates_due(current, today),
                dormant=reminders.is_dormant(current, today),
                budget=budgets[agreement.pk],
            )
        )
    upcoming = (
        restrict(Activity.objects.all(), user, Action.VIEW)
        .filter(agreement_id__in=ids, status__in=UPCOMING, end_date__gte=today)
        .select_related("agreement", "host_place")
        .order_by("start_date", "pk")[:UPCOMING_SHOWN]
    )
    return PlaceDashboard(place, today, summaries, list(upcoming))
