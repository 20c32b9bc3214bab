"""Partner-search notices and the conversations they start.

A verified place's office publishes a `PartnerNotice` (what partner it seeks, until when); another
place's office answers with an expression of interest, which opens a `Conversation` between the
two offices (one per notice and interested place) made of `Message`s. A conversation can become a
draft agreement between the two places.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twinnings.places.models import Place


class NoticeQuerySet(models.QuerySet["PartnerNotice"]):
    def published(self) -> NoticeQuerySet:
        """Notices anyone may read and answer: not withdrawn, valid until today or later."""
        return self.filter(status=PartnerNotice.Status.PUBLISHED, valid_until__gte=timezone.localdate())


class PartnerNotice(models.Model):
    """A place's public search for a partner: the areas of cooperation, where and what size of
    place it seeks, the languages it hopes to share, in its own words."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="partner_notices")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    areas = models.JSONField(default=list, help_text="Areas of cooperation (agreements' Area codes)")
    countries = models.JSONField(default=list, blank=True, help_text="ISO 3166-1 codes sought; none: any")
    regions = models.JSONField(default=list, blank=True, help_text="Ids of the regions (places) sought")
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639 codes the partner should speak")
    min_population = models.PositiveBigIntegerField(null=True, blank=True)
    max_population = models.PositiveBigIntegerField(null=True, blank=True)
    valid_until = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "valid_until"], name="notice_published")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_population__isnull=True)
                | Q(max_population__isnull=True)
                | Q(min_population__lte=models.F("max_population")),
                name="notice_population_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:notice", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Published and not expired: it can be answered."""
        return self.status == self.Status.PUBLISHED and self.valid_until >= timezone.localdate()

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()


class Conversation(models.Model):
    """The exchange between a notice's office and one interested place's office."""

    notice = models.ForeignKey(PartnerNotice, on_delete=models.CASCADE, related_name="conversations")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="partner_conversations", help_text="The interested place"
    )
    agreement = models.OneToOneField(
        "agreements.Agreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversation",
        help_text="The draft agreement the conversation became",
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "place"], name="one_conversation_per_notice_and_place"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} · {self.place.name}"

    def get_absolute_url(self) -> str:
        return reverse("partners:conversation", args=[self.pk])


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", help_text="The office the message speaks for"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]


class ReadMarker(models.Model):
    """The last message of a conversation a user has read (messages after it are unread)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="read_markers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read = models.PositiveBigIntegerField(default=0, help_text="Id of the last message read")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_read_marker_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.conversation} up to {self.last_read}"
