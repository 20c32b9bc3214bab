"""The demo agreement's programme: a year of activities held and most of a year ahead (student
exchanges, a festival, trade missions, delegation visits, an environmental project), participant
counts from both towns, money allocated for each year with budget lines against it, and
indicators with targets. Dates follow today, within the agreement's term, so the demo stays
fresh. Loading twice changes nothing: an agreement that already has activities is left alone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from twinnings.accounts.models import Membership, Role
from twinnings.agreements import services as agreement_services
from twinnings.agreements.models import Agreement, Party
from twinnings.core.errors import Refused
from twinnings.programme.choices import ActivityStatus
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import ActivityData, create_activity
from twinnings.programme.services.budget import BudgetLineData, save_budget_line
from twinnings.programme.services.indicators import save_indicator
from twinnings.programme.services.participants import GroupData, set_participant_groups

# (host side, invited?, age band, count): "home" is the agreement's owner (Köln), "away" the partner.
Group = tuple[str, bool, str, int]


@dataclass(frozen=True)
class Planned:
    title: str
    type: str
    area: str
    host: str
    when: float  # past activities: share of the way through the past year; upcoming: days from today
    days: int
    groups: list[Group]
    budget: list[tuple[str, str, int, int]]  # (side, expense, planned, spent)
    status: str = ActivityStatus.PLANNED  # those in HELD are held


HELD = [
    Planned(
        "Schüleraustausch: Kölner Gymnasiasten in Lyon", "student_exchange", "education", "away", 0.08, 8,
        groups=[("home", True, "under_18", 28), ("home", True, "31_64", 4), ("away", False, "under_18", 30)],
        budget=[
            ("home", "Bus Köln–Lyon und Versicherung", 4800, 4650),
            ("away", "Programme des familles d'accueil", 3000, 2750),
        ],
    ),
    Planned(
        "Délégation du conseil municipal de Cologne à Lyon", "delegation_visit", "governance", "away", 0.22, 3,
        groups=[("home", True, "31_64", 8), ("away", False, "31_64", 6)],
        budget=[("home", "Reise der Delegation", 2500, 2380), ("away", "Réception à l'Hôtel de Ville", 1500, 1620)],
    ),
    Planned(  # the event that meets the town-twinning call: 201 participants, 36 invited from abroad
        "Kölner Lichter trifft Fête des Lumières", "festival", "culture", "home", 0.38, 3,
        groups=[
            ("away", True, "18_30", 22), ("away", True, "31_64", 14), ("home", False, "18_30", 60),
            ("home", False, "31_64", 85), ("home", False, "65_plus", 20),
        ],
        budget=[
            ("home", "Bühne, Technik und Sicherheit", 7000, 7350),
            ("away", "Voyage des artistes lyonnais", 5000, 4700),
        ],
    ),
    Planned(
        "Handelsmission: Kölner Unternehmen in Lyon", "trade_mission", "economy", "away", 0.55, 2,
        groups=[("home", True, "31_64", 18), ("away", False, "31_64", 25)],
        budget=[("home", "Messestand und Reisekosten", 2800, 2600), ("away", "Rencontres d'affaires", 1200, 1100)],
    ),
    Planned(
        "Klimapartnerschaft: Bäume für Rhein und Rhône", "environmental_project", "environment", "home", 0.72, 2,
        groups=[("home", False, "18_30", 40), ("away", True, "18_30", 12), ("home", False, "under_18", 35)],
        budget=[("home", "Setzlinge und Werkzeug", 1800, 1720), ("away", "Voyage des bénévoles", 1800, 1650)],
    ),
    Planned(
        "Studierendenaustausch Universität zu Köln – Université Lumière Lyon 2", "student_exchange", "education",
        "home", 0.9, 5,
        groups=[("away", True, "18_30", 20), ("home", False, "18_30", 20)],
        budget=[("home", "Unterkunft der Gaststudierenden", 3000, 2950), ("away", "Bourses de voyage", 2500, 2500)],
    ),
]  # fmt: skip

UPCOMING = [
    Planned(
        "Weihnachtsmarkt-Besuch einer Lyoner Delegation", "delegation_visit", "governance", "home", 14, 2,
        groups=[("away", True, "31_64", 6)],
        budget=[("home", "Empfang im Rathaus", 1200, 0)],
        status=ActivityStatus.CONFIRMED,
    ),
    Planned(
        "Échange scolaire : lycéens lyonnais à Cologne", "student_exchange", "education", "home", 100, 8,
        groups=[("away", True, "under_18", 30), ("away", True, "31_64", 3), ("home", False, "under_18", 30)],
        budget=[("away", "Voyage en train Lyon–Cologne", 5500, 0)],
        status=ActivityStatus.CONFIRMED,
    ),
    Planned(
        "Start-ups aus Lyon in Köln", "trade_mission", "economy", "home", 150, 2,
        groups=[("away", True, "31_64", 15), ("home", False, "31_64", 20)],
        budget=[("home", "Pitch-Abend", 2000, 0)],
    ),
    Planned(
        "Saubere Ufer: gemeinsamer Aktionstag", "environmental_project", "environment", "away", 230, 1,
        groups=[("home", True, "18_30", 25), ("away", False, "18_30", 50)],
        budget=[("away", "Matériel de nettoyage", 1500, 0)],
    ),
]  # fmt: skip

ALLOCATIONS = {"home": Decimal("30000"), "away": Decimal("20000")}  # EUR per year and party
INDICATORS = [("participants", "400"), ("students_exchanged", "60"), ("events_held", "6")]
TYPED = [("trees_planted", "500", "320"), ("visitors", "2500", "1900")]


@dataclass(frozen=True)
class Sides:
    home: Party
    away: Party
    officer: User

    def party(self, side: str) -> Party:
        return self.home if side == "home" else self.away


def _officer(agreement: Agreement) -> User:
    membership = (
        Membership.objects.filter(place=agreement.owner, role=Role.ADMIN).select_related("user").order_by("pk").first()
    )
    if membership is None:
        raise Refused("The demo agreement's owner has no administrator: load the agreements demo first.")
    return membership.user


def _dates(plan: Planned, start: date, today: date) -> tuple[date, date]:
    if plan.status == ActivityStatus.HELD:
        first = max(start, today - timedelta(days=365))
        begin = first + timedelta(days=int((today - timedelta(days=plan.days + 2) - first).days * plan.when))
    else:
        begin = today + timedelta(days=int(plan.when))
    return begin, begin + timedelta(days=plan.days - 1)


def _activity(sides: Sides, agreement: Agreement, plan: Planned, today: date) -> Activity:
    assert agreement.start_date is not None
    begin, end = _dates(plan, agreement.start_date, today)
    host = sides.party(plan.host).place
    data = ActivityData(plan.area, plan.type, plan.title, begin, end, host, status=plan.status)
    activity = create_activity(sides.officer, agreement, data)
    groups = [
        GroupData(sides.party(side).place.country, invited, count, sides.party(side).place, band)
        for side, invited, band, count in plan.groups
    ]
    set_participant_groups(sides.officer, activity, groups)
    return activity


def _allocate(sides: Sides, agreement: Agreement, years: list[int]) -> None:
    """Money for every year and party that has none yet (in-kind contributions stay as they are)."""
    for year in years:
        for side, amount in ALLOCATIONS.items():
            party = sides.party(side)
            if not agreement.resources.filter(party=party, year=year, amount__isnull=False).exists():
                current = Agreement.objects.get(pk=agreement.pk)
                agreement_services.add_resource(sides.officer, current, current.revision, party.pk, year, amount, "EUR")


def _indicators(sides: Sides, agreement: Agreement, years: list[int], today: date) -> None:
    for year in years:
        for kind, target in INDICATORS:
            save_indicator(sides.officer, agreement, kind, year, target)
        for kind, target, actual in TYPED:
            save_indicator(sides.officer, agreement, kind, year, target, actual if year <= today.year else None)


@transaction.atomic
def load(agreement: Agreement) -> bool:
    """Give the demo agreement its programme; False when it already has one."""
    if Activity.objects.filter(agreement=agreement).exists():
        return False
    today = timezone.localdate()
    sides = Sides(agreement.parties.get(position=0), agreement.parties.get(position=1), _officer(agreement))
    plans = [*(replace(plan, status=ActivityStatus.HELD) for plan in HELD), *UPCOMING]
    activities = [(plan, _activity(sides, agreement, plan, today)) for plan in plans]
    years = sorted({activity.start_date.year for _plan, activity in activities})
    _allocate(sides, agreement, years)
    for plan, activity in activities:
        for side, expense, planned, spent in plan.budget:
            line = BudgetLineData(sides.party(side), activity.start_date.year, expense, planned, spent, "EUR")
            line.activity = activity
            save_budget_line(sides.officer, agreement, line)
    _indicators(sides, agreement, years, today)
    return True
