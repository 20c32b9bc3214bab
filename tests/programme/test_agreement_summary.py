"""The agreement page's summary of its programme: the next activities, the allocated / planned /
spent table and the indicators against their targets, with links to the full pages; a fixed number
of queries however much the programme holds."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.programme.clients import client_for
from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement, ResourceAllocation
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import create_activity
from twinnings.programme.services.budget import BudgetLineData, save_budget_line
from twinnings.programme.services.indicators import save_indicator
from twinnings.programme.services.participants import GroupData, set_participant_groups


def upcoming(agreement: Agreement, people: People, title: str, days: int, status: str = "planned") -> Activity:
    start = timezone.localdate() + timedelta(days=days)
    return create_activity(
        people.officer,
        agreement,
        exchange_data(people, title=title, status=status, start_date=start, end_date=start + timedelta(days=1)),
    )


def test_the_agreement_page_sums_up_the_programme(active: Agreement, people: People, exchange: Activity) -> None:
    set_participant_groups(people.officer, exchange, [GroupData(people.home.country, True, 30, people.home)])
    upcoming(active, people, "Christmas market", 40, "confirmed")
    upcoming(active, people, "Choir concert", 10)
    upcoming(active, people, "Cancelled fair", 5, "cancelled")
    cologne = active.parties.get(position=0)
    ResourceAllocation.objects.create(agreement=active, party=cologne, year=2026, amount=10000, currency="EUR")
    save_budget_line(people.officer, active, BudgetLineData(cologne, 2026, "Coach Köln–Lyon", "4000", "3650.50"))
    save_indicator(people.officer, active, "students_exchanged", 2026, "40")

    html = client_for(people, "viewer").get(active.get_absolute_url()).content.decode()
    summary = html[html.index('id="programme-summary-title"') :]
    assert summary.index("Choir concert") < summary.index("Christmas market")
    assert "Cancelled fair" not in summary and "Pupils of Köln in Lyon" not in summary[: summary.index("Budget")]
    assert '<td class="num">10,000.00</td><td class="num">4,000.00</td>' in summary
    assert '<td class="num">3,650.50</td><td class="num">6,349.50</td>' in summary
    students = summary[summary.index("Students exchanged") :][:400]
    assert '<td class="num">40</td>' in students and '<td class="num">30</td>' in students and "75 %" in students
    for name in ("activities", "budget", "indicators"):
        assert f'href="{reverse(f"programme:{name}", args=[active.pk])}"' in summary, name


def test_an_agreement_without_a_programme_says_so(draft: Agreement, people: People) -> None:
    html = client_for(people, "officer").get(draft.get_absolute_url()).content.decode()
    assert "No activity planned or confirmed." in html
    assert "No money allocated or budgeted yet." in html and "No indicator has a target yet." in html


def test_the_agreement_page_reads_a_fixed_number_of_queries(active: Agreement, people: People) -> None:
    client = client_for(people, "officer")
    parties = list(active.parties.order_by("position"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(active.get_absolute_url()).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        activity = upcoming(active, people, f"Meeting {n}", 10 + n)
        held = create_activity(
            people.officer,
            active,
            exchange_data(people, title=f"Held {n}", start_date=date(2026, 6, 1 + n), end_date=date(2026, 6, 2 + n)),
        )
        set_participant_groups(people.officer, held, [GroupData(people.home.country, True, n + 1, people.home)])
        party = parties[n % 2]
        ResourceAllocation.objects.create(agreement=active, party=party, year=2026 + n, amount=100, currency="EUR")
        line = BudgetLineData(party, 2026 + n, f"Line {n}", "10", "5", activity=activity)
        save_budget_line(people.officer, active, line)
        save_indicator(people.officer, active, "custom", 2026 + n, str(n), name=f"Indicator {n}")
        save_indicator(people.officer, active, "participants", 2026 + n, "50")

    add(0)
    few = count()
    for n in range(1, 6):
        add(n)
    assert count() == few
    html = client.get(active.get_absolute_url()).content.decode()
    summary = html[html.index('id="programme-summary-title"') : html.index('id="grant-checklist-title"')]
    assert "Meeting 4" in summary and "Meeting 5" not in summary  # the next five
    assert "Indicator 5" in summary and "Line" not in summary  # the table, not the lines
