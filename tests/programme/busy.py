"""A busy agreement for the query-count tests: `n` of everything a workspace page lists (parties,
clauses, commitments, allocations, organisations, activities with participants, budget lines,
indicators), proposed and approved by the owner's council, so that the pages show their forms too."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import TinyGazetteer
from tests.workspace import People
from twinnings.accounts.models import Organisation
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import ActivityData, create_activity
from twinnings.programme.services.budget import BudgetLineData, save_budget_line
from twinnings.programme.services.indicators import save_indicator
from twinnings.programme.services.participants import GroupData, set_participant_groups

PARTNERS = ["lyon", "liverpool", "krakow", "verona", "lodz", "berat", "tokyo"]


def _fresh(agreement: Agreement) -> Agreement:
    return Agreement.objects.get(pk=agreement.pk)


def _terms(agreement: Agreement, people: People, g: TinyGazetteer, n: int) -> Agreement:
    """Clauses, each party's commitment and allocation, and `n` organisations, written in the draft."""
    officer, today = people.officer, timezone.localdate()
    services.update_terms(
        officer, agreement, agreement.revision, areas=["culture", "education"], start_date=today - timedelta(days=400)
    )
    for i in range(n):
        agreement = _fresh(agreement)
        services.save_clause(officer, agreement, agreement.revision, {"de": f"Artikel {i}", "fr": f"Article {i}"})
    for party in agreement.parties.all():
        services.add_commitment(officer, agreement, _fresh(agreement).revision, party.pk, "Host a visit", None)
        revision = _fresh(agreement).revision
        services.add_resource(officer, agreement, revision, party.pk, today.year, Decimal(1000), "EUR")
    for i in range(n):
        organisation = Organisation.objects.create(name=f"School {i}", kind="school", place=g[PARTNERS[i % 2]])
        services.link_organisation(officer, agreement, _fresh(agreement).revision, organisation, "partner")
    return _fresh(agreement)


def _programme(agreement: Agreement, people: People, n: int) -> list[Activity]:
    """`n` activities (held ones with participant groups), budget lines and indicators."""
    today = timezone.localdate()
    parties = list(agreement.parties.select_related("place__country"))
    activities = []
    for i in range(n):
        held = i % 2 == 0
        start = today - timedelta(days=30 + i) if held else today + timedelta(days=10 + i)
        data = ActivityData(
            area="education", type="student_exchange", title=f"Exchange {i}", start_date=start,
            end_date=start + timedelta(days=1), host_place=parties[i % len(parties)].place,
            status="held" if held else "planned",
        )  # fmt: skip
        activity = create_activity(people.officer, agreement, data)
        if held:
            groups = [GroupData(p.place.country, p.place != data.host_place, 10 + i, p.place) for p in parties]
            set_participant_groups(people.officer, activity, groups)
        line = BudgetLineData(parties[i % len(parties)], today.year, f"Line {i}", "100", "50", activity=activity)
        save_budget_line(people.officer, agreement, line)
        save_indicator(people.officer, agreement, "custom", today.year, str(10 + i), name=f"Indicator {i}")
        activities.append(activity)
    return activities


def busy_agreement(people: People, g: TinyGazetteer, n: int, title: str = "") -> tuple[Agreement, list[Activity]]:
    """An agreement of Cologne with `n` - 1 partners and `n` of everything else, proposed, the owner's
    council approval recorded; and its activities."""
    partners = [people.away] + [g[label] for label in PARTNERS[1 : n - 1]]
    agreement = services.create_agreement(people.officer, people.home, partners, title or f"Busy {n}", ["de", "fr"])
    agreement = _terms(agreement, people, g, n)
    lifecycle.propose(people.officer, agreement, agreement.revision)
    agreement = _fresh(agreement)
    version = agreement.current_version
    assert version is not None and agreement.parties.count() == n
    home = agreement.parties.get(place=people.home)
    lifecycle.approve(people.officer, agreement, home, version, "Ratsbeschluss 1", date(2026, 3, 1))
    agreement = _fresh(agreement)
    return agreement, _programme(agreement, people, n)


def page_queries(client: Client, url: str) -> list[str]:
    """The SQL of one GET of a page (asserted to succeed)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries]
