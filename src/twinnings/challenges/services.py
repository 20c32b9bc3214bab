"""The challenges panel for two places of the gazetteer: loads the rows, resolves what they lack
(a region's time zone) and hands plain facts to the pure code in `panel`."""

from __future__ import annotations

import math
from dataclasses import asdict
from datetime import date, time
from typing import Any

from django.db.models import Count
from django.utils import timezone

from twinnings.challenges.languages import Language, official_languages
from twinnings.challenges.panel import Panel, PeriodError, PlaceFacts, build_panel, parse_period
from twinnings.challenges.timezones import DayClock, NearbyPlace, ZoneChoice, choose_zone
from twinnings.challenges.travel import EMISSIONS_SOURCE, EMISSIONS_SOURCE_URL, MODES, RAIL_PREFERRED_HOURS
from twinnings.core.errors import Refused
from twinnings.places.models import Place

NEARBY_DEGREES = 1.0  # look for a place with a zone within about 110 km north and south
NEARBY_LIMIT = 500
COMMON_ZONES = 3


def get_place(place_id: int) -> Place:
    place = Place.objects.select_related("country").filter(pk=place_id).first()
    if place is None:
        raise Refused(f"No place with id {place_id}")
    return place


def _nearby_zones(place: Place) -> list[NearbyPlace]:
    reach = NEARBY_DEGREES / max(math.cos(math.radians(min(abs(place.latitude), 80.0))), 0.2)
    rows = (
        Place.objects.filter(country_id=place.country_id)
        .exclude(timezone="")
        .exclude(pk=place.pk)
        .filter(latitude__range=(place.latitude - NEARBY_DEGREES, place.latitude + NEARBY_DEGREES))
        .filter(longitude__range=(place.longitude - reach, place.longitude + reach))
        .order_by("-population", "id")
        .values_list("name", "latitude", "longitude", "timezone")[:NEARBY_LIMIT]
    )
    return [NearbyPlace(*row) for row in rows]


def _country_zones(country_code: str) -> list[str]:
    rows = (
        Place.objects.filter(country_id=country_code)
        .exclude(timezone="")
        .values("timezone")
        .annotate(n=Count("id"))
        .order_by("-n", "timezone")
        .values_list("timezone", flat=True)[:COMMON_ZONES]
    )
    return list(rows)


def resolve_zone(place: Place) -> ZoneChoice:
    """The place's own zone, else the nearest place's of the same country, else the country's most common."""
    choice = choose_zone(place.timezone, place.latitude, place.longitude)
    if choice.zone:
        return choice
    choice = choose_zone(place.timezone, place.latitude, place.longitude, _nearby_zones(place))
    if choice.zone:
        return choice
    return choose_zone(place.timezone, place.latitude, place.longitude, (), _country_zones(place.country_id))


def place_facts(place: Place, ui_language: str) -> PlaceFacts:
    country = place.country
    return PlaceFacts(
        id=place.pk,
        name=place.name,
        country_code=country.code,
        country_name=country.localized_name(ui_language),
        continent=country.continent,
        latitude=place.latitude,
        longitude=place.longitude,
        languages=official_languages(country.code, country.language_list),
        zone=resolve_zone(place),
    )


def panel_for(
    a: Place, b: Place, start: str | None, end: str | None, ui_language: str, today: date | None = None
) -> Panel:
    """The panel of `a` and `b` over the period from `start` to `end` (ISO dates, both optional)."""
    if a.pk == b.pk:
        raise Refused("Choose two different places")
    day = today or timezone.now().date()
    try:
        period = parse_period(start, end, day)
    except PeriodError as error:
        raise Refused(str(error)) from error
    return build_panel(
        place_facts(a, ui_language), place_facts(b, ui_language), today=day, period=period, ui_language=ui_language
    )


def _hhmm(moment: time | None) -> str | None:
    return moment.strftime("%H:%M") if moment else None


def _languages(items: tuple[Language, ...]) -> list[dict[str, str]]:
    return [{"code": x.code, "name": x.name} for x in items]


def _clock_data(clock: DayClock) -> dict[str, Any]:
    o = clock.overlap
    return {
        "day": clock.day,
        "offset_a_minutes": clock.offset_a,
        "offset_b_minutes": clock.offset_b,
        "difference_minutes": clock.difference,
        "overlap_minutes": o.minutes,
        "overlap_a": [_hhmm(o.a_start), _hhmm(o.a_end)] if o.minutes else None,
        "overlap_b": [_hhmm(o.b_start), _hhmm(o.b_end)] if o.minutes else None,
    }


def _time_data(panel: Panel) -> dict[str, Any] | None:
    if panel.time is None:
        return None
    t = panel.time
    return {
        "office_hours": [t.opens.strftime("%H:%M"), t.closes.strftime("%H:%M")],
        "today": _clock_data(t.today),
        "changes": [
            {
                **_clock_data(c.after),
                "a_moved": c.a_moved,
                "b_moved": c.b_moved,
                "difference_before_minutes": c.before.difference,
            }
            for c in t.changes
        ],
    }


def model_data() -> dict[str, Any]:
    """The travel model's assumptions, as every page and answer states them."""
    return {
        "modes": [asdict(mode) for mode in MODES],
        "rail_preferred_hours": RAIL_PREFERRED_HOURS,
        "emissions_source": EMISSIONS_SOURCE,
        "emissions_source_url": EMISSIONS_SOURCE_URL,
    }


def _place_data(facts: PlaceFacts) -> dict[str, Any]:
    data = asdict(facts)
    data["zone"] = {**asdict(facts.zone), "source": facts.zone.source.value}
    return data


def panel_data(panel: Panel) -> dict[str, Any]:
    """The panel as plain data, for the API and the page's JSON twin."""
    langs, cal, logistics = panel.languages, panel.calendar, panel.logistics
    return {
        "a": _place_data(panel.a),
        "b": _place_data(panel.b),
        "today": panel.today,
        "period": {"start": panel.period.start, "end": panel.period.end, "days": panel.period.days},
        "languages": {
            "a": _languages(langs.a),
            "b": _languages(langs.b),
            "shared": _languages(langs.shared),
            "only_a": _languages(langs.only_a),
            "only_b": _languages(langs.only_b),
            "known": langs.known,
            "needs_interpretation": langs.needs_interpretation,
        },
        "time": _time_data(panel),
        "logistics": {
            "distance_km": logistics.distance_km,
            "landmass_a": logistics.landmass_a,
            "landmass_b": logistics.landmass_b,
            "land_route": logistics.land_route,
            "suggested": logistics.suggested,
            "journeys": [asdict(j) for j in logistics.journeys],
            "model": model_data(),
        },
        "calendar": {
            "a_known": cal.a_known,
            "b_known": cal.b_known,
            "days": [{"day": d.day, "where": d.where, "a": list(d.a), "b": list(d.b)} for d in cal.days],
        },
    }
