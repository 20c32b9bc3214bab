"""Partner recommendations in the API: /api/v1/places/{id}/recommendations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from twinnings.core.schemas import ERRORS
from twinnings.matching.ranker import InvalidFilters
from twinnings.partners import services
from twinnings.partners.filters import RecommendationQuery
from twinnings.partners.schemas import RecommendationListOut
from twinnings.places.api import PlaceId
from twinnings.places.models import Place

router = Router()


@router.get(
    "/places/{id}/recommendations",
    response={200: RecommendationListOut, **ERRORS},
    tags=["partners"],
    summary="Recommended partners for a place",
)
def list_recommendations(request: HttpRequest, id: PlaceId, filters: Query[RecommendationQuery]) -> dict[str, Any]:
    """Every place of the gazetteer ranked as a new partner for this one, best first, with the
    reasons for each; the place's existing twins are left out unless `include_twins=true`."""
    place = Place.objects.select_related("country").filter(pk=id).first()
    if place is None:
        raise HttpError(404, f"No place with id {id}")
    try:
        results = services.recommend(place, filters.to_filters(), filters.limit)
    except InvalidFilters as error:
        raise HttpError(400, str(error)) from error
    items = [services.recommendation_data(r) for r in results]
    return {
        "place": {"id": place.pk, "name": place.name, "country": place.country_id},
        "count": len(items),
        "items": items,
    }
