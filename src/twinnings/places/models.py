"""The gazetteer: countries, regions (GeoNames admin-1) and places (GeoNames cities500)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from twinnings.core.links import reverse_one


class Country(models.Model):
    code = models.CharField(max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2")
    iso3 = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=200)
    continent = models.CharField(max_length=2, blank=True)
    population = models.BigIntegerField(default=0)
    languages = models.CharField(max_length=200, blank=True, help_text="Official languages, ISO 639 codes")
    names = models.JSONField(default=dict, help_text="Country name per UI language")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_one("places:country", self.code)

    def localized_name(self, language: str) -> str:
        return str(self.names.get(language[:2], self.name))

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class Place(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("town or city")
        REGION = "region", _("region")
        AREA = "area", _("municipality or district")  # a local authority the gazetteer lacks

    geonames_id = models.BigIntegerField(null=True, blank=True, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CITY)
    name = models.CharField(max_length=200)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="places")
    admin1_code = models.CharField(max_length=20, blank=True)
    region = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        limit_choices_to={"kind": "region"},
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.BigIntegerField(default=0)
    timezone = models.CharField(max_length=60, blank=True)
    twin_count = models.PositiveIntegerField(default=0, help_text="Denormalised: twinnings in the registry")
    created_from = models.CharField(
        max_length=50, blank=True, help_text="For areas: the source whose name and coordinates created the place"
    )

    class Meta:
        ordering = ["-population", "name"]
        indexes = [
            models.Index(fields=["country", "-population"]),
            models.Index(fields=["-twin_count"]),
            # a country's most twinned places, and the twinned places of each country from the index alone
            models.Index(fields=["country", "-twin_count"], name="place_country_twins"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "admin1_code"],
                condition=models.Q(kind="region"),
                name="unique_region_per_admin1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"

    def get_absolute_url(self) -> str:
        return reverse_one("places:detail", self.pk)

    @property
    def region_name(self) -> str:
        return self.region.name if self.region_id and self.region else ""


class PlaceName(models.Model):
    """Every name of a place (primary and alternates, all scripts), keyed for search."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200)
    is_primary = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["key"], name="placename_key", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["place", "key"], name="unique_placename_key"),
        ]

    def __str__(self) -> str:
        return self.name
