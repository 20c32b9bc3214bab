"""The challenges panel in the API: /api/v1/challenges?a=…&b=…"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from pydantic import BeforeValidator

from twinnings.challenges import services
from twinnings.challenges.schemas import ChallengesOut
from twinnings.core.schemas import ERRORS, MAX_ID

router = Router()


def _digits(value: object) -> object:
    """Ids are written in ASCII digits: no "1.0" or "1_000" that int parsing would accept."""
    if isinstance(value, str) and not (value.isascii() and value.isdecimal()):
        raise ValueError("expected a whole number written in digits")
    return value


PlaceIdParam = Annotated[int, BeforeValidator(_digits)]


class ChallengesQuery(Schema):
    a: PlaceIdParam = Field(ge=1, le=MAX_ID, description="The first place's id")
    b: PlaceIdParam = Field(ge=1, le=MAX_ID, description="The second place's id")
    start: str | None = Field(None, description="First day of the holiday comparison (YYYY-MM-DD); default today")
    end: str | None = Field(
        None, description="Last day (YYYY-MM-DD), at most a year after start; default start + 89 days"
    )


@router.get("/challenges", response={200: ChallengesOut, **ERRORS}, tags=["challenges"], summary="Challenges of a pair")
def get_challenges(request: HttpRequest, query: Query[ChallengesQuery]) -> dict[str, Any]:
    """What makes working together hard for two places: official languages, time difference and
    office-hour overlap (with daylight-saving changes in the coming year), distance, travel time and
    CO₂e per participant by mode, and both countries' public holidays in the period."""
    a, b = services.get_place(query.a), services.get_place(query.b)
    panel = services.panel_for(a, b, query.start, query.end, get_language() or "en")
    return services.panel_data(panel)
