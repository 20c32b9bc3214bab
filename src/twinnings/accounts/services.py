"""Use cases of accounts: sign-up and confirmation, verification of a place's first admin,
organisations, memberships and invitations. Each write is audited."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from twinnings.accounts.models import Invitation, Membership, Organisation, Role, VerificationRequest
from twinnings.accounts.permissions import Action, can, is_staff
from twinnings.accounts.signals import place_verified
from twinnings.accounts.tokens import email_confirmation_token, new_token, token_hash
from twinnings.audit.services import record, snapshot
from twinnings.core.errors import Forbidden, Refused
from twinnings.places.models import Place

INVITATION_DAYS = 14
MEMBERSHIP_FIELDS = ["user", "place", "organisation", "role"]
Office = Place | Organisation


def _send(to: str, subject: str, template: str, context: dict[str, object]) -> None:
    send_mail(subject, render_to_string(template, context), None, [to])


def sign_up(email: str, password: str, name: str, base_url: str) -> User:
    """An inactive account whose email must be confirmed (by the emailed link) before login."""
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists():
        raise Refused(_("An account with this email address already exists."))
    user = User.objects.create_user(username=email, email=email, password=password, first_name=name.strip())
    user.is_active = False
    user.save(update_fields=["is_active"])
    send_confirmation(user, base_url)
    record(user, "account.sign_up", user, after={"username": email})
    return user


def send_confirmation(user: User, base_url: str) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:confirm", args=[uid, email_confirmation_token.make_token(user)])
    _send(
        user.email,
        _("Confirm your email address"),
        "accounts/email/confirm.txt",
        {"user": user, "link": base_url.rstrip("/") + path},
    )


def confirm_email(user: User, token: str) -> bool:
    if user.is_active or not email_confirmation_token.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    record(user, "account.confirm_email", user, before={"is_active": False}, after={"is_active": True})
    return True


def is_verified(place: Place) -> bool:
    return VerificationRequest.objects.filter(place=place, status=VerificationRequest.Status.APPROVED).exists()


@transaction.atomic
def request_verification(user: User, place: Place, position: str, evidence: str) -> VerificationRequest:
    """The first administrator of a place claims it; staff decide. Later members are invited."""
    if is_verified(place):
        raise Refused(_("This place already has a verified administrator: ask them for an invitation."))
    if VerificationRequest.objects.filter(place=place, user=user, status=VerificationRequest.Status.PENDING).exists():
        raise Refused(_("You have already asked to represent this place; staff will decide soon."))
    request = VerificationRequest.objects.create(place=place, user=user, position=position, evidence=evidence)
    record(user, "verification.request", request, after=snapshot(request), scope=f"places.place:{place.pk}")
    return request


@transaction.atomic
def decide_verification(staff: User, request: VerificationRequest, approve: bool, note: str = "") -> None:
    """Approval makes the requester the place's administrator and lets the place's signed
    agreements reach the public registry."""
    if not is_staff(staff):
        raise Forbidden(_("Only platform staff decide verification requests."))
    request = VerificationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != VerificationRequest.Status.PENDING:
        raise Refused(_("This request has already been decided."))
    if approve and is_verified(request.place):
        raise Refused(_("This place already has a verified administrator."))
    before = snapshot(request)
    request.status = VerificationRequest.Status.APPROVED if approve else VerificationRequest.Status.REJECTED
    request.decided_by, request.decided_at, request.decision_note = staff, timezone.now(), note
    request.save()
    record(
        staff,
        "verification.decide",
        request,
        before=before,
        after=snapshot(request),
        scope=f"places.place:{request.place_id}",
    )
    if approve:
        _add_member(staff, request.user, request.place, Role.ADMIN)
        transaction.on_commit(lambda: place_verified.send(sender=Place, place=request.place))


def _add_member(actor: User, user: User, office: Office, role: str) -> Membership:
    if isinstance(office, Place):
        membership, created = Membership.objects.get_or_create(user=user, place=office, defaults={"role": role})
    else:
        membership, created = Membership.objects.get_or_create(user=user, organisation=office, defaults={"role": role})
    before = None if created else snapshot(membership, MEMBERSHIP_FIELDS)
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    record(
        actor,
        "membership.add",
        membership,
        before=before,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
        scope=_scope(office),
    )
    return membership


def _scope(office: Office) -> str:
    return f"places.place:{office.pk}" if isinstance(office, Place) else f"accounts.organisation:{office.pk}"


@transaction.atomic
def create_organisation(actor: User, place: Place, name: str, kind: str, website: str = "") -> Organisation:
    """A new organisation, with its creator as administrator."""
    if kind not in Organisation.Kind.values:
        raise Refused(_("Unknown kind of organisation."))
    organisation = Organisation.objects.create(place=place, name=name.strip(), kind=kind, website=website)
    record(actor, "organisation.create", organisation, after=snapshot(organisation))
    _add_member(actor, actor, organisation, Role.ADMIN)
    return organisation


@transaction.atomic
def invite(actor: User, office: Office, email: str, role: str, base_url: str) -> Invitation:
    if not can(actor, Action.MANAGE, office):
        raise Forbidden(_("Only an administrator can invite members."))
    if role not in Role.values:
        raise Refused(_("Unknown role."))
    token, hashed = new_token()
    invitation = Invitation(
        email=email.strip().lower(),
        role=role,
        token_hash=hashed,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    if isinstance(office, Place):
        invitation.place = office
    else:
        invitation.organisation = office
    invitation.save()
    record(
        actor,
        "invitation.create",
        invitation,
        after=snapshot(invitation, ["email", "place", "organisation", "role"]),
        scope=_scope(office),
    )
    link = base_url.rstrip("/") + reverse("accounts:invitation", args=[token])
    context = {"invitation": invitation, "link": link, "inviter": actor, "days": INVITATION_DAYS}
    _send(invitation.email, _("Invitation to Twinnings"), "accounts/email/invitation.txt", context)
    return invitation


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("place", "organisation", "invited_by")
        .filter(token_hash=token_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def accept_invitation(user: User, token: str) -> Membership:
    invitation = find_invitation(token)
    if invitation is None:
        raise Refused(_("This invitation is unknown, used or expired."))
    if invitation.email != user.email.lower():
        raise Refused(_("This invitation was sent to another email address."))
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return _add_member(invitation.invited_by, user, invitation.office, invitation.role)


def _admins_left(membership: Membership) -> int:
    admins = Membership.objects.filter(role=Role.ADMIN, place=membership.place, organisation=membership.organisation)
    return admins.exclude(pk=membership.pk).count()


@transaction.atomic
def change_role(actor: User, membership: Membership, role: str) -> Membership:
    if not can(actor, Action.MANAGE, membership):
        raise Forbidden(_("Only an administrator can change roles."))
    if role not in Role.values:
        raise Refused(_("Unknown role."))
    if membership.role == Role.ADMIN and role != Role.ADMIN and _admins_left(membership) == 0:
        raise Refused(_("An office needs at least one administrator."))
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        actor,
        "membership.change_role",
        membership,
        before=before,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
        scope=_scope(membership.office),
    )
    return membership


@transaction.atomic
def remove_member(actor: User, membership: Membership) -> None:
    if not can(actor, Action.MANAGE, membership):
        raise Forbidden(_("Only an administrator can remove members."))
    if membership.role == Role.ADMIN and _admins_left(membership) == 0:
        raise Refused(_("An office needs at least one administrator."))
    record(
        actor,
        "membership.remove",
        membership,
        before=snapshot(membership, MEMBERSHIP_FIELDS),
        scope=_scope(membership.office),
    )
    membership.delete()
