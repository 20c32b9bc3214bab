"""What an annual report holds, assembled once and rendered four ways (page, PDF, CSV, XLSX) and
served as JSON by the API. Plain data: codes beside their labels, counts, amounts per currency.
Participants appear only as counts, never by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class AgreementRef:
    id: int
    title: str
    status: str
    parties: list[str]


@dataclass(frozen=True)
class ActivityLine:
    """An activity held in the year, with its participant counts."""

    id: int
    agreement_id: int
    title: str
    type: str
    type_label: str
    area: str
    area_label: str
    start_date: date
    end_date: date
    host: str
    host_country: str
    participants: int
    invited: int


@dataclass(frozen=True)
class GroupCount:
    """Activities held and participants for one type or one area of cooperation."""

    code: str
    label: str
    activities: int
    participants: int


@dataclass(frozen=True)
class Participation:
    """Participants from one town (or, where no town was recorded, one country), one country, one
    month or one age band: invited guests and local participants."""

    key: str
    label: str
    country: str
    invited: int
    local: int
    total: int


@dataclass(frozen=True)
class BudgetUse:
    """Allocated vs planned vs spent for one party of one agreement in one currency."""

    agreement_id: int
    party: str
    country: str
    currency: str
    allocated: Decimal
    planned: Decimal
    spent: Decimal
    remaining: Decimal
    planned_share: float | None
    spent_share: float | None
    overspent: bool


@dataclass(frozen=True)
class IndicatorResult:
    agreement_id: int
    kind: str
    label: str
    unit: str
    target: Decimal
    actual: Decimal | None
    counted: bool
    progress: float | None


@dataclass(frozen=True)
class CriterionResult:
    code: str
    label: str
    met: bool
    detail: str


@dataclass(frozen=True)
class CallResult:
    call: str
    name: str
    ready: bool
    criteria: list[CriterionResult]


@dataclass(frozen=True)
class GrantChecklist:
    agreement_id: int
    agreement: str
    events_from: str
    calls: list[CallResult]


@dataclass(frozen=True)
class Totals:
    activities_held: int
    activities_not_held: int
    participants: int
    invited: int
    local: int


@dataclass(frozen=True)
class Report:
    """An agreement's report (`scope` "agreement"), or a place's over the agreements it is a party to
    that the reader may see (`scope` "place")."""

    scope: str
    title: str
    year: int
    generated_at: datetime
    place: str
    agreements: list[AgreementRef]
    totals: Totals
    activities: list[ActivityLine]
    by_type: list[GroupCount]
    by_area: list[GroupCount]
    towns: list[Participation]
    countries: list[Participation]
    months: list[Participation]
    age_bands: list[Participation]
    budget: list[BudgetUse]
    indicators: list[IndicatorResult]
    grants: list[GrantChecklist]

    def agreement_title(self, agreement_id: int) -> str:
        return next((a.title for a in self.agreements if a.id == agreement_id), "")
