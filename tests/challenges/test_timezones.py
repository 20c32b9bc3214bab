"""Clocks of two towns: difference, office-hour overlap and daylight-saving changes, with real zones."""

from __future__ import annotations

from datetime import date, time

from twinnings.challenges.timezones import NearbyPlace, ZoneSource, choose_zone, compare_clocks

COLOGNE, NEW_YORK = "Europe/Berlin", "America/New_York"


def test_cologne_and_new_york_overlap_two_hours_in_winter() -> None:
    result = compare_clocks(COLOGNE, NEW_YORK, date(2026, 1, 15))

    assert result is not None
    today = result.today
    assert today.difference == -6 * 60
    assert today.overlap.minutes == 120
    assert (today.overlap.a_start, today.overlap.a_end) == (time(15), time(17))
    assert (today.overlap.b_start, today.overlap.b_end) == (time(9), time(11))


def test_cologne_and_new_york_overlap_three_hours_in_the_weeks_only_the_us_has_switched() -> None:
    march = compare_clocks(COLOGNE, NEW_YORK, date(2026, 3, 16))
    summer = compare_clocks(COLOGNE, NEW_YORK, date(2026, 7, 1))

    assert march is not None and summer is not None
    assert march.today.difference == -5 * 60
    assert march.today.overlap.minutes == 180
    assert (march.today.overlap.a_start, march.today.overlap.b_end) == (time(14), time(12))
    assert summer.today.difference == -6 * 60
    assert summer.today.overlap.minutes == 120


def test_the_coming_year_lists_the_four_days_the_difference_changes() -> None:
    result = compare_clocks(COLOGNE, NEW_YORK, date(2026, 1, 15))

    assert result is not None
    changes = [(c.after.day, c.after.difference, c.after.overlap.minutes) for c in result.changes]
    assert changes == [
        (date(2026, 3, 8), -300, 180),  # the US springs forward (second Sunday of March)
        (date(2026, 3, 29), -360, 120),  # the EU follows (last Sunday of March)
        (date(2026, 10, 25), -300, 180),  # the EU falls back first
        (date(2026, 11, 1), -360, 120),  # the US a week later
    ]
    assert [(c.a_moved, c.b_moved) for c in result.changes] == [
        (False, True),
        (True, False),
        (True, False),
        (False, True),
    ]


def test_cologne_and_lyon_keep_the_same_time_all_year() -> None:
    result = compare_clocks(COLOGNE, "Europe/Paris", date(2026, 2, 1))

    assert result is not None
    assert result.today.difference == 0
    assert result.today.overlap.minutes == 8 * 60
    assert result.changes == ()


def test_offices_in_tokyo_and_new_york_never_overlap() -> None:
    result = compare_clocks("Asia/Tokyo", NEW_YORK, date(2026, 1, 15))

    assert result is not None
    assert result.today.difference == -14 * 60
    assert result.today.overlap.minutes == 0


def test_half_hour_zones_and_the_southern_hemisphere() -> None:
    india = compare_clocks("Europe/London", "Asia/Kolkata", date(2026, 1, 15))
    sydney = compare_clocks(COLOGNE, "Australia/Sydney", date(2026, 1, 15))

    assert india is not None and sydney is not None
    assert india.today.difference == 5 * 60 + 30
    assert india.today.overlap.minutes == 150  # 09:00-11:30 London = 14:30-17:00 Kolkata
    assert sydney.today.difference == 10 * 60
    assert [c.after.day for c in sydney.changes] == [
        date(2026, 3, 29),
        date(2026, 4, 5),
        date(2026, 10, 4),
        date(2026, 10, 25),
    ]


def test_an_unknown_zone_gives_no_comparison() -> None:
    assert compare_clocks(COLOGNE, "", date(2026, 1, 15)) is None
    assert compare_clocks("Mars/Olympus_Mons", COLOGNE, date(2026, 1, 15)) is None
    assert compare_clocks("../../etc/passwd", COLOGNE, date(2026, 1, 15)) is None


def test_a_place_without_a_zone_takes_the_nearest_places_then_the_countrys() -> None:
    nearby = [
        NearbyPlace("Düsseldorf", 51.22172, 6.77616, COLOGNE),
        NearbyPlace("Dortmund", 51.51494, 7.466, "Not/A_Zone"),
        NearbyPlace("Kassel", 51.31667, 9.5, COLOGNE),
    ]
    own = choose_zone("Europe/Berlin", 51.48, 7.55, nearby)
    nearest = choose_zone("", 51.48, 7.55, nearby)
    country = choose_zone("", 51.48, 7.55, [], ["Not/A_Zone", "Europe/Berlin"])
    nothing = choose_zone("", 51.48, 7.55)

    assert own.source == ZoneSource.PLACE
    assert (nearest.source, nearest.zone, nearest.via) == (ZoneSource.NEAREST, COLOGNE, "Düsseldorf")
    assert nearest.via_km is not None and 55 < nearest.via_km < 65
    assert (country.source, country.zone) == (ZoneSource.COUNTRY, "Europe/Berlin")
    assert (nothing.source, nothing.zone) == (ZoneSource.NONE, "")
