"""Outcome indicators: targets per year, actuals typed in or counted from the activities held."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from twinnings.agreements import validation
from twinnings.agreements.models import Agreement
from twinnings.audit.services import record, scope_of, snapshot
from twinnings.core.errors import Refused
from twinnings.programme import figures
from twinnings.programme.choices import COUNTED, MONETARY, STUDENT_TYPES, ActivityStatus, IndicatorKind
from twinnings.programme.models import Activity, Indicator
from twinnings.programme.services.common import User, amount, require_editor, require_open, year

FIELDS = ["kind", "name", "unit", "year", "target", "actual"]


@transaction.atomic
def save_indicator(
    actor: User,
    agreement: Agreement,
    kind: str,
    indicator_year: int,
    target: object,
    actual: object | None = None,
    name: str = "",
    unit: str = "",
) -> Indicator:
    """Set the target (and, for kinds not counted, the actual) of an indicator for a year."""
    require_editor(actor, agreement)
    require_open(agreement)
    if kind not in IndicatorKind.values:
        raise Refused(_("Unknown indicator: %(code)s.") % {"code": str(kind)[:40]})
    name = name.strip() if kind == IndicatorKind.CUSTOM else ""
    if kind == IndicatorKind.CUSTOM and not name:
        raise Refused(_("Name the custom indicator."))
    if len(name) > 100 or len(unit) > 30:
        raise Refused(_("The name takes at most 100 characters, the unit 30."))
    unit = validation.currency(unit) if kind in MONETARY else unit.strip()
    if kind in COUNTED and actual not in (None, ""):
        raise Refused(_("This indicator is counted from the activities held: its actual value cannot be typed in."))
    values = {
        "unit": unit,
        "target": amount(target, _("The target")),
        "actual": None if actual in (None, "") else amount(actual, _("The actual value")),
    }
    indicator, created = Indicator.objects.select_for_update().get_or_create(
        agreement=agreement, kind=kind, name=name, year=year(indicator_year, agreement), defaults=values
    )
    before = None if created else snapshot(indicator, FIELDS)
    if not created:
        for field, value in values.items():
            setattr(indicator, field, value)
        indicator.save()
    record(
        actor, "indicator.save", indicator, before=before, after=snapshot(indicator, FIELDS), scope=scope_of(agreement)
    )
    return indicator


@transaction.atomic
def delete_indicator(actor: User, indicator: Indicator) -> None:
    require_editor(actor, indicator.agreement)
    require_open(indicator.agreement)
    record(
        actor, "indicator.delete", indicator, before=snapshot(indicator, FIELDS), scope=scope_of(indicator.agreement)
    )
    indicator.delete()


def held_activities(activities: QuerySet[Activity]) -> list[figures.HeldActivity]:
    rows = (
        activities.filter(status=ActivityStatus.HELD)
        .annotate(
            total=Sum("participant_groups__count"),
            guests=Sum("participant_groups__count", filter=Q(participant_groups__invited=True)),
        )
        .values_list("start_date", "type", "total", "guests")
    )
    return [
        figures.HeldActivity(start.year, kind in STUDENT_TYPES, total or 0, guests or 0)
        for start, kind, total, guests in rows
    ]


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    actual: Decimal | None
    counted: bool

    @property
    def progress(self) -> float | None:
        return figures.progress(self.actual, self.indicator.target)


def indicator_table(agreement: Agreement, years: set[int] | None = None) -> list[IndicatorRow]:
    counted = figures.counted_indicators(held_activities(Activity.objects.filter(agreement=agreement)))
    rows = []
    for indicator in agreement.indicators.all():
        if years is not None and indicator.year not in years:
            continue
        if indicator.kind in COUNTED:
            rows.append(IndicatorRow(indicator, Decimal(counted.get((indicator.kind, indicator.year), 0)), True))
        else:
            rows.append(IndicatorRow(indicator, indicator.actual, False))
    return rows
