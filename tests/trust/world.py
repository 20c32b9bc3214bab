"""A small world for the trust suites, built once per module: Cologne and Lyon with an agreement in
force (an activity with counts and a named participant, a spare activity, a budget line, an
indicator, a calendar feed), a draft between them (a clause, a commitment, a resource, an
organisation), one proposed and one approved by both councils, Cologne's partner-search notice
answered by Lyon, a pending verification request, an invitation, and the four identities every
write is tried as.

- `owner`: editor of Cologne's office (the owning party);
- `partner`: editor of Lyon's office (the other party);
- `outsider`: administrator of Paris, verified, a member of neither office;
- `anonymous`: no token, no session.

`users["mayor"]`, Cologne's administrator, types into the forms only administrators see.

Each signed-in identity has a personal access token with the write scope.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from tests.factories import make_tiny_gazetteer, make_twinning
from tests.workspace import make_user, make_verified_officer
from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken, Invitation, Membership, Organisation, Role, VerificationRequest
from twinnings.accounts.services import create_organisation, request_verification
from twinnings.accounts.tokens import new_token
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement, Party
from twinnings.partners import conversations, notices
from twinnings.partners.models import Conversation, PartnerNotice
from twinnings.partners.notices import NoticeTerms
from twinnings.places.models import Place
from twinnings.programme.models import Activity, BudgetLine, CalendarFeed, Indicator, Participant
from twinnings.programme.services.activities import ActivityData, create_activity
from twinnings.programme.services.budget import BudgetLineData, save_budget_line
from twinnings.programme.services.feeds import create_feed
from twinnings.programme.services.indicators import save_indicator
from twinnings.programme.services.participants import GroupData, PersonData, add_participant, set_participant_groups

IDENTITIES = ("anonymous", "outsider", "partner", "owner")
SIGNED_IN = ("outsider", "partner", "owner")
YEAR = 2026


@dataclass
class World:
    home: Place
    away: Place
    elsewhere: Place
    users: dict[str, User]
    tokens: dict[str, str]
    active: Agreement
    draft: Agreement
    activity: Activity
    participant: Participant
    budget_line: BudgetLine
    indicator: Indicator
    organisation: Organisation
    notice: PartnerNotice
    conversation: Conversation
    feed: CalendarFeed
    owner_membership: Membership
    proposed: Agreement
    approved: Agreement
    spare_activity: Activity
    staff: User
    verification: VerificationRequest
    invitation_token: str
    token_ids: dict[str, int] = field(default_factory=dict)

    def user(self, who: str) -> User | None:
        return self.users.get(who)

    def party(self, agreement: Agreement, place: Place) -> Party:
        return agreement.parties.get(place=place)


def _proposed(mayor_home: User, home: Place, away: Place, title: str) -> Agreement:
    """Cologne–Lyon, proposed to Lyon with a term from the start of the year and a clause."""
    agreement = services.create_agreement(mayor_home, home, [away], title, ["de", "fr"])
    services.update_terms(
        mayor_home,
        agreement,
        agreement.revision,
        areas=["culture", "education"],
        objectives="Youth exchanges",
        start_date=date(YEAR, 1, 1),
        review_date=date(YEAR + 3, 5, 1),
    )
    agreement.refresh_from_db()
    services.save_clause(mayor_home, agreement, agreement.revision, {"de": "Zusammenarbeit.", "fr": "Coopération."})
    agreement.refresh_from_db()
    lifecycle.propose(mayor_home, agreement, agreement.revision)
    return Agreement.objects.get(pk=agreement.pk)


def _approved(mayor_home: User, mayor_away: User, home: Place, away: Place, title: str) -> Agreement:
    """Cologne–Lyon, proposed and approved by both councils."""
    agreement = _proposed(mayor_home, home, away, title)
    version = agreement.current_version
    assert version is not None
    parties = {p.place_id: p for p in agreement.parties.all()}
    lifecycle.approve(mayor_home, agreement, parties[home.pk], version, "Ratsbeschluss 1", date(YEAR, 3, 1))
    lifecycle.approve(mayor_away, agreement, parties[away.pk], version, "Délibération 2", date(YEAR, 3, 1))
    return Agreement.objects.get(pk=agreement.pk)


def _agreement(mayor_home: User, mayor_away: User, home: Place, away: Place) -> Agreement:
    """Cologne–Lyon, negotiated, approved, signed by both mayors and in force."""
    agreement = _approved(mayor_home, mayor_away, home, away, "Städtepartnerschaft Köln – Lyon")
    version = agreement.current_version
    assert version is not None
    parties = {p.place_id: p for p in agreement.parties.all()}
    lifecycle.sign(mayor_home, agreement, parties[home.pk], version)
    lifecycle.sign(mayor_away, agreement, parties[away.pk], version)
    agreement.refresh_from_db()
    lifecycle.activate(mayor_home, agreement)
    return Agreement.objects.get(pk=agreement.pk)


def _programme(
    owner: User, agreement: Agreement, home: Place, away: Place
) -> tuple[Activity, Participant, BudgetLine, Indicator]:
    activity = create_activity(
        owner,
        agreement,
        ActivityData(
            area="education",
            type="student_exchange",
            title="Pupils of Köln in Lyon",
            start_date=date(YEAR, 6, 8),
            end_date=date(YEAR, 6, 15),
            host_place=away,
            venue="Lycée Ampère",
            status="held",
        ),
    )
    set_participant_groups(
        owner, activity, [GroupData(home.country, True, 30, home, "under_18"), GroupData(away.country, False, 25, away)]
    )
    participant = add_participant(
        owner, activity, PersonData("Marie Exemple", away.country, False, True, away, email="marie@lyon.example")
    )
    party = agreement.parties.get(place=home)
    line = save_budget_line(owner, agreement, BudgetLineData(party, YEAR, "Coach Köln–Lyon", "4000", "3650", "EUR"))
    indicator = save_indicator(owner, agreement, "participants", YEAR, "200")
    return Activity.objects.get(pk=activity.pk), participant, line, indicator


def _draft(owner: User, home: Place, away: Place, organisation: Organisation) -> Agreement:
    """Cologne's draft with Lyon: a clause, a commitment, a resource and an organisation."""
    draft = services.create_agreement(owner, home, [away], "Umweltpartnerschaft", ["de", "fr"])
    party = draft.parties.get(place=home).pk
    steps = [
        lambda revision: services.save_clause(owner, draft, revision, {"de": "Bäume.", "fr": "Arbres."}),
        lambda revision: services.add_commitment(owner, draft, revision, party, "Plant trees", None),
        lambda revision: services.add_resource(owner, draft, revision, party, YEAR, Decimal("500"), "EUR"),
        lambda revision: services.link_organisation(owner, draft, revision, organisation, "lead"),
    ]
    for step in steps:
        draft.refresh_from_db()
        step(draft.revision)
    return Agreement.objects.get(pk=draft.pk)


