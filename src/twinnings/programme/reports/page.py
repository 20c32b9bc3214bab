"""What the report's page and its PDF show beside the report itself: the two charts, worded for
the reader's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from twinnings.programme.reports.charts import MonthBar, UseBar, budget_chart, participants_chart
from twinnings.programme.reports.data import BudgetUse, Report


def _money(value: Decimal) -> str:
    return number_format(value, 2, use_l10n=True, force_grouping=True)


def _caption(line: BudgetUse) -> str:
    if not line.allocated:
        return _("%(spent)s %(currency)s spent, nothing allocated") % {
            "spent": _money(line.spent),
            "currency": line.currency,
        }
    return _("%(spent)s of %(allocated)s %(currency)s spent, %(planned)s planned") % {
        "spent": _money(line.spent),
        "allocated": _money(line.allocated),
        "currency": line.currency,
        "planned": _money(line.planned),
    }


def _budget_label(report: Report, line: BudgetUse) -> str:
    if report.scope == "place" and len(report.agreements) > 1:
        return f"{line.party} · {line.currency} · #{line.agreement_id}"
    return f"{line.party} · {line.currency}"


def charts(report: Report) -> dict[str, SafeString]:
    """SVG markup of both charts (their texts are escaped where they are drawn)."""
    months = participants_chart(
        [MonthBar(m.label, m.invited, m.local) for m in report.months],
        _("Participants per month, %(year)s") % {"year": report.year},
        _("invited"),
        _("local"),
    )
    budget = budget_chart(
        [UseBar(_budget_label(report, b), b.planned_share, b.spent_share, _caption(b)) for b in report.budget],
        _("Budget use per party, %(year)s") % {"year": report.year},
        _("planned"),
        _("spent"),
        _("no money allocated"),
    )
    return {"participants": mark_safe(months), "budget": mark_safe(budget if report.budget else "")}


def context(report: Report, links: dict[str, Any]) -> dict[str, Any]:
    return {"report": report, "charts": charts(report), "links": links, "by_place": report.scope == "place"}
