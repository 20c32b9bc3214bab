"""What the directory's home page, country pages and filter forms show of the registry,
computed once and cached until the registry changes (`cached_for_registry`)."""

from __future__ import annotations

from dataclasses import dataclass

from twinnings.places.models import Country, Place
from twinnings.places.services import most_twinned
from twinnings.registry import services as registry

HOME_PLACES = 10
HOME_COUNTRIES = 10
COUNTRY_PLACES = 12


@dataclass(frozen=True)
class HomeOverview:
    stats: registry.Stats
    top_places: list[Place]
    top_countries: list[registry.CountryRow]


@dataclass(frozen=True)
class CountryOverview:
    figures: registry.CountryFigures
    partners: list[tuple[Country, int]]
    top_places: list[Place]


def home_overview() -> HomeOverview:
    def read() -> HomeOverview:
        countries = countries_overview()[:HOME_COUNTRIES]
        return HomeOverview(registry.stats(), most_twinned(HOME_PLACES), countries)

    return registry.cached_for_registry("home", read)


def countries_overview() -> list[registry.CountryRow]:
    return registry.cached_for_registry("countries-overview", registry.countries_overview)


def country_overview(code: str) -> CountryOverview:
    def read() -> CountryOverview:
        return CountryOverview(
            registry.country_figures(code),
            registry.partner_countries(code),
            most_twinned(COUNTRY_PLACES, country=code),
        )

    return registry.cached_for_registry(f"country:{code}", read)


def country_choices(language: str) -> list[tuple[str, str]]:
    """(code, name) of every country, by name in `language` (the filter forms' options)."""

    def read() -> list[tuple[str, str]]:
        countries = Country.objects.only("code", "name", "names")
        return sorted(((c.code, c.localized_name(language)) for c in countries), key=lambda item: item[1])

    return registry.cached_for_registry(f"country-choices:{language}", read)
