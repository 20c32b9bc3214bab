"""National public holidays of two countries in a period, from the `holidays` package."""

from __future__ import annotations

from datetime import date

from twinnings.challenges.public_holidays import compare_calendars, holiday_names


def test_german_unity_day_is_a_holiday_in_germany_only() -> None:
    result = compare_calendars("DE", "FR", date(2026, 10, 1), date(2026, 10, 31))

    assert [(d.day, d.where) for d in result.days] == [(date(2026, 10, 3), "a")]
    assert result.days[0].a == ("German Unity Day",)
    assert result.days[0].b == ()


def test_christmas_is_a_holiday_in_both_and_marked_so() -> None:
    result = compare_calendars("DE", "US", date(2026, 12, 20), date(2026, 12, 31))

    christmas = next(d for d in result.days if d.day == date(2026, 12, 25))
    assert christmas.where == "both"
    assert result.both == (christmas,)
    boxing_day = next(d for d in result.days if d.day == date(2026, 12, 26))
    assert boxing_day.where == "a"


def test_us_holidays_that_europe_does_not_know() -> None:
    names = holiday_names("US", date(2026, 11, 1), date(2026, 11, 30))

    assert names[date(2026, 11, 26)] == ("Thanksgiving Day",)


def test_names_follow_the_ui_language_where_the_package_has_it() -> None:
    german = holiday_names("DE", date(2026, 10, 3), date(2026, 10, 3), "de")
    french = holiday_names("FR", date(2026, 7, 14), date(2026, 7, 14), "fr")
    polish_ui = holiday_names("DE", date(2026, 10, 3), date(2026, 10, 3), "pl")  # no Polish names: English

    assert german == {date(2026, 10, 3): ("Tag der Deutschen Einheit",)}
    assert french == {date(2026, 7, 14): ("Fête nationale",)}
    assert polish_ui == {date(2026, 10, 3): ("German Unity Day",)}


def test_a_period_across_new_year_reads_both_years() -> None:
    result = compare_calendars("DE", "PL", date(2026, 12, 30), date(2027, 1, 7))

    days = {d.day: d.where for d in result.days}
    assert days[date(2027, 1, 1)] == "both"
    assert days[date(2027, 1, 6)] == "b"  # Epiphany: national in Poland, regional in Germany


def test_a_country_the_package_does_not_know_is_reported() -> None:
    result = compare_calendars("DE", "AN", date(2026, 10, 1), date(2026, 10, 31))  # Netherlands Antilles, dissolved

    assert result.a_known and not result.b_known
    assert [d.where for d in result.days] == ["a"]
