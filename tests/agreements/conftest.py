"""An agreement between Cologne (owner) and Lyon (partner), in German and French, at each stage."""

from __future__ import annotations

from datetime import date

import pytest

from tests.workspace import People
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement, Party

RESOLUTION_DATE = date(2026, 3, 1)


def party(agreement: Agreement, people: People, side: str) -> Party:
    place = people.home if side == "home" else people.away
    return agreement.parties.get(place=place)


def fresh(agreement: Agreement) -> Agreement:
    return Agreement.objects.get(pk=agreement.pk)


@pytest.fixture
def draft(people: People) -> Agreement:
    agreement = services.create_agreement(
        people.officer, people.home, [people.away], "Städtepartnerschaft Köln – Lyon", ["de", "fr"]
    )
    services.update_terms(
        people.officer,
        agreement,
        agreement.revision,
        areas=["culture", "education"],
        objectives="Youth exchanges",
        start_date=date(2026, 5, 1),
        review_date=date(2029, 5, 1),
    )
    services.save_clause(
        people.officer,
        agreement,
        agreement.revision,
        {"de": "Die Städte arbeiten zusammen.", "fr": "Les villes coopèrent."},
    )
    return fresh(agreement)


@pytest.fixture
def proposed(draft: Agreement, people: People) -> Agreement:
    lifecycle.propose(people.officer, draft, draft.revision)
    return fresh(draft)


def approve_all(agreement: Agreement, people: People) -> Agreement:
    version = agreement.current_version
    assert version is not None
    lifecycle.approve(
        people.officer, agreement, party(agreement, people, "home"), version, "Ratsbeschluss 12/2026", RESOLUTION_DATE
    )
    lifecycle.approve(
        people.partner, agreement, party(agreement, people, "away"), version, "Délibération 2026-45", RESOLUTION_DATE
    )
    return fresh(agreement)


def sign_all(agreement: Agreement, people: People) -> Agreement:
    version = agreement.current_version
    assert version is not None
    lifecycle.sign(people.officer, agreement, party(agreement, people, "home"), version)
    lifecycle.sign(people.partner, agreement, party(agreement, people, "away"), version)
    return fresh(agreement)


@pytest.fixture
def approved(proposed: Agreement, people: People) -> Agreement:
    return approve_all(proposed, people)


@pytest.fixture
def active(approved: Agreement, people: People) -> Agreement:
    signed = sign_all(approved, people)
    lifecycle.activate(people.officer, signed)
    return fresh(signed)
