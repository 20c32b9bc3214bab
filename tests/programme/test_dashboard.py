"""The municipality dashboard, page and API: for the members of the place's office only, its
agreements with what comes next, what is due and this year's spending, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.agreements.conftest import party
from tests.agreements.test_api import api_for
from tests.programme.calendar_data import add_activity, client_for
from tests.workspace import People
from twinnings.agreements.models import Agreement, Party, ResourceAllocation
from twinnings.programme.models import BudgetLine
from twinnings.programme.services.budget import BudgetLineData, budget_table, save_budget_line
from twinnings.programme.services.dashboard import place_dashboard


@pytest.fixture
def running(active: Agreement, people: People) -> Agreement:
    """The agreement in force with a concert next week, its review in a month and money spent this year."""
    today = timezone.localdate()
    Agreement.objects.filter(pk=active.pk).update(review_date=today + timedelta(days=30))
    add_activity(people, active, today + timedelta(days=7), title="Concert next week", host_place=people.home)
    home = party(active, people, "home")
    ResourceAllocation.objects.create(
        agreement=active, party=home, year=today.year, amount=Decimal(1000), currency="EUR"
    )
    save_budget_line(people.officer, active, BudgetLineData(home, today.year, "Hall hire", "400", "250", "EUR"))
    return Agreement.objects.get(pk=active.pk)


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 404), ("outsider", 404)])
def test_the_dashboard_is_for_the_places_office(running: Agreement, people: People, who: str, status: int) -> None:
    response = client_for(people, who).get(reverse("programme:place-dashboard", args=[people.home.pk]))
    assert response.status_code == status
    html = response.content.decode()
    assert ("Concert next week" in html) is (status == 200)
    assert (running.title in html) is (status == 200)


def test_anonymous_visitors_are_sent_to_log_in(people: People) -> None:
    response = Client().get(reverse("programme:place-dashboard", args=[people.home.pk]))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_the_dashboard_shows_what_is_next_due_and_spent(running: Agreement, people: People) -> None:
    html = (
        client_for(people, "officer").get(reverse("programme:place-dashboard", args=[people.home.pk])).content.decode()
    )
    assert "Concert next week" in html
    assert "Review due on" in html
    assert "250.00 / 1000.00 EUR (25 %)" in html
    assert reverse("programme:place-calendar", args=[people.home.pk]) in html
    assert "Lyon" in html  # the partner


def test_the_dashboard_leads_to_the_places_annual_report(running: Agreement, people: People) -> None:
    officer = client_for(people, "officer")
    html = officer.get(reverse("programme:place-dashboard", args=[people.home.pk])).content.decode()
    report = reverse("programme:place_report", args=[people.home.pk, timezone.localdate().year])
    assert f'href="{report}"' in html
    response = officer.get(report)
    assert response.status_code == 200
    assert running.title in response.content.decode()


def test_the_workspace_leads_to_the_offices_dashboards(people: People) -> None:
    html = client_for(people, "partner").get(reverse("agreements:dashboard")).content.decode()
    assert reverse("programme:place-dashboard", args=[people.away.pk]) in html
    assert reverse("programme:place-dashboard", args=[people.home.pk]) not in html


def test_the_budget_column_is_the_budget_table(running: Agreement, people: People) -> None:
    dashboard = place_dashboard(people.officer, people.home, timezone.localdate())
    [summary] = dashboard.agreements
    expected = budget_table(running, {timezone.localdate().year})
    assert [(r.party.pk, r.row) for r in summary.budget] == [(r.party.pk, r.row) for r in expected]
    assert summary.budget[0].row.spent == Decimal("250.00")


def test_a_dormant_agreement_is_flagged(active: Agreement, people: People) -> None:
    today = timezone.localdate()
    Agreement.objects.filter(pk=active.pk).update(start_date=today - timedelta(days=800), review_date=None)
    dashboard = place_dashboard(people.officer, people.home, today)
    assert [a.pk for a in dashboard.dormant] == [active.pk]
    html = (
        client_for(people, "officer").get(reverse("programme:place-dashboard", args=[people.home.pk])).content.decode()
    )
    assert "Dormant: nothing held or planned for 12 months" in html


def more_agreements(people: People, count: int, start: int) -> None:
    """Agreements in force with an activity and budget each, written straight to the database."""
    today = timezone.localdate()
    for n in range(start, start + count):
        agreement = Agreement.objects.create(
            title=f"Agreement {n}",
            owner=people.home,
            status="active",
            languages=["de"],
            start_date=date(2020, 1, 1),
            review_date=today + timedelta(days=10),
        )
        home = Party.objects.create(agreement=agreement, place=people.home, position=0)
        Party.objects.create(agreement=agreement, place=people.elsewhere, position=1)
        add_activity(people, agreement, today + timedelta(days=n + 1), title=f"Activity {n}", host_place=people.home)
        ResourceAllocation.objects.create(agreement=agreement, party=home, year=today.year, amount=100, currency="EUR")
        BudgetLine.objects.create(
            agreement=agreement, party=home, year=today.year, description="x", currency="EUR", spent=5
        )


def test_the_dashboard_reads_a_fixed_number_of_queries(running: Agreement, people: People) -> None:
    client = client_for(people, "officer")
    api = api_for(people, "officer")
    url = reverse("programme:place-dashboard", args=[people.home.pk])

    def count(request: Callable[[], int]) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert request() == 200
        return len(queries)

    def page() -> int:
        return client.get(url).status_code

    def endpoint() -> int:
        return api.client.get(f"/api/v1/places/{people.home.pk}/dashboard", headers=api.headers).status_code

    few = (count(page), count(endpoint))
    more_agreements(people, 6, 1)
    assert len(place_dashboard(people.officer, people.home, timezone.localdate()).agreements) == 7
    assert (count(page), count(endpoint)) == few


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 404), ("outsider", 404)])
def test_the_dashboard_endpoint(running: Agreement, people: People, who: str, status: int) -> None:
    api = api_for(people, who)
    response = api.client.get(f"/api/v1/places/{people.home.pk}/dashboard", headers=api.headers)
    assert response.status_code == status
    if status != 200:
        assert running.title not in response.content.decode()
        return
    body = response.json()
    [summary] = body["agreements"]
    assert summary["id"] == running.pk and summary["status"] == "active" and not summary["dormant"]
    assert [p["id"] for p in summary["partners"]] == [people.away.pk]
    assert [d["kind"] for d in summary["due"]] == ["review"]
    assert summary["budget"] == [
        {
            "party": people.home.pk,
            "year": timezone.localdate().year,
            "currency": "EUR",
            "allocated": "1000.00",
            "planned": "400.00",
            "spent": "250.00",
        }
    ]
    assert [e["summary"] for e in body["upcoming"]] == ["Concert next week"]
