"""The partner finder's and the notices board's filters, one definition each for the API, the page
and its JSON."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from ninja import Field, Schema

from twinnings.agreements.choices import Area
from twinnings.core.schemas import MAX_ID
from twinnings.matching.network import KINDS
from twinnings.matching.ranker import Filters, InvalidFilters
from twinnings.partners.models import PartnerNotice

MAX_RECOMMENDATIONS = 100
MAX_POPULATION = 10**10
_CODES = re.compile(r"^[A-Za-z]{2}(,[A-Za-z]{2})*$")
_LANGUAGES = re.compile(r"^[A-Za-z]{2,3}(,[A-Za-z]{2,3})*$")


def _split(value: str | None, pattern: re.Pattern[str], what: str) -> list[str]:
    value = (value or "").replace(" ", "")
    if not value:
        return []
    if not pattern.match(value):
        raise InvalidFilters(f"{what}: expected comma-separated codes, got {value[:50]!r}")
    return value.split(",")


class RecommendationQuery(Schema):
    limit: int = Field(10, ge=1, le=MAX_RECOMMENDATIONS, description=f"How many partners (1–{MAX_RECOMMENDATIONS})")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 codes, comma-separated (FR,DE)")
    language: str | None = Field(None, description="ISO 639 codes of official languages, comma-separated")
    kind: str | None = Field(None, description="city, region or area, comma-separated")
    min_population: int | None = Field(None, ge=0, le=MAX_POPULATION)
    max_population: int | None = Field(None, ge=0, le=MAX_POPULATION)
    max_km: float | None = Field(None, gt=0, le=25_000, description="Maximum distance in kilometres")
    include_twins: bool = Field(False, description="Also list the place's existing twins")

    def to_filters(self) -> Filters:
        kinds = [k for k in (self.kind or "").replace(" ", "").lower().split(",") if k]
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise InvalidFilters(f"kind: unknown kind {unknown[0][:20]!r} (expected {', '.join(KINDS)})")
        filters = Filters(
            countries=[c.upper() for c in _split(self.country, _CODES, "country")],
            languages=[c.lower() for c in _split(self.language, _LANGUAGES, "language")],
            kinds=kinds,
            min_population=self.min_population,
            max_population=self.max_population,
            max_km=self.max_km,
            exclude_twins=not self.include_twins,
        )
        filters.check()
        return filters


class NoticeQuery(Schema):
    """The notices board's filters: one definition for the page, its JSON twin and the API."""

    area: str | None = Field(None, description=f"An area of cooperation the notice names ({', '.join(Area.values)})")
    country: str | None = Field(None, description="ISO 3166-1 code of the publishing place's country")
    seeking: str | None = Field(None, description="ISO 3166-1 code of a country the notice seeks")
    language: str | None = Field(None, description="ISO 639 code of a language the notice seeks")
    place: int | None = Field(None, ge=1, le=MAX_ID, description="Id of the publishing place")

    def cleaned(self) -> dict[str, str | int]:
        """The filters that are set, normalised; InvalidFilters names the first bad one."""
        values: dict[str, str | int] = {}
        if self.area:
            if self.area not in Area.values:
                raise InvalidFilters(
                    f"area: unknown area {self.area[:30]!r} (expected one of {', '.join(Area.values)})"
                )
            values["area"] = self.area
        for name in ("country", "seeking"):
            code = (getattr(self, name) or "").strip()
            if code:
                if not re.fullmatch(r"[A-Za-z]{2}", code):
                    raise InvalidFilters(f"{name}: expected an ISO 3166-1 code such as FR, got {code[:30]!r}")
                values[name] = code.upper()
        if self.language:
            if not re.fullmatch(r"[A-Za-z]{2,3}", self.language.strip()):
                raise InvalidFilters(f"language: expected an ISO 639 code such as fr, got {self.language[:30]!r}")
            values["language"] = self.language.strip().lower()
        if self.place:
            values["place"] = self.place
        return values

    def apply(self, notices: QuerySet[PartnerNotice]) -> QuerySet[PartnerNotice]:
        """Codes sit in JSON lists, matched with their quotes so `culture` never matches `agriculture`."""
        values = self.cleaned()
        if "area" in values:
            notices = notices.filter(areas__icontains=f'"{values["area"]}"')
        if "country" in values:
            notices = notices.filter(place__country_id=values["country"])
        if "seeking" in values:
            notices = notices.filter(countries__icontains=f'"{values["seeking"]}"')
        if "language" in values:
            notices = notices.filter(languages__icontains=f'"{values["language"]}"')
        if "place" in values:
            notices = notices.filter(place_id=values["place"])
        return notices
