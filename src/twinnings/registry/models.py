"""The public registry: twinnings between places, the sources that attest them, and what
an import could not resolve."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from twinnings.places.models import Place


class Source(models.Model):
    """A dataset of twinnings (a Wikipedia compilation, a Wikidata extract, the platform itself)."""

    name = models.SlugField(max_length=50, unique=True)
    title = models.CharField(max_length=200)
    year = models.PositiveIntegerField(null=True, blank=True)
    licence = models.CharField(max_length=100, blank=True)
    url = models.URLField(blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0, help_text="Distinct undirected pairs in the source")
    pairs_resolved = models.PositiveIntegerField(default=0)
    unresolved = models.PositiveIntegerField(default=0, help_text="Rows left in the import report")
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.title


class Twinning(models.Model):
    """The public fact that two places are twinned: one undirected pair (place_a.id < place_b.id)."""

    class Kind(models.TextChoices):
        TWIN_TOWN = "twin_town", _("twin town")
        SISTER_CITY = "sister_city", _("sister city")
        PARTNER_CITY = "partner_city", _("partner city")
        FRIENDSHIP = "friendship", _("friendship")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        DORMANT = "dormant", _("dormant")
        SUSPENDED = "suspended", _("suspended")
        ENDED = "ended", _("ended")

    place_a = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="twinnings_as_a")
    place_b = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="twinnings_as_b")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TWIN_TOWN)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    distance_km = models.FloatField(default=0)
    sources: "models.ManyToManyField[Source, Attestation]" = models.ManyToManyField(
        Source, through="Attestation", related_name="twinnings"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["place_a", "place_b"], name="unique_twinning_pair"),
            models.CheckConstraint(condition=Q(place_a__lt=F("place_b")), name="twinning_pair_ordered"),
        ]
        indexes = [models.Index(fields=["place_b"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.place_a} – {self.place_b}"

    def partner_of(self, place_id: int) -> Place:
        return self.place_b if self.place_a_id == place_id else self.place_a


class Attestation(models.Model):
    """One source row that attests a twinning (both directions of a pair may each attest it)."""

    twinning = models.ForeignKey(Twinning, on_delete=models.CASCADE, related_name="attestations")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="attestations")
    file = models.CharField(max_length=200, help_text="File of the source, relative to the data directory")
    line = models.PositiveIntegerField(help_text="Line number in the source file")
    raw = models.JSONField(help_text="The original row")
    coordinates_flagged = models.BooleanField(
        default=False, help_text="The source's coordinates lie more than 150 km from the resolved place"
    )

    class Meta:
        ordering = ["source", "line"]
        constraints = [
            models.UniqueConstraint(fields=["source", "file", "line", "twinning"], name="unique_attestation_row"),
        ]

    def __str__(self) -> str:
        return f"{self.source.name}:{self.line}"


class UnresolvedRow(models.Model):
    """A source row the import could not turn into a twinning, with the reason."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="unresolved_rows")
    file = models.CharField(max_length=200)
    line = models.PositiveIntegerField()
    raw = models.JSONField()
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["source", "file", "line"]

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.reason}"
