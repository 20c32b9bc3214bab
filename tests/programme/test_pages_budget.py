"""The budget pages: the table of allocated, planned and spent per party and year, the budget lines,
adding, editing and deleting one, tried by each kind of user; bad input saves nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.programme.clients import client_for
from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement, Party, ResourceAllocation
from twinnings.programme.models import Activity, BudgetLine
from twinnings.programme.services.activities import create_activity
from twinnings.programme.services.budget import BudgetLineData, save_budget_line

SCRIPT = '<script>alert("x")</script>'
WRITERS = ("officer", "partner")
STATUSES = [("officer", 302), ("partner", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]


def party(agreement: Agreement, position: int) -> Party:
    return agreement.parties.get(position=position)


@pytest.fixture
def allocations(active: Agreement) -> list[ResourceAllocation]:
    """Cologne puts 10,000 EUR into 2026, Lyon 8,000 EUR."""
    return [
        ResourceAllocation.objects.create(
            agreement=active, party=party(active, position), year=2026, amount=Decimal(amount), currency="EUR"
        )
        for position, amount in ((0, "10000"), (1, "8000"))
    ]


@pytest.fixture
def coach(active: Agreement, people: People, allocations: list[ResourceAllocation]) -> BudgetLine:
    data = BudgetLineData(party(active, 0), 2026, "Coach Köln–Lyon", "4000", "3650.50")
    return save_budget_line(people.officer, active, data)


def line_form(active: Agreement, **changes: Any) -> dict[str, Any]:
    data = {
        "party": party(active, 0).pk,
        "year": "2026",
        "description": "Festival stage",
        "planned": "5000",
        "spent": "5200.25",
        "currency": "",
    }
    return {**data, **changes}


def budget_url(agreement: Agreement) -> str:
    return reverse("programme:budget", args=[agreement.pk])


@pytest.mark.parametrize(("who", "status"), STATUSES)
def test_adding_a_budget_line(
    active: Agreement, people: People, allocations: list[ResourceAllocation], who: str, status: int
) -> None:
    response = client_for(people, who).post(budget_url(active), line_form(active))
    assert response.status_code == status
    saved = BudgetLine.objects.first()
    if who in WRITERS:
        assert response["Location"] == budget_url(active) + "#lines"
        assert saved is not None
        assert (saved.currency, saved.allocation, saved.spent) == ("EUR", allocations[0], Decimal("5200.25"))
    else:
        assert saved is None
    if who == "viewer":
        assert "Only an administrator or editor" in response.content.decode()
    if who == "anonymous":
        assert "login" in response["Location"] or "/account/" in response["Location"]


def test_the_page_shows_allocated_planned_and_spent_per_party_and_year(
    active: Agreement, people: People, coach: BudgetLine
) -> None:
    save_budget_line(
        people.partner, active, BudgetLineData(party(active, 1), 2026, "Host dinner", "800", "0", currency="EUR")
    )
    save_budget_line(people.partner, active, BudgetLineData(party(active, 1), 2027, "Choir trip", "300", "0", "CHF"))
    html = client_for(people, "viewer").get(budget_url(active)).content.decode()
    rows = [
        '<td>2026</td><th scope="row">Cologne</th><td>EUR</td>',
        '<td class="num">10,000.00</td><td class="num">4,000.00</td>',
        '<td>2026</td><th scope="row">Lyon</th><td>EUR</td>',
        '<td class="num">8,000.00</td><td class="num">800.00</td>',
        '<td>2027</td><th scope="row">Lyon</th><td>CHF</td>',
    ]
    for row in rows:
        assert row in html, row
    assert html.index("Cologne</th><td>EUR") < html.index("Lyon</th><td>EUR") < html.index("Lyon</th><td>CHF")
    assert "Coach Köln–Lyon" in html and "Choir trip" in html and "37 %" in html
    assert "Add a budget line" not in html and f"/budget/{coach.pk}/delete/" not in html


def test_editors_see_the_form_with_the_parties_and_the_agreement_activities(
    active: Agreement, people: People, exchange: Activity
) -> None:
    html = client_for(people, "partner").get(budget_url(active)).content.decode()
    assert "Add a budget line" in html and "Pupils of Köln in Lyon" in html
    assert f'<option value="{party(active, 1).pk}">Lyon</option>' in html
    assert f'name="year" value="{max(2026, timezone.localdate().year)}"' in html  # this year, within the term


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"spent": "-5"}, "The amount spent cannot be negative"),
        ({"planned": "1.005"}, "more than two decimals"),
        ({"planned": "abc"}, "Enter a number"),
        ({"currency": "XYZ"}, "Unknown currency: XYZ"),
        ({"currency": "USD"}, "The party allocated EUR: record its spending in that currency."),
        ({"year": "2019"}, "The year 2019 is outside the agreement&#x27;s term"),
        ({"description": ""}, "This field is required"),
        ({"description": "x" * 300}, "at most 200 characters"),
        ({"party": "999999"}, "Select a valid choice"),
        ({"activity": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_budget_lines_are_refused_on_the_page_and_nothing_is_saved(
    active: Agreement, people: People, allocations: list[ResourceAllocation], changes: dict[str, Any], message: str
) -> None:
    response = client_for(people, "officer").post(budget_url(active), line_form(active, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Festival stage"' in html or changes.get("description") is not None  # the input is kept
    assert not BudgetLine.objects.exists()


def test_a_line_without_an_allocation_needs_a_currency(active: Agreement, people: People) -> None:
    client = client_for(people, "officer")
    response = client.post(budget_url(active), line_form(active))
    assert response.status_code == 400 and "Give the currency" in response.content.decode()
    assert client.post(budget_url(active), line_form(active, currency="chf")).status_code == 302
    assert BudgetLine.objects.get().currency == "CHF"


def test_a_line_can_be_tied_to_an_activity(
    active: Agreement, people: People, allocations: list[ResourceAllocation], exchange: Activity
) -> None:
    response = client_for(people, "officer").post(budget_url(active), line_form(active, activity=exchange.pk))
    assert response.status_code == 302
    assert BudgetLine.objects.get().activity == exchange
    html = client_for(people, "viewer").get(budget_url(active)).content.decode()
    assert f'<a href="{exchange.get_absolute_url()}">Pupils of Köln in Lyon</a>' in html


def edit_url(line: BudgetLine) -> str:
    return reverse("programme:budget_line", args=[line.agreement_id, line.pk])


@pytest.mark.parametrize(("who", "status"), STATUSES)
def test_editing_a_budget_line(active: Agreement, people: People, coach: BudgetLine, who: str, status: int) -> None:
    data = line_form(active, description="Coach and ferry", spent="3900")
    response = client_for(people, who).post(edit_url(coach), data)
    assert response.status_code == status
    coach.refresh_from_db()
    expected = ("Coach and ferry", Decimal("3900")) if who in WRITERS else ("Coach Köln–Lyon", Decimal("3650.50"))
    assert (coach.description, coach.spent) == expected


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("viewer", 403), ("outsider", 404)])
def test_the_edit_form_is_shown_only_to_editors(people: People, coach: BudgetLine, who: str, status: int) -> None:
    response = client_for(people, who).get(edit_url(coach))
    assert response.status_code == status
    if status == 200:
        assert 'value="Coach Köln–Lyon"' in response.content.decode()


def test_a_refused_edit_keeps_the_input_and_changes_nothing(
    active: Agreement, people: People, coach: BudgetLine
) -> None:
    response = client_for(people, "officer").post(edit_url(coach), line_form(active, spent="12.345"))
    assert response.status_code == 400
    assert "more than two decimals" in response.content.decode() and 'value="12.345"' in response.content.decode()
    coach.refresh_from_db()
    assert coach.spent == Decimal("3650.50")


def test_a_line_of_another_agreement_is_not_found(active: Agreement, people: People, coach: BudgetLine) -> None:
    url = reverse("programme:budget_line", args=[active.pk + 1000, coach.pk])
    assert client_for(people, "officer").get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 302), ("outsider", 404), ("anonymous", 302)]
)
def test_deleting_a_budget_line(people: People, coach: BudgetLine, who: str, status: int) -> None:
    url = reverse("programme:budget_line_delete", args=[coach.agreement_id, coach.pk])
    client = client_for(people, who)
    if who == "officer":
        assert "Delete the line “Coach Köln–Lyon” of Cologne for 2026?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == status
    assert BudgetLine.objects.exists() is (who not in WRITERS)
    if who == "viewer":
        assert response["X-Twinnings-Refused"] == "403"
        assert client.get(url).status_code == 403


def test_the_page_reads_a_fixed_number_of_queries(
    active: Agreement, people: People, allocations: list[ResourceAllocation]
) -> None:
    client = client_for(people, "officer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(budget_url(active)).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        activity = create_activity(people.officer, active, exchange_data(people, title=f"Exchange {n}"))
        data = BudgetLineData(party(active, n % 2), 2026 + n % 3, f"Line {n}", "10", "5", "EUR", activity=activity)
        save_budget_line(people.officer, active, data)

    add(0)
    few = count()
    for n in range(1, 7):
        add(n)
    assert count() == few
    assert "Line 6" in client.get(budget_url(active)).content.decode()


def test_script_tags_in_budget_texts_stay_escaped(active: Agreement, people: People) -> None:
    activity = create_activity(people.officer, active, exchange_data(people, title=SCRIPT))
    line = save_budget_line(
        people.officer, active, BudgetLineData(party(active, 0), 2026, SCRIPT, "1", "1", "EUR", activity=activity)
    )
    client = client_for(people, "officer")
    for url in (
        budget_url(active),
        edit_url(line),
        reverse("programme:budget_line_delete", args=[active.pk, line.pk]),
        active.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert SCRIPT not in html and "&lt;script&gt;" in html, url


def test_an_ended_agreement_budget_cannot_change(active: Agreement, people: People, coach: BudgetLine) -> None:
    Agreement.objects.filter(pk=active.pk).update(status="ended")
    response = client_for(people, "officer").post(budget_url(active), line_form(active, currency="EUR"))
    assert response.status_code == 400 and "The agreement has ended" in response.content.decode()
    assert BudgetLine.objects.count() == 1
