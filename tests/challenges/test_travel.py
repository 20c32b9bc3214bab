"""Distance, door-to-door time and CO₂e by mode, and land routes, for real pairs of towns."""

from __future__ import annotations

import pytest

from twinnings.challenges.travel import AIR, LONG_HAUL_FROM_KM, RAIL, journey, landmass, plan_travel

COLOGNE = (50.93333, 6.95)
LYON = (45.74846, 4.84671)
NEW_YORK = (40.71427, -74.00597)
DUSSELDORF = (51.22172, 6.77616)
TOKYO = (35.6895, 139.69171)


def modes(result: object) -> dict[str, object]:
    return {j.mode: j for j in result.journeys}  # type: ignore[attr-defined]


def test_cologne_lyon_is_about_600_km_as_the_crow_flies_and_rail_is_suggested() -> None:
    result = plan_travel(COLOGNE, LYON, "EU", "EU")

    assert result.distance_km == pytest.approx(597, abs=3)  # 50.93°N 6.95°E to 45.75°N 4.85°E
    assert result.land_route is True
    assert set(modes(result)) == {"rail", "coach", "air"}
    rail, air = modes(result)["rail"], modes(result)["air"]
    assert rail.route_km == pytest.approx(597 * RAIL.detour, abs=5)  # type: ignore[attr-defined]
    assert 7 <= rail.hours <= 8  # type: ignore[attr-defined]
    assert rail.kg_co2e < air.kg_co2e / 3  # type: ignore[attr-defined]
    assert result.suggested == "rail"


def test_cologne_new_york_has_no_land_route_and_flies_long_haul() -> None:
    result = plan_travel(COLOGNE, NEW_YORK, "EU", "NA")

    assert result.distance_km == pytest.approx(6054, abs=10)
    assert result.land_route is False
    assert list(modes(result)) == ["air"]
    air = modes(result)["air"]
    assert air.kg_per_pkm == AIR.kg_per_pkm_long  # type: ignore[attr-defined]
    assert air.kg_co2e == pytest.approx(6054 * AIR.detour * AIR.kg_per_pkm_long, rel=0.01)  # type: ignore[attr-defined,operator]
    assert result.suggested == "air"


def test_neighbours_go_by_rail_and_are_not_offered_a_flight() -> None:
    result = plan_travel(COLOGNE, DUSSELDORF, "EU", "EU")

    assert result.distance_km < 40
    assert set(modes(result)) == {"rail", "coach"}
    assert result.suggested == "rail"


def test_europe_and_asia_are_one_landmass_but_too_far_for_a_train() -> None:
    result = plan_travel(COLOGNE, TOKYO, "EU", "AS")

    assert landmass("EU") == landmass("AS") == "Eurasia"
    assert result.land_route is True
    assert list(modes(result)) == ["air"]  # over 3,000 km: rail and coach are not offered


def test_an_unknown_continent_leaves_the_land_route_open() -> None:
    result = plan_travel(COLOGNE, LYON, "EU", "")

    assert result.land_route is None
    assert list(modes(result)) == ["air"]


def test_short_and_long_haul_factors_split_at_3700_km() -> None:
    short = journey(AIR, (LONG_HAUL_FROM_KM - 10) / AIR.detour)
    long = journey(AIR, (LONG_HAUL_FROM_KM + 10) / AIR.detour)

    assert short.kg_per_pkm == AIR.kg_per_pkm
    assert long.kg_per_pkm == AIR.kg_per_pkm_long
    assert long.kg_co2e > short.kg_co2e
    assert short.hours > AIR.overhead_hours + 3600 / AIR.speed_kmh
