from __future__ import annotations

import pytest

from tests.workspace import People, make_user
from twinnings.accounts.models import Membership, Organisation, Role
from twinnings.accounts.permissions import Action, can, restrict
from twinnings.agreements import services
from twinnings.agreements.models import Agreement


@pytest.mark.parametrize(("who", "sees"), [("officer", True), ("partner", False), ("outsider", False)])
def test_a_draft_is_private_to_its_owner(draft: Agreement, people: People, who: str, sees: bool) -> None:
    user = people.by_name(who)
    assert can(user, Action.VIEW, draft) is sees
    assert list(restrict(Agreement.objects.all(), user, Action.VIEW)) == ([draft] if sees else [])


@pytest.mark.parametrize(("who", "sees"), [("officer", True), ("partner", True), ("outsider", False)])
def test_a_proposal_is_seen_by_every_party_only(proposed: Agreement, people: People, who: str, sees: bool) -> None:
    assert can(people.by_name(who), Action.VIEW, proposed) is sees


def test_an_associated_organisation_sees_the_proposal(draft: Agreement, people: People) -> None:
    university = Organisation.objects.create(name="Universität zu Köln", kind="university", place=people.home)
    member = make_user("prof@uni-koeln.example")
    Membership.objects.create(user=member, organisation=university, role=Role.VIEWER)
    services.link_organisation(people.officer, draft, draft.revision, university, "partner")
    assert not can(member, Action.VIEW, draft)
    from twinnings.agreements import lifecycle

    lifecycle.propose(people.officer, draft, draft.revision)
    assert can(member, Action.VIEW, draft)
    assert not can(member, Action.EDIT, draft)


def test_roles_narrow_what_members_may_do(proposed: Agreement, people: People) -> None:
    viewer = make_user("viewer@koeln.example")
    Membership.objects.create(user=viewer, place=people.home, role=Role.VIEWER)
    assert can(viewer, Action.VIEW, proposed)
    assert not any(can(viewer, a, proposed) for a in (Action.EDIT, Action.APPROVE, Action.SIGN, Action.MANAGE))
