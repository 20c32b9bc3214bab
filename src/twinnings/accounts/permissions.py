"""Who may do what: every view, API endpoint and export asks `can` or `restrict` (or, for a page
that asks many questions about one agreement, `agreement_access`), nothing else decides.

Every permission follows from memberships: a role in a place's office or an organisation.
Objects a user may not even view are reported by callers as missing (404), never as forbidden.
A draft agreement is private to its owner's office until it is proposed to the other parties.
A partner-search notice is public while it is published and valid; withdrawn or expired, only its
office sees it. A conversation is seen only by the offices of the notice's place and the interested place.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from twinnings.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    Role,
    VerificationRequest,
    memberships_written,
)
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement, Party
from twinnings.partners.models import Conversation, PartnerNotice
from twinnings.places.models import Place
from twinnings.programme.models import Activity, BudgetLine, CalendarFeed, Indicator, Participant, ParticipantGroup

M = TypeVar("M", bound=Model)
User = AbstractBaseUser | AnonymousUser


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # write a draft, propose it
    APPROVE = "approve"  # record a council's approval
    SIGN = "sign"
    MANAGE = "manage"  # members and invitations; suspend, revive, renew and end agreements
    VERIFY = "verify"  # decide verification requests (platform staff)


ROLES: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset(Role.values),
    Action.EDIT: frozenset({Role.ADMIN, Role.EDITOR}),
    Action.APPROVE: frozenset({Role.ADMIN, Role.EDITOR}),
    Action.SIGN: frozenset({Role.ADMIN, Role.SIGNATORY}),
    Action.MANAGE: frozenset({Role.ADMIN}),
    Action.VERIFY: frozenset(),
}


def is_member(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_staff(user: User) -> bool:
    return is_member(user) and bool(getattr(user, "is_staff", False))


# Every check of a page asks for the same user's memberships, often a dozen times. They are read once
# and kept on the user object (request.user lives for one request), tagged with a generation that
# every write of a membership in this process moves on (saves, deletes, cascades and the bulk writes
# of MembershipQuerySet): a kept copy is never used after such a write, even on a user object that
# outlives it (as in tests, or a long task). Not seen: another process's writes, for as long as the
# user object lives, and a rollback of a write that a check read after it (no signal tells it).
_MEMO = "_twinnings_memberships"
_generation = 0
_generation_lock = threading.Lock()
Office = tuple[int | None, int | None, str]  # place id, organisation id, role


@receiver(post_save, sender=Membership, dispatch_uid="permissions-membership-saved")
@receiver(post_delete, sender=Membership, dispatch_uid="permissions-membership-deleted")
@receiver(memberships_written, dispatch_uid="permissions-memberships-written")
def memberships_changed(**_: object) -> None:
    """Forget every membership list kept in this process."""
    global _generation
    with _generation_lock:
        _generation += 1


def _memberships(user: User) -> tuple[Office, ...]:
    """The user's memberships, read at most once per user object until a membership changes."""
    if not is_member(user) or user.pk is None:
        return ()
    generation = _generation  # read before the query: a change during it leaves the copy outdated
    kept = getattr(user, _MEMO, None)
    if kept is not None and kept[0] == generation and kept[1] == user.pk:
        offices: tuple[Office, ...] = kept[2]
        return offices
    offices = tuple(Membership.objects.filter(user_id=user.pk).values_list("place_id", "organisation_id", "role"))
    setattr(user, _MEMO, (generation, user.pk, offices))
    return offices


def place_ids(user: User, action: Action) -> set[int]:
    """Places in whose office the user holds a role that allows `action`."""
    roles = ROLES[action]
    return {place for place, _, role in _memberships(user) if place is not None and role in roles}


def organisation_ids(user: User, action: Action) -> set[int]:
    roles = ROLES[action]
    return {organisation for _, organisation, role in _memberships(user) if organisation is not None and role in roles}


def can(user: User, action: Action, obj: Any) -> bool:
    if isinstance(obj, PartnerNotice):
        return restrict(PartnerNotice.objects.filter(pk=obj.pk), user, action).exists()
    if not is_member(user):
        return False
    if isinstance(obj, Place):
        return obj.pk in place_ids(user, action)
    if isinstance(obj, Organisation):
        return obj.pk in organisation_ids(user, action)
    if isinstance(obj, Membership | Invitation):
        return can(user, Action.MANAGE, obj.office)
    if isinstance(obj, VerificationRequest):
        return is_staff(user) if action == Action.VERIFY else (obj.user_id == user.pk or is_staff(user))
    if isinstance(obj, Agreement):
        return restrict(Agreement.objects.filter(pk=obj.pk), user, action).exists()
    if isinstance(obj, Party):
        return obj.place_id in place_ids(user, action) and can(user, Action.VIEW, obj.agreement)
    if isinstance(obj, Activity | BudgetLine | Indicator):
        return can(user, action, obj.agreement)
    if isinstance(obj, ParticipantGroup):
        return can(user, action, obj.activity.agreement)
    if isinstance(obj, Participant):
        return can_see_participant_names(user, obj.activity)
    if isinstance(obj, CalendarFeed):
        return obj.user_id == user.pk
    if isinstance(obj, Conversation):
        offices = place_ids(user, action)
        return obj.place_id in offices or obj.notice.place_id in offices
    raise TypeError(f"no permission rule for {type(obj).__name__}")


