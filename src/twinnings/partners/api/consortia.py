"""Consortia in the API: /api/v1/places/{id}/consortium."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from twinnings.core.schemas import ERRORS
from twinnings.matching.consortium import ConsortiumRules
from twinnings.partners import consortia
from twinnings.partners.schemas import ConsortiumListOut, place_ref
from twinnings.places.api import PlaceId
from twinnings.places.models import Place

router = Router(tags=["partners"])


class ConsortiumQuery(Schema):
    max_size: int = Field(6, ge=4, le=6, description="Largest group (4–6 places)")
    min_countries: int = Field(4, ge=4, le=6, description="Fewest countries in a group (4–6)")
    limit: int = Field(5, ge=1, le=10, description="How many groups (1–10)")

    def rules(self) -> ConsortiumRules:
        return ConsortiumRules(
            min_size=max(4, self.min_countries),
            max_size=max(self.max_size, self.min_countries),
            min_countries=self.min_countries,
            limit=self.limit,
        )


@router.get(
    "/places/{id}/consortium",
    response={200: ConsortiumListOut, **ERRORS},
    summary="Consortia for a networks-of-towns application",
)
def list_consortia(request: HttpRequest, id: PlaceId, query: Query[ConsortiumQuery]) -> dict[str, Any]:
    """Groups of 4–6 places in at least 4 countries around this place, held together by existing
    twinnings and the partner finder's strongest recommendations, with every link between members."""
    place = get_object_or_404(Place.objects.select_related("country"), pk=id)
    groups = consortia.consortium_data(consortia.suggest(place, query.rules()))
    return {"place": place_ref(place), "count": len(groups), "groups": groups}
