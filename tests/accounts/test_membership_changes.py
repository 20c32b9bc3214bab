"""Permission checks read a user's memberships once per user object and keep them; a membership
granted, changed or removed afterwards (one by one, in bulk, or with its office) is seen by the
very next check on the same object."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from tests.workspace import People
from twinnings.accounts.models import Membership, Organisation, Role
from twinnings.accounts.permissions import Action, agreement_access, can, organisation_ids, place_ids, restrict
from twinnings.agreements import services
from twinnings.agreements.models import Agreement


def draft_of(people: People) -> Agreement:
    return services.create_agreement(people.officer, people.home, [people.away], "Köln – Lyon", ["de", "fr"])


def test_memberships_are_read_once_per_user_object(people: People, django_assert_num_queries: Any) -> None:
    officer = people.officer
    with django_assert_num_queries(1):
        for action in Action:
            place_ids(officer, action)
            organisation_ids(officer, action)
        assert can(officer, Action.MANAGE, people.home) and not can(officer, Action.VIEW, people.away)
        assert place_ids(officer, Action.EDIT) == {people.home.pk} and place_ids(officer, Action.VERIFY) == set()
    again = get_user_model().objects.get(pk=officer.pk)
    with django_assert_num_queries(1):  # another object of the same user reads for itself
        assert place_ids(again, Action.VIEW) == {people.home.pk}


def test_a_membership_granted_after_a_check_is_seen_by_the_next_check(people: People) -> None:
    draft, outsider = draft_of(people), people.outsider
    assert not can(outsider, Action.VIEW, people.home) and not can(outsider, Action.VIEW, draft)
    assert not agreement_access(outsider, draft).allows(Action.VIEW)

    Membership.objects.create(user=outsider, place=people.home, role=Role.VIEWER)

    assert can(outsider, Action.VIEW, people.home) and not can(outsider, Action.EDIT, people.home)
    assert can(outsider, Action.VIEW, draft) and restrict(Agreement.objects.all(), outsider, Action.VIEW).get() == draft
    assert agreement_access(outsider, draft).actions == {Action.VIEW}


def test_a_membership_removed_after_a_check_is_seen_by_the_next_check(people: People) -> None:
    draft, officer = draft_of(people), people.officer
    assert can(officer, Action.EDIT, people.home) and can(officer, Action.EDIT, draft)

    Membership.objects.get(user=officer, place=people.home).delete()

    assert not can(officer, Action.VIEW, people.home) and not can(officer, Action.VIEW, draft)
    assert not restrict(Agreement.objects.all(), officer, Action.VIEW).exists()
    assert agreement_access(officer, draft).actions == frozenset()


def test_a_role_changed_after_a_check_is_seen_by_the_next_check(people: People) -> None:
    draft, officer = draft_of(people), people.officer
    assert can(officer, Action.SIGN, draft)
    membership = Membership.objects.get(user=officer, place=people.home)
    membership.role = Role.EDITOR
    membership.save()
    assert not can(officer, Action.SIGN, draft) and can(officer, Action.EDIT, draft)
    assert agreement_access(officer, draft).actions == {Action.VIEW, Action.EDIT, Action.APPROVE}


def test_bulk_writes_of_memberships_are_seen_by_the_next_check(people: People) -> None:
    officer, outsider = people.officer, people.outsider
    assert can(officer, Action.EDIT, people.home) and not can(outsider, Action.EDIT, people.away)

    Membership.objects.filter(user=officer).update(role=Role.VIEWER)
    assert not can(officer, Action.EDIT, people.home) and can(officer, Action.VIEW, people.home)

    Membership.objects.bulk_create([Membership(user=outsider, place=people.away, role=Role.EDITOR)])
    assert can(outsider, Action.EDIT, people.away)

    granted = Membership.objects.get(user=outsider, place=people.away)
    granted.role = Role.VIEWER
    Membership.objects.bulk_update([granted], ["role"])
    assert not can(outsider, Action.EDIT, people.away) and can(outsider, Action.VIEW, people.away)


def test_memberships_removed_with_their_office_are_seen_by_the_next_check(people: People) -> None:
    outsider = people.outsider
    school = Organisation.objects.create(name="Lycée Ampère", kind="school", place=people.away)
    Membership.objects.create(user=outsider, organisation=school, role=Role.ADMIN)
    assert can(outsider, Action.MANAGE, school) and organisation_ids(outsider, Action.VIEW) == {school.pk}
    school.delete()
    assert organisation_ids(outsider, Action.VIEW) == set()


def test_a_deactivated_user_is_refused_at_once(people: People) -> None:
    officer = people.officer
    assert can(officer, Action.EDIT, people.home)
    officer.is_active = False
    assert not can(officer, Action.VIEW, people.home) and place_ids(officer, Action.VIEW) == set()
