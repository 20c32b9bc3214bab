"""The report as flat tables, one per section, for the CSV and XLSX downloads: a header row and
typed cells (numbers stay numbers, dates stay dates; each writer decides how to spell them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from twinnings.programme.reports.data import Participation, Report

Cell = str | int | float | Decimal | date | bool | None

# How a column is shown in a spreadsheet: plain, a whole number, money, a share (percent) or a date.
TEXT, COUNT, MONEY, SHARE, DAY = "text", "count", "money", "share", "date"


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    columns: list[tuple[str, str]]  # (header, kind)
    rows: list[list[Cell]]

    @property
    def headers(self) -> list[str]:
        return [header for header, _kind in self.columns]


def _with_agreement(report: Report, columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(_("Agreement"), TEXT), *columns] if report.scope == "place" else columns


def _agreement(report: Report, agreement_id: int) -> list[Cell]:
    return [report.agreement_title(agreement_id)] if report.scope == "place" else []


def activities(report: Report) -> Table:
    columns = [
        (_("Activity"), TEXT), (_("Type"), TEXT), (_("Area"), TEXT), (_("Start"), DAY), (_("End"), DAY),
        (_("Host"), TEXT), (_("Host country"), TEXT), (_("Participants"), COUNT), (_("Invited"), COUNT),
        (_("Local"), COUNT),
    ]  # fmt: skip
    rows: list[list[Cell]] = [
        [
            *_agreement(report, a.agreement_id),
            a.title,
            a.type_label,
            a.area_label,
            a.start_date,
            a.end_date,
            a.host,
            a.host_country,
            a.participants,
            a.invited,
            a.participants - a.invited,
        ]  # fmt: skip
        for a in report.activities
    ]
    return Table("activities", _("Activities held"), _with_agreement(report, columns), rows)


def _counts(slug: str, title: str, first: str, report_lines: list[tuple[str, int, int]]) -> Table:
    columns = [(first, TEXT), (_("Activities held"), COUNT), (_("Participants"), COUNT)]
    return Table(slug, title, columns, [[label, count, people] for label, count, people in report_lines])


def _participation(slug: str, title: str, columns: list[tuple[str, str]], lines: list[Participation]) -> Table:
    first = len(columns)
    rows: list[list[Cell]] = []
    for line in lines:
        keys: list[Cell] = [line.label, line.country] if first == 2 else [line.label]
        rows.append([*keys, line.invited, line.local, line.total])
    numbers = [(_("Invited"), COUNT), (_("Local"), COUNT), (_("Total"), COUNT)]
    return Table(slug, title, [*columns, *numbers], rows)


def budget(report: Report) -> Table:
    columns = [
        (_("Party"), TEXT), (_("Country"), TEXT), (_("Currency"), TEXT), (_("Allocated"), MONEY),
        (_("Planned"), MONEY), (_("Spent"), MONEY), (_("Remaining"), MONEY),
        (_("Planned share of allocation"), SHARE), (_("Spent share of allocation"), SHARE),
    ]  # fmt: skip
    rows: list[list[Cell]] = [
        [
            *_agreement(report, b.agreement_id),
            b.party,
            b.country,
            b.currency,
            b.allocated,
            b.planned,
            b.spent,
            b.remaining,
            b.planned_share,
            b.spent_share,
        ]  # fmt: skip
        for b in report.budget
    ]
    return Table("budget", _("Budget per party"), _with_agreement(report, columns), rows)


def indicators(report: Report) -> Table:
    columns = [
        (_("Indicator"), TEXT), (_("Unit"), TEXT), (_("Target"), MONEY), (_("Actual"), MONEY),
        (_("Progress"), SHARE), (_("Counted from activities"), TEXT),
    ]  # fmt: skip
    rows: list[list[Cell]] = [
        [
            *_agreement(report, i.agreement_id),
            i.label,
            i.unit,
            i.target,
            i.actual,
            i.progress,
            _("yes") if i.counted else _("no"),
        ]  # fmt: skip
        for i in report.indicators
    ]
    return Table("indicators", _("Indicators against targets"), _with_agreement(report, columns), rows)


def grant_checklist(report: Report) -> Table:
    columns = [(_("Agreement"), TEXT), (_("Call"), TEXT), (_("Criterion"), TEXT), (_("Met"), TEXT), (_("Detail"), TEXT)]
    rows: list[list[Cell]] = [
        [checklist.agreement, call.name, criterion.label, _("yes") if criterion.met else _("no"), criterion.detail]
        for checklist in report.grants
        for call in checklist.calls
        for criterion in call.criteria
    ]
    return Table("grant-checklist", _("Grant readiness (CERV)"), columns, rows)


def tables(report: Report) -> list[Table]:
    """Every section of the report, in the order of the page."""
    town, country = (_("Town"), TEXT), (_("Country"), TEXT)
    return [
        activities(report),
        _counts("activity-types", _("Activities by type"), _("Type"),
                [(g.label, g.activities, g.participants) for g in report.by_type]),
        _counts("activity-areas", _("Activities by area"), _("Area"),
                [(g.label, g.activities, g.participants) for g in report.by_area]),
        _participation("participants-towns", _("Participants by town"), [town, country], report.towns),
        _participation("participants-countries", _("Participants by country"), [country], report.countries),
        _participation("participants-months", _("Participants by month"), [(_("Month"), TEXT)], report.months),
        _participation("participants-ages", _("Participants by age"), [(_("Age band"), TEXT)], report.age_bands),
        budget(report),
        indicators(report),
        grant_checklist(report),
    ]  # fmt: skip


def table(report: Report, slug: str) -> Table | None:
    return next((t for t in tables(report) if t.slug == slug), None)


SLUGS = (
    "activities", "activity-types", "activity-areas", "participants-towns", "participants-countries",
    "participants-months", "participants-ages", "budget", "indicators", "grant-checklist",
)  # fmt: skip
