"""`twinnings demo` gives the Köln–Lyon agreement a programme: activities held over the past year
and upcoming ones, participant counts, allocations and budget lines for each year, indicators;
dates follow today within the agreement's term; a second run creates nothing."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_place
from twinnings.agreements.demo import MAIN_TITLE
from twinnings.agreements.models import Agreement, ResourceAllocation
from twinnings.audit.models import AuditEntry
from twinnings.programme.choices import ActivityStatus
from twinnings.programme.models import Activity, BudgetLine, Indicator, ParticipantGroup
from twinnings.programme.reports.build import agreement_report

pytestmark = pytest.mark.django_db

MODELS = [Activity, ParticipantGroup, BudgetLine, Indicator, ResourceAllocation, AuditEntry, Agreement]


def demo() -> str:
    make_place("Köln", "DE", geonames_id=2886242, latitude=50.93, longitude=6.95)
    make_place("Lyon", "FR", geonames_id=2996944, latitude=45.75, longitude=4.85)
    make_place("Volgograd", "RU", geonames_id=472757, latitude=48.7, longitude=44.5)
    return run()


def run() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_programme_loads_once() -> None:
    assert "Programme of the Köln–Lyon agreement loaded." in demo()
    before = counts()
    assert "Programme of the Köln–Lyon agreement already there." in run()
    assert counts() == before
    assert before["Activity"] >= 10 and before["BudgetLine"] >= 10


def test_dates_follow_today_within_the_term_and_the_report_has_figures() -> None:
    demo()
    today = timezone.localdate()
    main = Agreement.objects.get(title=MAIN_TITLE)
    activities = list(main.activities.all())
    assert main.start_date is not None
    assert all(a.start_date >= main.start_date for a in activities)
    held = [a for a in activities if a.status == ActivityStatus.HELD]
    upcoming = [a for a in activities if a.status in (ActivityStatus.PLANNED, ActivityStatus.CONFIRMED)]
    assert len(held) >= 5 and len(upcoming) >= 3
    assert all(today - timedelta(days=366) <= a.start_date <= today for a in held)
    assert all(a.start_date > today for a in upcoming)
    types = {a.type for a in activities}
    assert {"student_exchange", "festival", "trade_mission", "delegation_visit", "environmental_project"} <= types
    years = sorted({a.start_date.year for a in activities})
    for year in years:  # money allocated by both parties for every year of the programme
        assert main.resources.filter(year=year, amount__isnull=False).values("party").distinct().count() == 2
    report = agreement_report(main, held[-1].start_date.year)
    assert report.totals.participants > 0 and report.totals.invited > 0 and report.totals.local > 0
    assert len({c.key for c in report.countries}) == 2
    assert any(b.spent > 0 for b in report.budget) and all(b.allocated > 0 for b in report.budget)
    assert any(i.counted and i.actual for i in report.indicators)
    assert any(not i.counted and i.actual for i in report.indicators)
    (checklist,) = report.grants
    assert checklist.calls[0].ready  # the festival meets the town-twinning event criterion


def test_a_demo_loaded_later_still_has_a_past_year_and_a_year_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    later = date.today() + timedelta(days=800)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    demo()
    main = Agreement.objects.get(title=MAIN_TITLE)
    held = main.activities.filter(status=ActivityStatus.HELD)
    assert held.count() == 6
    assert all(later - timedelta(days=366) <= a.start_date <= later for a in held)
    assert main.activities.filter(start_date__gt=later).count() == 4
