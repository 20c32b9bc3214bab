"""What happens under an agreement: activities and their participants, the budget spent against
the resources the parties allocated, outcome indicators, calendar feeds and reminder digests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from twinnings.accounts.models import Organisation
from twinnings.agreements.choices import Area
from twinnings.agreements.models import Agreement, Party, ResourceAllocation
from twinnings.places.models import Country, Place
from twinnings.programme.choices import ActivityStatus, ActivityType, AgeBand, IndicatorKind


class Activity(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="activities")
    area = models.CharField(max_length=20, choices=Area.choices)
    type = models.CharField(max_length=30, choices=ActivityType.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    host_place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="hosted_activities")
    venue = models.CharField(max_length=200, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="activities")
    status = models.CharField(max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)
    revision = models.PositiveIntegerField(default=1, help_text="Raised by every edit (stale edits are refused)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["agreement", "start_date"]), models.Index(fields=["start_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="activity_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:activity", args=[self.agreement_id, self.pk])


class ParticipantGroup(models.Model):
    """How many took part from one town (or, without a town, one country): invited or local, by age band."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participant_groups")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    invited = models.BooleanField(help_text="Invited from elsewhere (guests), as opposed to local participants")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-invited", "country_id", "place_id", "age_band", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "place", "invited", "age_band"],
                condition=Q(place__isnull=False),
                name="unique_participant_group_place",
            ),
            models.UniqueConstraint(
                fields=["activity", "country", "invited", "age_band"],
                condition=Q(place__isnull=True),
                name="unique_participant_group_country",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.count} from {self.place or self.country}"


class Participant(models.Model):
    """A named participant, recorded only with their explicit consent. Erasing one leaves the counts:
    recording a person also counted them in the matching group, and erasure removes only the person."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=100, blank=True, help_text="e.g. pupil, teacher, musician")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    invited = models.BooleanField()
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    consent_at = models.DateTimeField(help_text="When the person (or their guardian) consented to be listed")
    consent_note = models.CharField(max_length=300, blank=True, help_text="How consent was given")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return f"participant #{self.pk}"  # never the name: this string reaches the audit log


class BudgetLine(models.Model):
    """Money a party plans to spend and has spent, in its own currency, against its allocation for the year."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="budget_lines")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="budget_lines")
    allocation = models.ForeignKey(
        ResourceAllocation, null=True, blank=True, on_delete=models.SET_NULL, related_name="budget_lines"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=200)
    currency = models.CharField(max_length=3)
    planned = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    spent = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "party__position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(planned__gte=0) & Q(spent__gte=0), name="budget_line_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.description[:60]}"


class Indicator(models.Model):
    """An outcome with a target for a year; counted ones (participants, events…) take their actual
    value from the activities held, the others are typed in."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(max_length=30, choices=IndicatorKind.choices)
    name = models.CharField(max_length=100, blank=True, help_text="For a custom indicator")
    unit = models.CharField(max_length=30, blank=True, help_text="A currency code for money, else free text")
    year = models.PositiveSmallIntegerField()
    target = models.DecimalField(max_digits=16, decimal_places=2)
    actual = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, help_text="Typed in; ignored for counted kinds"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind", "name", "year"], name="unique_indicator_per_year"),
            models.CheckConstraint(
                condition=Q(target__gte=0) & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="indicator_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.get_kind_display()} {self.year}"


class CalendarFeed(models.Model):
    """A secret iCalendar address for one agreement's or one place's activities. Only the token's
    hash is kept; the feed answers only while its owner may still see what it lists."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    agreement = models.ForeignKey(Agreement, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=False, place__isnull=True)
                | Q(agreement__isnull=True, place__isnull=False),
                name="calendar_feed_one_scope",
            )
        ]

    def __str__(self) -> str:
        return f"calendar of {self.agreement or self.place}"


class ReminderDigest(models.Model):
    """One reminder email per user and day: the daily job can run twice without mailing twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.JSONField(default=list)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="unique_reminder_per_day")]

    def __str__(self) -> str:
        return f"reminders of {self.day}"
