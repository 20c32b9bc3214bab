"""Who may do what: every view, API endpoint and export asks `can` or `restrict`, nothing else decides.

Every permission follows from memberships: a role in a place's office or an organisation.
Objects a user may not even view are reported by callers as missing (404), never as forbidden.
A draft agreement is private to its owner's office until it is proposed to the other parties.
A partner-search notice is public while it is published and valid; withdrawn or expired, only its
office sees it. A conversation is seen only by the offices of the notice's place and the interested place.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, Q, QuerySet

from twinnings.accounts.models import Invitation, Membership, Organisation, Role, VerificationRequest
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


def _memberships(user: User, action: Action) -> QuerySet[Membership]:
    if not is_member(user) or user.pk is None:
        return Membership.objects.none()
    return Membership.objects.filter(user_id=user.pk, role__in=ROLES[action])


def place_ids(user: User, action: Action) -> set[int]:
    """Places in whose office the user holds a role that allows `action`."""
    return set(_memberships(user, action).filter(place__isnull=False).values_list("place_id", flat=True))


def organisation_ids(user: User, action: Action) -> set[int]:
    return set(_memberships(user, action).filter(organisation__isnull=False).values_list("organisation_id", flat=True))


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


def can_see_participant_names(user: User, activity: Activity) -> bool:
    """Named participant lists (people, often pupils) are for the organising parties' editors and
    admins only; everyone who may view the agreement sees the counts."""
    return can(user, Action.EDIT, activity.agreement)


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