def _festival(owner: User, agreement: Agreement, home: Place) -> Activity:
    """A planned activity without named participants: one that may be deleted."""
    data = ActivityData(
        area="culture",
        type="festival",
        title="Lyon at the Cologne festival",
        start_date=date(YEAR + 1, 9, 12),
        end_date=date(YEAR + 1, 9, 13),
        host_place=home,
    )
    return create_activity(owner, agreement, data)


def _partner_search(owner: User, partner: User, home: Place, away: Place) -> tuple[PartnerNotice, Conversation]:
    """Cologne's notice, and Lyon's answer to it."""
    terms = NoticeTerms(
        title="Köln sucht eine Partnerstadt",
        description="Youth exchanges.",
        areas=["education", "culture"],
        countries=["FR"],
        valid_until=timezone.localdate() + timedelta(days=365),
    )
    notice = notices.publish(owner, home, terms)
    return notice, conversations.express_interest(partner, notice, away, "Lyon would love to take part.")


def _invitation(admin: User, organisation: Organisation, email: str) -> str:
    """An invitation to the organisation's office for `email`, and its secret (normally emailed)."""
    raw, hashed = new_token()
    Invitation.objects.create(
        email=email,
        organisation=organisation,
        role=Role.EDITOR,
        token_hash=hashed,
        invited_by=admin,
        expires_at=timezone.now() + timedelta(days=7),
    )
    return raw


def build_world() -> World:
    g = make_tiny_gazetteer()
    home, away, elsewhere = g["cologne"], g["lyon"], g["paris"]
    make_twinning(home, away)
    make_twinning(home, g["liverpool"])
    mayor_home = make_verified_officer(home, "mayor@koeln.example")
    mayor_away = make_verified_officer(away, "maire@lyon.example")
    users = {
        "owner": make_verified_officer(home, "owner@koeln.example", role=Role.EDITOR),
        "partner": make_verified_officer(away, "partner@lyon.example", role=Role.EDITOR),
        "outsider": make_verified_officer(elsewhere, "outsider@paris.example"),
    }
    active = _agreement(mayor_home, mayor_away, home, away)
    organisation = create_organisation(mayor_home, home, "Universität zu Köln", Organisation.Kind.UNIVERSITY)
    draft = _draft(users["owner"], home, away, organisation)
    activity, participant, budget_line, indicator = _programme(users["owner"], active, home, away)
    notice, conversation = _partner_search(users["owner"], users["partner"], home, away)
    feed, _raw = create_feed(users["owner"], agreement=active)
    created = {who: access_tokens.create(user, "trust", AccessToken.Scope.WRITE) for who, user in users.items()}
    users["mayor"] = mayor_home  # Cologne's administrator: not one of the identities, but who may invite
    staff = make_user("staff@twinnings.example", staff=True)
    verification = request_verification(
        make_user("applicant@lodz.example"), g["lodz"], "International relations", "Official website"
    )
    invitation_token = _invitation(mayor_home, organisation, users["owner"].email)
    return World(
        home=home,
        away=away,
        elsewhere=elsewhere,
        users=users,
        tokens={who: raw for who, (_token, raw) in created.items()},
        token_ids={who: token.pk for who, (token, _raw) in created.items()},
        active=active,
        draft=draft,
        activity=activity,
        participant=participant,
        budget_line=budget_line,
        indicator=indicator,
        organisation=organisation,
        notice=notice,
        conversation=conversation,
        feed=feed,
        owner_membership=Membership.objects.get(user=users["owner"], place=home),
        proposed=_proposed(mayor_home, home, away, "Klimapartnerschaft"),
        approved=_approved(mayor_home, mayor_away, home, away, "Wirtschaftspartnerschaft"),
        spare_activity=_festival(users["owner"], active, home),
        staff=staff,
        verification=verification,
        invitation_token=invitation_token,
    )


def forget_caches() -> None:
    for alias in settings.CACHES:
        caches[alias].clear()


@contextmanager
def undone() -> Iterator[None]:
    """Whatever happens inside is rolled back (a savepoint), and the caches forgotten, so every
    attempt starts from the same world."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
    forget_caches()
