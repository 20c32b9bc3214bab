"""A ready-to-explore workspace: three verified municipalities from the registry with their officers,
an agreement taken through its whole lifecycle to `active` with an amendment under negotiation, a
suspended agreement, and a partner-search notice with its conversation. Loading twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from twinnings.accounts.models import Membership, Organisation, Role, VerificationRequest
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement
from twinnings.core.errors import Refused
from twinnings.partners import demo as partner_search
from twinnings.places.models import Place

PASSWORD = "twinnings-demo"
COLOGNE, LYON, VOLGOGRAD = 2886242, 2996944, 472757  # GeoNames ids
MAIN_TITLE = "Städtepartnerschaft Köln – Lyon / Jumelage Cologne – Lyon"
SUSPENDED_TITLE = "Partnerschaft Köln – Wolgograd"


@dataclass(frozen=True)
class Office:
    place: Place
    officer: User


def _user(email: str, name: str, staff: bool = False) -> User:
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": name, "is_staff": staff, "is_superuser": staff}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _office(geonames_id: int, email: str, name: str, staff: User) -> Office:
    place = Place.objects.filter(geonames_id=geonames_id).first()
    if place is None:
        raise Refused(f"GeoNames place {geonames_id} is not in the gazetteer: run `twinnings bootstrap` first.")
    officer = _user(email, name)
    if not VerificationRequest.objects.filter(place=place, status=VerificationRequest.Status.APPROVED).exists():
        VerificationRequest.objects.create(
            place=place,
            user=officer,
            position="International relations office",
            evidence="Demo data",
            status=VerificationRequest.Status.APPROVED,
            decided_by=staff,
            decided_at=timezone.now(),
        )
    Membership.objects.get_or_create(user=officer, place=place, defaults={"role": Role.ADMIN})
    return Office(place, officer)


def _party(agreement: Agreement, office: Office) -> int:
    return agreement.parties.get(place=office.place).pk


def _fresh(agreement: Agreement) -> Agreement:
    return Agreement.objects.get(pk=agreement.pk)


def _approve_and_sign(agreement: Agreement, offices: list[Office], when: date) -> Agreement:
    version = _fresh(agreement).current_version
    assert version is not None
    for number, office in enumerate(offices, start=1):
        party = agreement.parties.get(place=office.place)
        lifecycle.approve(
            office.officer, _fresh(agreement), party, version, f"Resolution {when.year}/{number:03d}", when
        )
    for office in offices:
        lifecycle.sign(office.officer, _fresh(agreement), agreement.parties.get(place=office.place), version)
    return _fresh(agreement)


def _main_agreement(cologne: Office, lyon: Office) -> Agreement:
    a = services.create_agreement(cologne.officer, cologne.place, [lyon.place], MAIN_TITLE, ["de", "fr"])
    services.update_terms(
        cologne.officer,
        a,
        a.revision,
        areas=["culture", "education", "economy", "environment"],
        objectives="Bring the people of both cities together through youth exchanges, culture and climate action.",
        start_date=date(2026, 6, 1),
        review_date=date(2031, 6, 1),
        renewal_terms="Renewed for five years unless a council decides otherwise at the review.",
    )
    clauses = [
        (
            "Die Städte Köln und Lyon schließen eine Städtepartnerschaft.",
            "Les villes de Cologne et de Lyon concluent un jumelage.",
        ),
        (
            "Beide Städte fördern den Austausch von Schülerinnen, Schülern und Studierenden.",
            "Les deux villes favorisent les échanges d'élèves et d'étudiants.",
        ),
        ("Die Partnerschaft wird alle fünf Jahre überprüft.", "Le jumelage est réexaminé tous les cinq ans."),
    ]
    for de, fr in clauses:
        services.save_clause(cologne.officer, a, _fresh(a).revision, {"de": de, "fr": fr})
    home, away = _party(a, cologne), _party(a, lyon)
    services.set_responsibilities(cologne.officer, a, _fresh(a).revision, home, "Hosts the annual youth summit.")
    services.set_responsibilities(
        cologne.officer, a, _fresh(a).revision, away, "Organises the festival of lights exchange."
    )
    services.add_commitment(
        cologne.officer, a, _fresh(a).revision, home, "First youth summit in Cologne", date(2026, 9, 30)
    )
    services.add_resource(cologne.officer, a, _fresh(a).revision, home, 2026, Decimal("25000"), "EUR")
    services.add_resource(
        cologne.officer, a, _fresh(a).revision, away, 2026, None, "", "Venues and staff for the exchange"
    )
    university = Organisation.objects.get_or_create(
        name="Universität zu Köln", place=cologne.place, defaults={"kind": Organisation.Kind.UNIVERSITY}
    )[0]
    services.link_organisation(cologne.officer, a, _fresh(a).revision, university, "partner")
    lifecycle.propose(cologne.officer, a, _fresh(a).revision)
    lifecycle.negotiate(lyon.officer, _fresh(a))
    services.add_commitment(
        lyon.officer, a, _fresh(a).revision, away, "Fête des Lumières delegation", date(2026, 12, 8)
    )
    lifecycle.propose(lyon.officer, a, _fresh(a).revision)
    a = _approve_and_sign(a, [cologne, lyon], timezone.localdate())
    lifecycle.activate(cologne.officer, a)
    lifecycle.amend(lyon.officer, _fresh(a))
    services.save_clause(
        lyon.officer,
        a,
        _fresh(a).revision,
        {
            "de": "Sport wird ein weiterer Bereich der Zusammenarbeit.",
            "fr": "Le sport devient un nouveau domaine de coopération.",
        },
    )
    services.update_terms(lyon.officer, a, _fresh(a).revision, areas=[*_fresh(a).areas, "sport"])
    return _fresh(a)


def _suspended_agreement(cologne: Office, volgograd: Office) -> Agreement:
    a = services.create_agreement(cologne.officer, cologne.place, [volgograd.place], SUSPENDED_TITLE, ["de", "ru"])
    services.update_terms(
        cologne.officer, a, a.revision, areas=["culture", "humanitarian"], start_date=date(2026, 1, 1)
    )
    services.save_clause(
        cologne.officer,
        a,
        _fresh(a).revision,
        {"de": "Die Städte pflegen ihre Partnerschaft.", "ru": "Города поддерживают партнёрские отношения."},
    )
    lifecycle.propose(cologne.officer, a, _fresh(a).revision)
    a = _approve_and_sign(a, [cologne, volgograd], timezone.localdate())
    lifecycle.activate(cologne.officer, a)
    lifecycle.suspend(
        cologne.officer, _fresh(a), "Council resolution suspending official contacts", timezone.localdate()
    )
    return _fresh(a)


@transaction.atomic
def load() -> tuple[list[tuple[str, str]], list[Agreement], bool]:
    """(logins, agreements, created): the demo's accounts and agreements, and whether this run made them."""
    staff = _user("staff@demo.twinnings.example", "Platform staff", staff=True)
    cologne = _office(COLOGNE, "koeln@demo.twinnings.example", "Anna Schmitz", staff)
    lyon = _office(LYON, "lyon@demo.twinnings.example", "Camille Martin", staff)
    volgograd = _office(VOLGOGRAD, "volgograd@demo.twinnings.example", "Irina Petrova", staff)
    logins = [(u.username, f"{u.first_name}") for u in (cologne.officer, lyon.officer, volgograd.officer, staff)]
    partner_search.load(cologne.place, cologne.officer, lyon.place, lyon.officer)
    existing = list(
        Agreement.objects.filter(owner=cologne.place, title__in=[MAIN_TITLE, SUSPENDED_TITLE]).order_by("pk")
    )
    if len(existing) == 2:
        return logins, existing, False
    if existing:
        raise Refused("The demo agreements are half there: delete them in the admin and run the demo again.")
    return logins, [_main_agreement(cologne, lyon), _suspended_agreement(cologne, volgograd)], True
