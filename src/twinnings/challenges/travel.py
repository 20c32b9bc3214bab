"""Getting there: great-circle distance, a rough door-to-door time and CO₂e per participant by mode,
and whether a land route is plausible (pure, no Django).

The model is deliberately simple and stated on every page that shows it:
route length = great-circle distance × detour factor; time = fixed overhead (to and from the station
or airport, check-in, waiting) + route length / average speed; emissions = route length × the UK
government's conversion factor for the mode, per passenger-km.
"""

from __future__ import annotations

from dataclasses import dataclass

from twinnings.registry.gazetteer_index import distance_km

EMISSIONS_SOURCE = (
    "UK Government GHG Conversion Factors for Company Reporting 2024 (DESNZ), business travel, "
    "kg CO₂e per passenger-km; flights in economy class with radiative forcing"
)
EMISSIONS_SOURCE_URL = "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024"

LONG_HAUL_FROM_KM = 3700  # DESNZ: flights over 3,700 km are long-haul
LAND_MAX_KM = 3000  # beyond this (great-circle) rail and coach are not offered
AIR_MIN_KM = 400  # below this flying is not offered
RAIL_PREFERRED_HOURS = 8.0  # rail is suggested when its door-to-door time is within a working day

# Continents as GeoNames codes them; Europe and Asia are one landmass. The Americas are kept apart
# (no road through the Darién Gap), and islands are not detected: a rough test only.
LANDMASSES = {"EU": "Eurasia", "AS": "Eurasia", "AF": "Africa", "NA": "North America", "SA": "South America"}


@dataclass(frozen=True)
class Mode:
    key: str  # rail, coach, air
    speed_kmh: float  # average over the route, stops and changes included
    overhead_hours: float  # door to station/airport and back, check-in, waiting
    detour: float  # route length / great-circle distance
    kg_per_pkm: float  # kg CO₂e per passenger-km (short-haul for air)
    kg_per_pkm_long: float | None = None  # air: the long-haul factor


RAIL = Mode("rail", speed_kmh=120.0, overhead_hours=1.0, detour=1.3, kg_per_pkm=0.03546)  # national rail
COACH = Mode("coach", speed_kmh=70.0, overhead_hours=1.0, detour=1.3, kg_per_pkm=0.02733)
AIR = Mode(
    "air",
    speed_kmh=750.0,  # block speed; taxiing, climb and descent are in the overhead
    overhead_hours=3.5,  # 3 h to, through and from the airports + 0.5 h taxiing, climb and descent
    detour=1.08,  # DESNZ's uplift of great-circle distances for indirect routes and stacking
    kg_per_pkm=0.18287,  # short-haul, economy, with radiative forcing
    kg_per_pkm_long=0.20011,  # long-haul, economy, with radiative forcing
)
MODES = (RAIL, COACH, AIR)


@dataclass(frozen=True)
class Journey:
    mode: str
    route_km: float
    hours: float  # door to door, one way
    kg_co2e: float  # per participant, one way
    kg_per_pkm: float


@dataclass(frozen=True)
class Logistics:
    distance_km: float
    landmass_a: str  # "" when the continent is unknown
    landmass_b: str
    journeys: tuple[Journey, ...]
    suggested: str  # the mode key, "" when the two places are the same spot

    @property
    def land_route(self) -> bool | None:
        """Whether a land route is plausible; None when a continent is unknown."""
        if not self.landmass_a or not self.landmass_b:
            return None
        return self.landmass_a == self.landmass_b


def landmass(continent: str) -> str:
    code = continent.strip().upper()
    return LANDMASSES.get(code, code)


def journey(mode: Mode, distance: float) -> Journey:
    route = distance * mode.detour
    factor = mode.kg_per_pkm_long if mode.kg_per_pkm_long and route > LONG_HAUL_FROM_KM else mode.kg_per_pkm
    return Journey(
        mode=mode.key,
        route_km=round(route, 1),
        hours=round(mode.overhead_hours + route / mode.speed_kmh, 1),
        kg_co2e=round(route * factor, 1),
        kg_per_pkm=factor,
    )


def plan_travel(
    a: tuple[float, float], b: tuple[float, float], continent_a: str = "", continent_b: str = ""
) -> Logistics:
    """Modes worth considering between points `a` and `b` (latitude, longitude), with the one to suggest:
    rail where a land route is plausible and it takes at most a working day, else air."""
    distance = round(distance_km(a[0], a[1], b[0], b[1]), 1)
    mass_a, mass_b = landmass(continent_a), landmass(continent_b)
    by_land = bool(mass_a) and mass_a == mass_b and distance <= LAND_MAX_KM
    journeys = [journey(mode, distance) for mode in (RAIL, COACH) if by_land]
    if distance >= AIR_MIN_KM or not journeys:
        journeys.append(journey(AIR, distance))
    rail = next((j for j in journeys if j.mode == RAIL.key), None)
    if distance < 1:
        suggested = ""
    elif rail is not None and (rail.hours <= RAIL_PREFERRED_HOURS or distance < AIR_MIN_KM):
        suggested = RAIL.key
    else:
        suggested = AIR.key
    return Logistics(distance, mass_a, mass_b, tuple(journeys), suggested)
