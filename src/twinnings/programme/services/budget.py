"""The budget: what each party plans to spend and has spent, in its own currency, against the
resources it allocated in the agreement; and the allocated / planned / spent table per party and year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from twinnings.agreements import validation
from twinnings.agreements.models import Agreement, Party, ResourceAllocation
from twinnings.audit.services import record, scope_of, snapshot
from twinnings.core.errors import Refused
from twinnings.programme import figures
from twinnings.programme.models import Activity, BudgetLine
from twinnings.programme.services.common import User, amount, require_editor, require_open, year

FIELDS = ["party", "allocation", "activity", "year", "description", "currency", "planned", "spent"]


@dataclass
class BudgetLineData:
    party: Party
    year: int
    description: str
    planned: object = "0"
    spent: object = "0"
    currency: str = ""
    allocation: ResourceAllocation | None = None
    activity: Activity | None = None


def _allocation(agreement: Agreement, data: BudgetLineData, currency: str) -> tuple[ResourceAllocation | None, str]:
    """The allocation the line draws on and the line's currency: the allocation given, else the party's
    only allocation that year in that currency. A party that allocated money for the year records its
    spending in the currency it allocated, which is also the currency of a line that gives none."""
    if data.allocation is not None:
        allocation = data.allocation
        if allocation.agreement_id != agreement.pk or allocation.party_id != data.party.pk:
            raise Refused(_("That allocation is not this party's in this agreement."))
        if allocation.year != data.year:
            raise Refused(_("That allocation is for %(year)s.") % {"year": allocation.year})
        if allocation.amount is None:
            raise Refused(_("That allocation is in kind: spending is recorded against money allocated."))
        if currency and currency != allocation.currency:
            raise Refused(
                _("The party allocated %(currency)s: record its spending in that currency.")
                % {"currency": allocation.currency}
            )
        return allocation, allocation.currency
    candidates = list(
        ResourceAllocation.objects.filter(agreement=agreement, party=data.party, year=data.year, amount__isnull=False)
    )
    currencies = sorted({a.currency for a in candidates})
    if currency and currencies and currency not in currencies:
        raise Refused(
            _("The party allocated %(currency)s: record its spending in that currency.")
            % {"currency": ", ".join(currencies)}
        )
    currency = currency or (currencies[0] if len(currencies) == 1 else "")
    matching = [a for a in candidates if a.currency == currency]
    return (matching[0] if len(matching) == 1 else None), currency


def _validated(agreement: Agreement, data: BudgetLineData) -> dict[str, object]:
    if data.party.agreement_id != agreement.pk:
        raise Refused(_("This place is not a party to the agreement."))
    if data.activity is not None and data.activity.agreement_id != agreement.pk:
        raise Refused(_("That activity belongs to another agreement."))
    description = data.description.strip()
    if not description or len(description) > 200:
        raise Refused(_("Describe the expense in at most 200 characters."))
    year(data.year, agreement)
    planned = amount(data.planned, _("The planned amount"))
    spent = amount(data.spent, _("The amount spent"))
    currency = validation.currency(data.currency) if data.currency.strip() else ""
    allocation, currency = _allocation(agreement, data, currency)
    if not currency:
        raise Refused(_("Give the currency (ISO 4217, e.g. EUR)."))
    return {
        "party": data.party,
        "allocation": allocation,
        "activity": data.activity,
        "year": data.year,
        "description": description,
        "currency": currency,
        "planned": planned,
        "spent": spent,
    }


@transaction.atomic
def save_budget_line(
    actor: User, agreement: Agreement, data: BudgetLineData, line: BudgetLine | None = None
) -> BudgetLine:
    """Add a budget line, or change `line`."""
    require_editor(actor, agreement)
    require_open(agreement)
    values = _validated(agreement, data)
    if line is None:
        line = BudgetLine.objects.create(agreement=agreement, **values)
        record(actor, "budget.add", line, after=snapshot(line, FIELDS), scope=scope_of(agreement))
        return line
    if line.agreement_id != agreement.pk:
        raise Refused(_("That budget line belongs to another agreement."))
    before = snapshot(line, FIELDS)
    for name, value in values.items():
        setattr(line, name, value)
    line.save()
    record(actor, "budget.change", line, before=before, after=snapshot(line, FIELDS), scope=scope_of(agreement))
    return line


@transaction.atomic
def delete_budget_line(actor: User, line: BudgetLine) -> None:
    require_editor(actor, line.agreement)
    require_open(line.agreement)
    record(actor, "budget.delete", line, before=snapshot(line, FIELDS), scope=scope_of(line.agreement))
    line.delete()


@dataclass(frozen=True)
class BudgetTableRow:
    party: Party
    row: figures.BudgetRow


def budget_table(agreement: Agreement, years: set[int] | None = None) -> list[BudgetTableRow]:
    """Allocated vs planned vs spent per party, year and currency (in-kind allocations are listed elsewhere)."""
    parties = {party.pk: party for party in agreement.parties.select_related("place")}
    allocations = [
        figures.Allocated(a.party_id, a.year, a.currency, a.amount or Decimal(0))
        for a in agreement.resources.filter(amount__isnull=False)
        if years is None or a.year in years
    ]
    spending = [
        figures.Spending(line.party_id, line.year, line.currency, line.planned, line.spent)
        for line in agreement.budget_lines.all()
        if years is None or line.year in years
    ]
    return [BudgetTableRow(parties[row.party], row) for row in figures.budget_rows(allocations, spending)]
