"""An agreement and its content (parties, organisations, commitments, resources, clauses),
its immutable versions, and the approvals and signatures given to a version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse

from twinnings.accounts.models import Organisation
from twinnings.agreements.choices import OrganisationRole, Status
from twinnings.places.models import Place


class Agreement(models.Model):
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", help_text="The party that drafted the agreement"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    amendment_stage = models.CharField(
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text="For an agreement in force: the stage of the amendment being negotiated",
    )
    status_reason = models.TextField(blank=True, help_text="Why it was last suspended or ended")
    status_date = models.DateField(null=True, blank=True, help_text="When it was last suspended, ended or revived")
    areas = models.JSONField(default=list, blank=True)
    objectives = models.TextField(blank=True)
    languages = models.JSONField(default=list, help_text="ISO 639-1 codes of the texts, in order")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Empty for an open-ended agreement")
    review_date = models.DateField(null=True, blank=True)
    renewal_terms = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=1, help_text="Raised by every edit (stale edits are refused)")
    current_version = models.ForeignKey(
        "AgreementVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_version = models.ForeignKey(
        "AgreementVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True, help_text="When it reached the public registry")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])

    @property
    def stage(self) -> str:
        """The stage of the text under negotiation: the status, or for an agreement in force its amendment's."""
        return self.amendment_stage or self.status


class Party(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="agreement_parties")
    responsibilities = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "parties"
        constraints = [models.UniqueConstraint(fields=["agreement", "place"], name="unique_party_place")]

    def __str__(self) -> str:
        return self.place.name


class AssociatedOrganisation(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="organisations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreements")
    role = models.CharField(max_length=20, choices=OrganisationRole.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="unique_agreement_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class Commitment(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="commitments")
    description = models.TextField()
    due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class ResourceAllocation(models.Model):
    """What a party puts in for a year: an amount in an ISO 4217 currency, or a description in kind."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="resources")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="resources")
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    in_kind = models.TextField(blank=True)

    class Meta:
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=False, amount__gte=0) & ~Q(currency="")
                | (Q(amount__isnull=True) & ~Q(in_kind="")),
                name="resource_amount_or_in_kind",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.year}: {self.amount} {self.currency}"
            if self.amount is not None
            else f"{self.year}: {self.in_kind[:60]}"
        )


class Clause(models.Model):
    """A clause written side by side: its text in each of the agreement's languages."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveSmallIntegerField()
    texts = models.JSONField(default=dict, help_text="Language code -> text")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"§{self.position}"

    def text(self, language: str) -> str:
        return str(self.texts.get(language, ""))


class ImmutableModel(models.Model):
    """Written once: saving again or deleting is refused."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} is immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{type(self).__name__} is immutable")


class AgreementVersion(ImmutableModel):
    """A proposal's content, frozen: what councils approve and signatories sign, identified by its hash."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    hash = models.CharField(max_length=64, help_text="SHA-256 of the content's canonical JSON")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="unique_version_number")]

    def __str__(self) -> str:
        return f"v{self.number}"


class Approval(ImmutableModel):
    """A party's council approved a version (resolution reference and date)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="approvals")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="approvals")
    resolution_reference = models.CharField(max_length=200)
    resolution_date = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["version", "party"], name="unique_approval_per_party")]

    def __str__(self) -> str:
        return f"{self.party} approved {self.version}"


class Signature(ImmutableModel):
    """A party's signatory signed a version: who, when, and the hash of what they signed."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signer_name = models.CharField(max_length=150)
    signed_at = models.DateTimeField(auto_now_add=True)
    version_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["version", "party"], name="unique_signature_per_party")]

    def __str__(self) -> str:
        return f"{self.signer_name} for {self.party}"


class AttachmentStorage(FileSystemStorage):
    """Files kept outside the web root (TWINNINGS_ATTACHMENTS_DIR), served only through a permission check.
    The folder is read from the settings at each use, so tests and deployments can move it.
    Files and folders are readable by the service's user only (Django would make files 0644)."""

    def __init__(self) -> None:
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self) -> str:
        return str(settings.ATTACHMENTS_DIR)

    @property
    def location(self) -> str:
        return str(Path(settings.ATTACHMENTS_DIR).resolve())


def attachment_storage() -> FileSystemStorage:
    return AttachmentStorage()


class Attachment(models.Model):
    """A scan of the signed paper, council minutes…: a PDF or an image, checked by its content."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=attachment_storage, max_length=200)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
