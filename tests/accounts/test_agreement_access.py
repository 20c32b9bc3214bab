"""`agreement_access` answers, in one query, what `can` answers for each action on an agreement and
its parties: for the three standard users, a viewer, staff, an associated organisation's member and
an anonymous visitor, at every stage from draft to in force."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.agreements.conftest import active, approved, draft, proposed  # noqa: F401 (fixtures)
from tests.workspace import People, make_user, make_verified_officer
from twinnings.accounts.models import Membership, Organisation, Role
from twinnings.accounts.permissions import Action, User, agreement_access, can, place_ids
from twinnings.agreements import services
from twinnings.agreements.models import Agreement

STAGES = ["draft", "proposed", "approved", "active"]


def readers(people: People, agreement: Agreement) -> dict[str, User]:
    school = Organisation.objects.create(name="Lycée Ampère", kind="school", place=people.away)
    if agreement.status == "draft":
        services.link_organisation(people.officer, agreement, agreement.revision, school, "partner")
    else:
        agreement.organisations.create(organisation=school, role="partner")
    teacher = make_user("teacher@ampere.example")
    Membership.objects.create(user=teacher, organisation=school, role=Role.ADMIN)
    return {
        "officer": people.officer,
        "partner": people.partner,
        "outsider": people.outsider,
        "staff": people.staff,
        "viewer": make_verified_officer(people.home, "viewer@koeln.example", role=Role.VIEWER),
        "signatory": make_verified_officer(people.away, "maire@lyon.example", role=Role.SIGNATORY),
        "teacher": teacher,
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("stage", STAGES)
def test_agreement_access_agrees_with_can(stage: str, people: People, request: pytest.FixtureRequest) -> None:
    agreement: Agreement = request.getfixturevalue(stage)
    parties = list(agreement.parties.all())
    seen = set()
    for name, user in readers(people, agreement).items():
        access = agreement_access(user, agreement)
        for action in Action:
            assert access.allows(action) == can(user, action, agreement), (stage, name, action)
            for party in parties:
                assert access.allows_for(action, party) == can(user, action, party), (stage, name, action, party)
        assert access.sees_participant_names == can(user, Action.EDIT, agreement)
        seen.add((name, frozenset(access.actions)))
    grants = dict(seen)
    assert grants["officer"] == set(Action) - {Action.VERIFY}
    assert grants["outsider"] == grants["anonymous"] == grants["staff"] == frozenset()
    assert grants["partner"] == (frozenset() if stage == "draft" else set(Action) - {Action.VERIFY})
    assert grants["teacher"] == (frozenset() if stage == "draft" else {Action.VIEW})


def test_agreement_access_reads_one_query(draft: Agreement, people: People, django_assert_num_queries: Any) -> None:  # noqa: F811
    place_ids(people.partner, Action.VIEW)  # the memberships, read once per user object
    with django_assert_num_queries(1):
        access = agreement_access(people.partner, draft)
    assert access.actions == frozenset()
    assert not access.allows_for(Action.SIGN, draft.parties.get(place=people.away))
