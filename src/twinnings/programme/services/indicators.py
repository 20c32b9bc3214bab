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
from twinnings.core.errors import Conflict, Refused
from twinnings.programme import figures
from twinnings.programme.choices import COUNTED, MONETARY, STUDENT_TYPES, ActivityStatus, IndicatorKind
from twinnings.programme.models import Activity, Indicator
from twinnings.programme.services.common import User, amount, require_editor, require_open, year

FIELDS = ["kind", "name", "unit", "year", "target", "actual"]


@dataclass(frozen=True)
class IndicatorData:
    """What is set of one indicator for a year: its target, and its actual value unless it is counted."""

    kind: str
    target: object
    actual: object | None = None
    name: str = ""
    unit: str = ""


def _validated(data: IndicatorData) -> tuple[str, dict[str, object]]:
    """The indicator's name (custom kinds only) and its values, checked."""
    kind = data.kind
    if kind not in IndicatorKind.values:
        raise Refused(_("Unknown indicator: %(code)s.") % {"code": str(kind)[:40]})
    name = data.name.strip() if kind == IndicatorKind.CUSTOM else ""
    if kind == IndicatorKind.CUSTOM and not name:
        raise Refused(_("Name the custom indicator."))
    if len(name) > 100 or len(data.unit) > 30:
        raise Refused(_("The name takes at most 100 characters, the unit 30."))
    unit = validation.currency(data.unit) if kind in MONETARY else data.unit.strip()
    if kind in COUNTED and data.actual not in (None, ""):
        raise Refused(_("This indicator is counted from the activities held: its actual value cannot be typed in."))
    return name, {
        "unit": unit,
        "target": amount(data.target, _("The target")),
        "actual": None if data.actual in (None, "") else amount(data.actual, _("The actual value")),
    }


def _upsert(actor: User, agreement: Agreement, indicator_year: int, data: IndicatorData) -> Indicator:
    name, values = _validated(data)
    indicator, created = Indicator.objects.select_for_update().get_or_create(
        agreement=agreement, kind=data.kind, name=name, year=year(indicator_year, agreement), defaults=values
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
    return _upsert(actor, agreement, indicator_year, IndicatorData(kind, target, actual, name, unit))


@transaction.atomic
def save_indicators(
    actor: User, agreement: Agreement, indicator_year: int, items: list[IndicatorData]
) -> list[Indicator]:
    """Set several indicators of one year at once: all of them, or none when one is refused. Those
    not listed stay as they are."""
    require_editor(actor, agreement)
    require_open(agreement)
    keys = [(item.kind, item.name.strip() if item.kind == IndicatorKind.CUSTOM else "") for item in items]
    if len(set(keys)) != len(keys):
        raise Refused(_("Each indicator may be listed once for the year."))
    return [_upsert(actor, agreement, indicator_year, item) for item in items]


@transaction.atomic
def change_indicator(actor: User, indicator: Indicator, data: IndicatorData) -> Indicator:
    """Change an indicator's target, actual value, unit or (for a custom one) name; its kind and year stay."""
    agreement = indicator.agreement
    require_editor(actor, agreement)
    require_open(agreement)
    if data.kind != indicator.kind:
        raise Refused(_("An indicator's kind cannot change: add a new indicator instead."))
    name, values = _validated(data)
    taken = Indicator.objects.filter(agreement=agreement, kind=indicator.kind, name=name, year=indicator.year)
    if taken.exclude(pk=indicator.pk).exists():
        raise Conflict(_("This agreement already has that indicator for %(year)s.") % {"year": indicator.year})
    before = snapshot(indicator, FIELDS)
    indicator.name = name
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

    @property
    def label(self) -> str:
        return self.indicator.name or str(self.indicator.get_kind_display())


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
