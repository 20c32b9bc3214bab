"""Response schemas of the challenges panel in the API."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema


class ZoneOut(Schema):
    zone: str = Field(description="IANA time zone, empty when none is known")
    source: str = Field(
        description="place: its own; nearest: of the nearest place with one; country: the country's most common; none"
    )
    via: str = Field(description="For `nearest`: the place whose zone was taken")
    via_km: float | None


class PlaceFactsOut(Schema):
    id: int
    name: str
    country_code: str
    country_name: str
    continent: str = Field(description="GeoNames continent code")
    latitude: float
    longitude: float
    languages: list[str] = Field(description="Official languages of the country, ISO 639")
    zone: ZoneOut


class PeriodOut(Schema):
    start: date
    end: date
    days: int


class LanguageOut(Schema):
    code: str
    name: str = Field(description="In the request's language")


class LanguagesOut(Schema):
    a: list[LanguageOut]
    b: list[LanguageOut]
    shared: list[LanguageOut]
    only_a: list[LanguageOut] = Field(description="Official in A's country only: B's people need it interpreted")
    only_b: list[LanguageOut]
    known: bool = Field(description="Both countries' official languages are known")
    needs_interpretation: bool = Field(description="No shared official language")


class ClockOut(Schema):
    day: date
    offset_a_minutes: int = Field(description="A's offset from UTC that day")
    offset_b_minutes: int
    difference_minutes: int = Field(description="How far B's clocks are ahead of A's (negative: behind)")
    overlap_minutes: int = Field(description="How long both offices are open at once")
    overlap_a: list[str] | None = Field(description="The overlap in A's local time, [from, to]")
    overlap_b: list[str] | None


class ClockChangeOut(ClockOut):
    difference_before_minutes: int
    a_moved: bool = Field(description="A's clocks changed (daylight-saving time began or ended)")
    b_moved: bool


class TimeOut(Schema):
    office_hours: list[str] = Field(description="Local office hours assumed in both towns")
    today: ClockOut
    changes: list[ClockChangeOut] = Field(description="Days of the coming year on which the difference changes")


class JourneyOut(Schema):
    mode: str = Field(description="rail, coach or air")
    route_km: float
    hours: float = Field(description="Door to door, one way")
    kg_co2e: float = Field(description="Per participant, one way")
    kg_per_pkm: float


class ModeOut(Schema):
    key: str
    speed_kmh: float
    overhead_hours: float
    detour: float
    kg_per_pkm: float
    kg_per_pkm_long: float | None


class TravelModelOut(Schema):
    modes: list[ModeOut]
    rail_preferred_hours: float
    emissions_source: str
    emissions_source_url: str


class LogisticsOut(Schema):
    distance_km: float = Field(description="Great-circle distance")
    landmass_a: str
    landmass_b: str
    land_route: bool | None = Field(description="Same landmass (Europe and Asia as one); null when unknown")
    suggested: str
    journeys: list[JourneyOut]
    model: TravelModelOut


class HolidayOut(Schema):
    day: date
    where: str = Field(description="a, b or both")
    a: list[str] = Field(description="Names of the holiday in A's country")
    b: list[str]


class HolidayCalendarOut(Schema):
    a_known: bool = Field(description="False: no holiday calendar is known for A's country")
    b_known: bool
    days: list[HolidayOut]


class ChallengesOut(Schema):
    a: PlaceFactsOut
    b: PlaceFactsOut
    today: date
    period: PeriodOut
    languages: LanguagesOut
    time: TimeOut | None = Field(description="Null when a time zone is unknown")
    logistics: LogisticsOut
    calendar: HolidayCalendarOut
