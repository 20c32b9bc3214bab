"""The partner finder's filters, one definition for the API, the page and its JSON."""

from __future__ import annotations

import re

from ninja import Field, Schema

from twinnings.matching.network import KINDS
from twinnings.matching.ranker import Filters, InvalidFilters

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