# Named participant lists (people, often pupils) are for the organising parties' editors and
# administrators only; everyone who may view the agreement sees the counts.
PARTICIPANT_NAMES = Action.EDIT


def can_see_participant_names(user: User, activity: Activity) -> bool:
    return can(user, PARTICIPANT_NAMES, activity.agreement)


@dataclass(frozen=True)
class AgreementAccess:
    """What one user may do on one agreement, as `can` would answer, read once for a page that asks
    many times (its buttons, each party's row). Not kept beyond the page: a service that changes
    the agreement asks `can` again."""

    user: User
    actions: frozenset[Action]

    def allows(self, action: Action) -> bool:
        return action in self.actions

    def allows_for(self, action: Action, party: Party) -> bool:
        """`can(user, action, party)` for a party of this agreement."""
        return Action.VIEW in self.actions and party.place_id in place_ids(self.user, action)

    @property
    def sees_participant_names(self) -> bool:
        return PARTICIPANT_NAMES in self.actions


def agreement_access(user: User, agreement: Agreement) -> AgreementAccess:
    """Every action the user may take on the agreement, in one query: the agreement's parties if the
    user may see it (none if not); then an action other than viewing needs one of the user's offices
    that allow it to be a party, as `_agreement_ids` says."""
    if not is_member(user):
        return AgreementAccess(user, frozenset())
    visible = Agreement.objects.filter(pk=agreement.pk, pk__in=_agreement_ids(user, Action.VIEW))
    rows = list(visible.values_list("parties__place_id", flat=True))
    if not rows:
        return AgreementAccess(user, frozenset())
    parties = {place for place in rows if place is not None}
    actions = {Action.VIEW} | {action for action in Action if parties & place_ids(user, action)}
    return AgreementAccess(user, frozenset(actions))


def restrict(queryset: QuerySet[M], user: User, action: Action) -> QuerySet[M]:
    """The part of `queryset` on which the user may do `action`."""
    model = queryset.model
    if model is PartnerNotice:
        return _notices(queryset, user, action)
    if not is_member(user):
        return queryset.none()
    if model is Place:
        return queryset.filter(pk__in=place_ids(user, action))
    if model is Organisation:
        return queryset.filter(pk__in=organisation_ids(user, action))
    if model is Membership or model is Invitation:
        return queryset.filter(place_id__in=place_ids(user, Action.MANAGE)) | queryset.filter(
            organisation_id__in=organisation_ids(user, Action.MANAGE)
        )
    if model is VerificationRequest:
        return queryset if is_staff(user) else queryset.filter(user_id=user.pk)
    if model is Agreement:
        return queryset.filter(pk__in=_agreement_ids(user, action))
    if model is Activity or model is BudgetLine or model is Indicator:
        return queryset.filter(agreement__in=_agreement_ids(user, action))
    if model is ParticipantGroup:
        return queryset.filter(activity__agreement__in=_agreement_ids(user, action))
    if model is Participant:
        return queryset.filter(activity__agreement__in=_agreement_ids(user, Action.EDIT))
    if model is CalendarFeed:
        return queryset.filter(user_id=user.pk)
    if model is Conversation:
        offices = place_ids(user, action)
        return queryset.filter(Q(place__in=offices) | Q(notice__place__in=offices))
    raise TypeError(f"no permission rule for {model.__name__}")


def _agreement_ids(user: User, action: Action) -> QuerySet[Agreement, Any]:
    """Agreements the user may see (a draft only by its owner's office, later stages by every party's
    office and the associated organisations), narrowed to those where one of the user's offices
    that is a party holds a role allowing `action`."""
    viewing = place_ids(user, Action.VIEW)
    visible = Agreement.objects.filter(
        Q(owner__in=viewing)
        | (
            ~Q(status=Status.DRAFT)
            & (Q(parties__place__in=viewing) | Q(organisations__organisation__in=organisation_ids(user, Action.VIEW)))
        )
    )
    if action != Action.VIEW:
        visible = visible.filter(parties__place__in=place_ids(user, action))
    return visible.values("pk")


def _notices(queryset: QuerySet[M], user: User, action: Action) -> QuerySet[M]:
    """Everyone views published notices; an office also views its withdrawn and expired ones and
    changes its own (administrators and editors)."""
    offices = place_ids(user, action) if is_member(user) else set()
    if action != Action.VIEW:
        return queryset.filter(place__in=offices)
    published = PartnerNotice.objects.published().values("pk")
    return queryset.filter(Q(pk__in=published) | Q(place__in=offices))
