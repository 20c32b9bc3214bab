"""Read API of the gazetteer: places, a place's twinnings, countries."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import NoReverseMatch
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BeforeValidator

from twinnings.core.schemas import ERRORS, MAX_ID, Page
from twinnings.places.models import Country, Place
from twinnings.places.schemas import (
    CountryDetailOut,
    CountryListOut,
    PlaceDetailOut,
    PlaceListOut,
    country_data,
    place_data,
    place_detail_data,
)
from twinnings.places.services import alternate_names
from twinnings.registry.figures import twinnings_per_country
from twinnings.registry.filters import PlaceFilter
from twinnings.registry.schemas import TwinListOut, twin_data
from twinnings.registry.services import (
    cached_for_registry,
    country_figures,
    country_pairs,
    partner_countries,
    twins_of,
)

router = Router()

MAX_NAMES = 100
MAX_PARTNER_COUNTRIES = 20


def _digits(value: object) -> object:
    """Ids are written in ASCII digits: no "1.0", "1e3" or "１２" that int parsing would accept."""
    if isinstance(value, str) and not (value.isascii() and value.isdecimal()):
        raise ValueError("expected a whole number written in digits")
    return value


PlaceId = Annotated[int, BeforeValidator(_digits), Path(ge=1, le=MAX_ID, description="The place's id in Twinnings")]
CountryCode = Annotated[str, Path(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code")]


class PlaceQuery(Schema):
    q: str | None = Field(None, description="Start of a name in any language or script (first 200 characters)")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code")
    geonames_id: str | None = Field(None, description="GeoNames id")
    kind: str | None = Field(None, description="city or region")
    twinned: str | None = Field(None, description="true: only places with twinnings; false: only without")


def _place(place_id: int) -> Place:
    place = Place.objects.select_related("country", "region").filter(pk=place_id).first()
    if place is None:
        raise HttpError(404, f"No place with id {place_id}")
    return place


def _country(code: str) -> Country:
    country = Country.objects.filter(pk=code.upper()).first()
    if country is None:
        raise HttpError(404, f"No country with code {code.upper()}")
    return country


def _page_url(request: HttpRequest, place: Place) -> str:
    try:
        path = place.get_absolute_url()
    except NoReverseMatch:  # the directory is not mounted (API-only deployment)
        path = f"/places/{place.pk}/"
    return request.build_absolute_uri(path)


@router.get("/places", response={200: PlaceListOut, **ERRORS}, tags=["places"], summary="Search places")
def list_places(request: HttpRequest, filters: Query[PlaceQuery], page: Query[Page]) -> dict[str, Any]:
    """Places of the gazetteer, most twinned and most populous first when searching by name,
    most populous first otherwise."""
    place_filter = PlaceFilter.from_query(filters.dict(exclude_none=True))
    places = place_filter.apply(Place.objects.all())
    ordering = ["-twin_count", "-population", "name", "id"] if place_filter.q else ["-population", "name", "id"]
    items = places.order_by(*ordering)[page.offset : page.offset + page.limit]
    return {"count": places.count(), "items": [place_data(p) for p in items]}


@router.get("/places/{id}", response={200: PlaceDetailOut, **ERRORS}, tags=["places"], summary="A place")
def get_place(request: HttpRequest, id: PlaceId) -> dict[str, Any]:
    place = _place(id)
    return place_detail_data(place, alternate_names(place, limit=MAX_NAMES), _page_url(request, place))


@router.get(
    "/places/{id}/twinnings", response={200: TwinListOut, **ERRORS}, tags=["places"], summary="A place's twinnings"
)
def list_place_twinnings(request: HttpRequest, id: PlaceId, page: Query[Page]) -> dict[str, Any]:
    """The place's twins, by partner country and name."""
    place = _place(id)
    items = cached_for_registry(f"api:place-twins:{place.pk}", lambda: [twin_data(r) for r in twins_of(place)])
    return {"count": len(items), "items": page.slice(items)}


@router.get("/countries", response={200: CountryListOut, **ERRORS}, tags=["countries"], summary="All countries")
def list_countries(request: HttpRequest) -> dict[str, Any]:
    """Every country of the gazetteer (about 250, not paginated), by English name."""
    twinnings = twinnings_per_country(country_pairs())
    items = [country_data(c, twinnings.get(c.code, 0)) for c in Country.objects.order_by("name", "code")]
    return {"count": len(items), "items": items}


@router.get("/countries/{code}", response={200: CountryDetailOut, **ERRORS}, tags=["countries"], summary="A country")
def get_country(request: HttpRequest, code: CountryCode) -> dict[str, Any]:
    country = _country(code)
    figures = country_figures(country.code)
    partners = [
        {"code": c.code, "name": c.name, "twinnings": n}
        for c, n in partner_countries(country.code, limit=MAX_PARTNER_COUNTRIES + 1)
        if c.code != country.code
    ][:MAX_PARTNER_COUNTRIES]
    return {
        **country_data(country, figures.twinnings),
        "places": figures.places,
        "twinned_places": figures.twinned_places,
        "domestic_twinnings": figures.domestic,
        "partner_countries": partners,
    }
