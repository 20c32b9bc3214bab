"""The annual report's data, assembled once: activities held by type and area, participants by
town, country, month and age band, budget per party and currency, indicators and grant readiness;
and the pure parts (tallies, SVG charts)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.programme.reporting import YEAR, Programme
from tests.workspace import People
from twinnings.programme.reports import build, tally
from twinnings.programme.reports.charts import MonthBar, UseBar, axis, budget_chart, participants_chart


def test_the_agreement_report_counts_what_was_held(programme: Programme) -> None:
    report = build.agreement_report(programme.agreement, YEAR)
    totals = report.totals
    assert (totals.activities_held, totals.activities_not_held) == (3, 1)  # the cancelled one is neither
    assert (totals.participants, totals.invited, totals.local) == (141, 76, 65)
    assert [(a.title, a.participants, a.invited) for a in report.activities] == [
        ("Pupils of Köln in Lyon", 55, 30),
        ("Lyon at the Cologne festival", 83, 43),
        ("Trade mission to Lyon", 3, 3),
    ]
    assert [(g.code, g.activities, g.participants) for g in report.by_type] == [
        ("festival", 1, 83),
        ("student_exchange", 1, 55),
        ("trade_mission", 1, 3),
    ]
    assert {g.code: g.participants for g in report.by_area} == {"culture": 83, "education": 55, "economy": 3}


def test_participants_by_town_country_month_and_age(programme: Programme) -> None:
    report = build.agreement_report(programme.agreement, YEAR)
    assert [(t.label, t.invited, t.local) for t in report.towns] == [
        ("Cologne", 30, 40),
        ("Lyon", 31, 25),
        ("Düsseldorf", 12, 0),
        ("Kraków", 3, 0),
    ]
    assert [(c.key, c.invited, c.local, c.total) for c in report.countries] == [
        ("DE", 42, 40, 82),
        ("FR", 31, 25, 56),
        ("PL", 3, 0, 3),
    ]
    assert [m.total for m in report.months] == [0, 0, 0, 0, 0, 55, 0, 0, 83, 3, 0, 0]
    assert {a.key: (a.invited, a.local) for a in report.age_bands} == {
        "under_18": (30, 25),
        "18_30": (31, 0),
        "31_64": (12, 40),
        "unknown": (3, 0),
    }


def test_budget_per_party_and_currency_never_mixed(programme: Programme) -> None:
    report = build.agreement_report(programme.agreement, YEAR)
    rows = [(b.party, b.currency, b.allocated, b.planned, b.spent, b.overspent) for b in report.budget]
    assert rows == [
        ("Cologne", "EUR", Decimal("10000"), Decimal("9000"), Decimal("8850.50"), False),
        ("Lyon", "EUR", Decimal("8000"), Decimal("800"), Decimal("0"), False),
        ("Lyon", "USD", Decimal("0"), Decimal("1000"), Decimal("500"), True),
    ]
    cologne = report.budget[0]
    assert cologne.remaining == Decimal("1149.50")
    assert cologne.planned_share == pytest.approx(0.9) and cologne.spent_share == pytest.approx(0.88505)
    assert report.budget[2].spent_share is None


def test_indicators_and_grant_readiness_of_the_year(programme: Programme) -> None:
    report = build.agreement_report(programme.agreement, YEAR)
    assert [(i.kind, i.target, i.actual, i.counted) for i in report.indicators] == [
        ("participants", Decimal("200"), Decimal(141), True),
        ("trees_planted", Decimal("100"), Decimal("20"), False),
    ]
    assert report.indicators[0].progress == pytest.approx(0.705)
    (checklist,) = report.grants
    assert [(c.call, c.ready) for c in checklist.calls] == [("town_twinning", True), ("networks_of_towns", False)]
    assert build.agreement_report(programme.agreement, YEAR + 1).grants[0].calls[0].ready is False


def test_another_year_is_empty(programme: Programme) -> None:
    report = build.agreement_report(programme.agreement, YEAR + 1)
    assert (report.totals.activities_held, report.totals.participants, report.budget, report.indicators) == (
        0,
        0,
        [],
        [],
    )


def test_place_report_covers_the_agreements_the_reader_sees(
    programme: Programme,
    people: People,
) -> None:
    agreements = build.visible_agreements(people.partner, people.away)
    assert agreements == [programme.agreement]
    report = build.place_report(people.away, agreements, YEAR)
    assert (report.scope, report.place, report.totals.participants) == ("place", "Lyon", 141)
    assert build.visible_agreements(people.outsider, people.away) == []


def test_tallies_keep_towns_apart_from_countries_without_a_town() -> None:
    rows = [
        tally.GroupRow("Lyon", "FR", "France", True, "18_30", 3, 10),
        tally.GroupRow(None, "FR", "France", True, "18_30", 3, 4),
        tally.GroupRow("Lyon", "FR", "France", False, "unknown", 12, 6),
    ]
    assert [(t.label, t.invited, t.local) for t in tally.by_town(rows)] == [("Lyon", 10, 6), ("France", 4, 0)]
    assert [(c.label, c.total) for c in tally.by_country(rows)] == [("France", 20)]
    labels = [str(n) for n in range(1, 13)]
    assert [m.total for m in tally.by_month(rows, labels)] == [0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 6]
    bands = tally.by_age_band(rows, [("under_18", "<18"), ("18_30", "18–30"), ("unknown", "?")])
    assert [(b.key, b.total) for b in bands] == [("18_30", 14), ("unknown", 6)]


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [(0, 1, 0.25), (1, 1, 0.25), (3, 3, 1), (83, 100, 25), (201, 300, 100), (120, 150, 50), (2400, 3000, 1000)],
)
def test_axes_have_round_steps(value: float, top: float, step: float) -> None:
    assert axis(value) == (pytest.approx(top), pytest.approx(step))


def test_charts_are_svg_without_style_attributes_and_with_escaped_text() -> None:
    months = participants_chart(
        [MonthBar("Jan", 0, 0), MonthBar("<Feb>", 30, 25)], "Participants & guests", "invited", "local"
    )
    assert months.startswith("<svg") and months.endswith("</svg>")
    assert "style=" not in months and "<script" not in months
    assert "&lt;Feb&gt;" in months and "Participants &amp; guests" in months
    assert ">55<" in months  # the month's total above its bar
    budget = budget_chart(
        [UseBar("Köln · EUR", 0.9, 1.2, "1,200 of 1,000 EUR"), UseBar("Lyon · USD", None, None, "500 USD")],
        "Budget",
        "planned",
        "spent",
        "no money allocated",
    )
    assert "style=" not in budget and "no money allocated" in budget and "120%" in budget
    assert 'fill="#b3261e"' in budget  # spending beyond the allocation is drawn in red
