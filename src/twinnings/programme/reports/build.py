"""Assembling an annual report from the database, once, into `reports.data.Report`: for one
agreement, or for a place over the agreements it is a party to that the reader may see. Only
counts of participants are read, never the named participants."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, User, restrict
from twinnings.agreements.choices import Area
from twinnings.agreements.models import Agreement, Party
from twinnings.places.models import Place
from twinnings.programme.choices import ActivityStatus, ActivityType, AgeBand
from twinnings.programme.models import Activity, ParticipantGroup
from twinnings.programme.reports import tally
from twinnings.programme.reports.checklist import grant_checklist
from twinnings.programme.reports.data import (
    ActivityLine,
    AgreementRef,
    BudgetUse,
    IndicatorResult,
    Report,
    Totals,
)
from twinnings.programme.services.budget import budget_table
from twinnings.programme.services.indicators import indicator_table

FIRST_YEAR, LAST_YEAR = 1900, 2200


def _label(choices: type[ActivityType] | type[Area], code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def _activities(agreements: Sequence[int], year: int) -> list[ActivityLine]:
    invited = Q(participant_groups__invited=True)
    held = (
        Activity.objects.filter(agreement__in=agreements, status=ActivityStatus.HELD, start_date__year=year)
        .select_related("host_place")
        .annotate(total=Sum("participant_groups__count"), guests=Sum("participant_groups__count", filter=invited))
    )
    return [
        ActivityLine(
            id=a.pk,
            agreement_id=a.agreement_id,
            title=a.title,
            type=a.type,
            type_label=_label(ActivityType, a.type),
            area=a.area,
            area_label=_label(Area, a.area),
            start_date=a.start_date,
            end_date=a.end_date,
            host=a.host_place.name,
            host_country=a.host_place.country_id,
            participants=a.total or 0,
            invited=a.guests or 0,
        )
        for a in held
    ]


def _group_rows(agreements: Sequence[int], year: int) -> list[tally.GroupRow]:
    groups = ParticipantGroup.objects.filter(
        activity__agreement__in=agreements, activity__status=ActivityStatus.HELD, activity__start_date__year=year
    ).select_related("place", "country", "activity")
    language = get_language() or "en"
    return [
        tally.GroupRow(
            place=g.place.name if g.place else None,
            country=g.country_id,
            country_name=g.country.localized_name(language),
            invited=g.invited,
            age_band=g.age_band,
            month=g.activity.start_date.month,
            count=g.count,
        )
        for g in groups
    ]


def _budget(agreement: Agreement, year: int) -> list[BudgetUse]:
    return [
        BudgetUse(
            agreement_id=agreement.pk,
            party=line.party.place.name,
            country=line.party.place.country_id,
            currency=line.row.currency,
            allocated=line.row.allocated,
            planned=line.row.planned,
            spent=line.row.spent,
            remaining=line.row.remaining,
            planned_share=float(line.row.planned / line.row.allocated) if line.row.allocated else None,
            spent_share=line.row.use,
            overspent=line.row.overspent,
        )
        for line in budget_table(agreement, {year})
    ]


def _indicators(agreement: Agreement, year: int) -> list[IndicatorResult]:
    return [
        IndicatorResult(
            agreement_id=agreement.pk,
            kind=row.indicator.kind,
            label=row.indicator.name or str(row.indicator.get_kind_display()),
            unit=row.indicator.unit,
            target=row.indicator.target,
            actual=row.actual,
            counted=row.counted,
            progress=row.progress,
        )
        for row in indicator_table(agreement, {year})
    ]


def month_labels(year: int) -> list[str]:
    return [date_format(date(year, month, 1), "M") for month in range(1, 13)]


def _assemble(scope: str, title: str, place: str, agreements: list[Agreement], year: int) -> Report:
    ids = [a.pk for a in agreements]
    activities = _activities(ids, year)
    rows = _group_rows(ids, year)
    countries = tally.by_country(rows)
    not_held = Activity.objects.filter(
        agreement__in=ids, start_date__year=year, status__in=[ActivityStatus.PLANNED, ActivityStatus.CONFIRMED]
    ).count()
    invited, local = sum(c.invited for c in countries), sum(c.local for c in countries)
    return Report(
        scope=scope,
        title=title,
        year=year,
        generated_at=timezone.now(),
        place=place,
        agreements=[AgreementRef(a.pk, a.title, a.status, [p.place.name for p in a.parties.all()]) for a in agreements],
        totals=Totals(len(activities), not_held, invited + local, invited, local),
        activities=activities,
        by_type=tally.by_kind(activities, lambda a: (a.type, a.type_label)),
        by_area=tally.by_kind(activities, lambda a: (a.area, a.area_label)),
        towns=tally.by_town(rows),
        countries=countries,
        months=tally.by_month(rows, month_labels(year)),
        age_bands=tally.by_age_band(rows, [(str(code), str(label)) for code, label in AgeBand.choices]),
        budget=[line for a in agreements for line in _budget(a, year)],
        indicators=[line for a in agreements for line in _indicators(a, year)],
        grants=[grant_checklist(a, year) for a in agreements],
    )


def _with_parties(agreements: Sequence[Agreement]) -> list[Agreement]:
    parties = Prefetch("parties", queryset=Party.objects.select_related("place").order_by("position"))
    return list(Agreement.objects.filter(pk__in=[a.pk for a in agreements]).prefetch_related(parties).order_by("pk"))


def agreement_report(agreement: Agreement, year: int) -> Report:
    """The report of one agreement (the caller has checked that the reader may see it)."""
    return _assemble("agreement", agreement.title, "", _with_parties([agreement]), year)


def visible_agreements(user: User, place: Place) -> list[Agreement]:
    """The agreements the user may see where the place is a party."""
    return list(restrict(Agreement.objects.filter(parties__place=place), user, Action.VIEW).order_by("pk"))


def place_report(place: Place, agreements: list[Agreement], year: int) -> Report:
    """A place's report over `agreements` (those of `visible_agreements`)."""
    title = _("Twinnings of %(place)s") % {"place": place.name}
    return _assemble("place", title, place.name, _with_parties(agreements), year)


def valid_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR
