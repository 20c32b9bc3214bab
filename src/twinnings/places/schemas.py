"""API shapes of the gazetteer (places and countries), and the functions that fill them."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from twinnings.places.models import Country, Place


class PlaceOut(Schema):
    id: int
    geonames_id: int | None = Field(description="GeoNames id (regions have none)")
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")
    kind: str = Field(description="city or region")
    population: int
    lat: float
    lon: float


class PlaceListOut(Schema):
    count: int = Field(description="Places matching the filter, all pages together")
    items: list[PlaceOut]


class RegionRef(Schema):
    id: int
    name: str


class PlaceDetailOut(PlaceOut):
    country_name: str
    region: RegionRef | None = Field(description="The admin-1 region the place lies in")
    admin1_code: str
    timezone: str
    alternate_names: list[str] = Field(description="Other names in any language or script (at most 100)")
    twin_count: int = Field(description="Twinnings in the registry")
    url: str = Field(description="The place's page in the directory")


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2")
    iso3: str
    name: str
    continent: str
    population: int
    languages: list[str] = Field(description="Official languages, ISO 639 codes")
    names: dict[str, str] = Field(description="Country name per UI language")
    twinnings: int = Field(description="Twinnings with at least one place in the country")


class CountryListOut(Schema):
    count: int
    items: list[CountryOut]


class PartnerCountryOut(Schema):
    code: str
    name: str
    twinnings: int


class CountryDetailOut(CountryOut):
    places: int = Field(description="Places of the gazetteer in the country")
    twinned_places: int
    domestic_twinnings: int = Field(description="Twinnings between two places of the country")
    partner_countries: list[PartnerCountryOut] = Field(description="Top 20 partner countries, most twinnings first")


def place_data(place: Place) -> dict[str, Any]:
    return {
        "id": place.pk,
        "geonames_id": place.geonames_id,
        "name": place.name,
        "country": place.country_id,
        "kind": place.kind,
        "population": place.population,
        "lat": place.latitude,
        "lon": place.longitude,
    }


def place_detail_data(place: Place, alternate_names: list[str], url: str) -> dict[str, Any]:
    """`place` with its country and region loaded."""
    region = {"id": place.region.pk, "name": place.region.name} if place.region else None
    return {
        **place_data(place),
        "country_name": place.country.name,
        "region": region,
        "admin1_code": place.admin1_code,
        "timezone": place.timezone,
        "alternate_names": alternate_names,
        "twin_count": place.twin_count,
        "url": url,
    }


def country_data(country: Country, twinnings: int) -> dict[str, Any]:
    return {
        "code": country.code,
        "iso3": country.iso3,
        "name": country.name,
        "continent": country.continent,
        "population": country.population,
        "languages": country.language_list,
        "names": {k: str(v) for k, v in country.names.items()},
        "twinnings": twinnings,
    }
