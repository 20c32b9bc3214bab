"""The panel of two places of the gazetteer: facts loaded, missing time zones resolved, bad input refused."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import TinyGazetteer, make_country, make_region
from twinnings.challenges import services
from twinnings.challenges.timezones import ZoneSource
from twinnings.core.errors import Refused
from twinnings.places.models import Place

TODAY = date(2026, 3, 16)  # the US has switched to summer time, Europe not yet


def test_cologne_and_new_york_in_march(gazetteer: TinyGazetteer) -> None:
    panel = services.panel_for(gazetteer["cologne"], gazetteer["new_york"], None, None, "en", today=TODAY)

    assert panel.a.languages == ("de",) and panel.b.languages == ("en",)
    assert panel.languages.needs_interpretation
    assert panel.time is not None
    assert panel.time.today.difference == -300
    assert panel.time.today.overlap.minutes == 180
    assert [c.after.day for c in panel.time.changes][:2] == [date(2026, 3, 29), date(2026, 10, 25)]
    assert panel.logistics.land_route is False
    assert (panel.period.start, panel.period.days) == (TODAY, 90)
    assert {d.day for d in panel.calendar.days} >= {date(2026, 4, 3), date(2026, 5, 25)}  # Good Friday, Memorial Day


def test_a_region_without_a_zone_takes_the_nearest_places(gazetteer: TinyGazetteer) -> None:
    nrw = gazetteer["nrw"]
    assert nrw.timezone == ""

    choice = services.resolve_zone(nrw)

    assert choice.source == ZoneSource.NEAREST
    assert choice.zone == "Europe/Berlin"
    assert choice.via in {"Cologne", "Düsseldorf"}


def test_a_region_far_from_any_town_takes_the_countrys_most_common_zone(gazetteer: TinyGazetteer) -> None:
    frontier = make_region("Far North", "JP", "99", latitude=45.0, longitude=150.0)

    choice = services.resolve_zone(frontier)

    assert (choice.source, choice.zone) == (ZoneSource.COUNTRY, "Asia/Tokyo")


def test_a_country_without_any_zone_leaves_the_clock_comparison_out(gazetteer: TinyGazetteer) -> None:
    make_country("AQ", "Antarctica", continent="AN")
    station = make_region("Base", "AQ", "01", latitude=-77.8, longitude=166.7)

    panel = services.panel_for(gazetteer["cologne"], station, "2026-10-01", "2026-10-31", "en", today=TODAY)

    assert panel.b.zone.source == ZoneSource.NONE
    assert panel.time is None
    assert panel.languages.known is False


def test_a_corrupt_zone_is_not_trusted(gazetteer: TinyGazetteer) -> None:
    Place.objects.filter(pk=gazetteer["lyon"].pk).update(timezone="Europe/Nowhere")
    gazetteer["lyon"].refresh_from_db()

    choice = services.resolve_zone(gazetteer["lyon"])  # no town within ~110 km: Paris is 390 km away

    assert (choice.source, choice.zone) == (ZoneSource.COUNTRY, "Europe/Paris")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-05-01", "2026-04-01", "before start"),
        ("2026-01-01", "2027-06-01", "at most"),
        ("1 May", None, "not a date"),
    ],
)
def test_a_bad_period_is_refused(gazetteer: TinyGazetteer, start: str, end: str | None, message: str) -> None:
    with pytest.raises(Refused, match=message):
        services.panel_for(gazetteer["cologne"], gazetteer["lyon"], start, end, "en", today=TODAY)


def test_a_place_is_not_compared_with_itself_and_unknown_ids_are_refused(gazetteer: TinyGazetteer) -> None:
    with pytest.raises(Refused, match="two different places"):
        services.panel_for(gazetteer["cologne"], gazetteer["cologne"], None, None, "en")
    with pytest.raises(Refused, match="No place with id 999999"):
        services.get_place(999_999)


def test_the_panel_as_data_is_plain_and_complete(gazetteer: TinyGazetteer) -> None:
    panel = services.panel_for(gazetteer["cologne"], gazetteer["lyon"], "2026-10-01", "2026-10-31", "fr", today=TODAY)

    data = services.panel_data(panel)

    assert data["a"]["zone"] == {"zone": "Europe/Berlin", "source": "place", "via": "", "via_km": None}
    assert data["languages"]["only_a"] == [{"code": "de", "name": "allemand"}]
    assert data["time"]["today"]["overlap_a"] == ["09:00", "17:00"]
    assert data["logistics"]["suggested"] == "rail"
    assert data["logistics"]["model"]["emissions_source"].startswith("UK Government GHG Conversion Factors")
    assert data["calendar"]["days"] == [{"day": date(2026, 10, 3), "where": "a", "a": ["German Unity Day"], "b": []}]
