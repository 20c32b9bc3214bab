"""Organisations, memberships (a user's role in a place's office or an organisation),
invitations, and the verification of a place's first administrator."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from twinnings.places.models import Place


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    EDITOR = "editor", _("editor")
    SIGNATORY = "signatory", _("signatory")
    VIEWER = "viewer", _("viewer")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        SCHOOL = "school", _("school")
        BUSINESS = "business", _("business")
        COMMUNITY = "community", _("community organisation")
        NGO = "ngo", _("NGO")
        MUNICIPAL_DEPARTMENT = "municipal_department", _("municipal department")

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="organisations")
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Sent after a bulk write of memberships, which sends no post_save (permissions forget what they kept).
memberships_written = Signal()


class MembershipQuerySet(models.QuerySet["Membership"]):
    """Memberships; their bulk writes announce themselves with `memberships_written`."""

    def update(self, **kwargs: Any) -> int:
        count = super().update(**kwargs)
        memberships_written.send(sender=Membership)
        return count

    def bulk_create(
        self,
        objs: Iterable[Membership],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list[Membership]:
        created = super().bulk_create(
            objs, batch_size, ignore_conflicts, update_conflicts, update_fields, unique_fields
        )
        memberships_written.send(sender=Membership)
        return created

    def bulk_update(self, objs: Iterable[Membership], fields: Iterable[str], batch_size: int | None = None) -> int:
        count = super().bulk_update(objs, fields, batch_size)
        memberships_written.send(sender=Membership)
        return count


class Membership(models.Model):
    """A user's role in exactly one office: a place's (its local authority) or an organisation's."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=True, organisation__isnull=False)
                | Q(place__isnull=False, organisation__isnull=True),
                name="membership_one_office",
            ),
            models.UniqueConstraint(
                fields=["user", "place"], condition=Q(place__isnull=False), name="unique_place_membership"
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(organisation__isnull=False),
                name="unique_organisation_membership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role} · {self.office}"

    @property
    def office(self) -> Place | Organisation:
        office = self.place or self.organisation
        assert office is not None
        return office


class Invitation(models.Model):
    """An emailed link that makes its recipient a member; only the token's hash is stored."""

    email = models.EmailField()
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=True, organisation__isnull=False)
                | Q(place__isnull=False, organisation__isnull=True),
                name="invitation_one_office",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.office}"

    @property
    def office(self) -> Place | Organisation:
        office = self.place or self.organisation
        assert office is not None
        return office


class VerificationRequest(models.Model):
    """A user's claim to represent a place's local authority, decided by platform staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="verification_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verification_requests")
    position = models.CharField(max_length=200, help_text="The requester's office, e.g. international relations")
    evidence = models.TextField(help_text="How staff can check the claim: official address, web page, phone")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["place"], condition=Q(status="approved"), name="one_approved_verification_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.place} ({self.status})"


class AccessToken(models.Model):
    """A personal access token for the API: scoped, revocable, only its hash stored."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to recognise it")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Preferences(models.Model):
    """What a user chose for themselves: the language of the emails sent without a request
    (daily reminders, messages of conversations), remembered from the language switcher."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, blank=True)

    def __str__(self) -> str:
        return f"{self.user} · {self.language or '-'}"
