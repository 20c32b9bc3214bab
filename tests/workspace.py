"""People and offices for workspace tests: the three standard users of every permission test.

- `officer`: administrator of the owning place (Cologne), verified by staff;
- `partner`: administrator of the partner place (Lyon), verified;
- `outsider`: administrator of an unrelated place (Paris) — a member of the platform, not of these offices.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from tests.factories import TinyGazetteer
from twinnings.accounts.models import Membership, Role, VerificationRequest
from twinnings.places.models import Place


def make_user(email: str, *, password: str | None = None, staff: bool = False, name: str = "") -> User:
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, first_name=name or email.split("@")[0].title(), is_staff=staff
    )
    return user


def make_verified_officer(place: Place, email: str, role: str = Role.ADMIN) -> User:
    """A user with `role` in the place's office, the place verified by staff."""
    user = make_user(email)
    if not VerificationRequest.objects.filter(place=place, status=VerificationRequest.Status.APPROVED).exists():
        VerificationRequest.objects.create(
            place=place,
            user=user,
            position="International relations",
            evidence="Official website",
            status=VerificationRequest.Status.APPROVED,
            decided_at=timezone.now(),
        )
    Membership.objects.create(user=user, place=place, role=role)
    return user


@dataclass
class People:
    officer: User
    partner: User
    outsider: User
    staff: User
    home: Place
    away: Place
    elsewhere: Place

    def by_name(self, name: str) -> User:
        user: User = getattr(self, name)
        return user


@pytest.fixture
def people(tiny_gazetteer: TinyGazetteer) -> People:
    g = tiny_gazetteer
    return People(
        officer=make_verified_officer(g["cologne"], "officer@koeln.example"),
        partner=make_verified_officer(g["lyon"], "partner@lyon.example"),
        outsider=make_verified_officer(g["paris"], "outsider@paris.example"),
        staff=make_user("staff@twinnings.example", staff=True),
        home=g["cologne"],
        away=g["lyon"],
        elsewhere=g["paris"],
    )
