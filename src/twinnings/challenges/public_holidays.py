"""Calendar clashes: national public holidays of two countries in a period, from the `holidays`
package, so that an exchange is not planned on a partner's holiday (pure, no Django).

Regional holidays (a German Land's, a US state's) are not included: the gazetteer's admin-1 codes
are GeoNames', not the ISO 3166-2 codes the package expects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays


@dataclass(frozen=True)
class HolidayDay:
    day: date
    a: tuple[str, ...]  # the holiday's names in A's country, empty when it is not one there
    b: tuple[str, ...]

    @property
    def where(self) -> str:
        """both, a or b."""
        if self.a and self.b:
            return "both"
        return "a" if self.a else "b"


@dataclass(frozen=True)
class CalendarComparison:
    start: date
    end: date
    days: tuple[HolidayDay, ...]
    a_known: bool  # False: the package has no calendar for A's country
    b_known: bool

    @property
    def both(self) -> tuple[HolidayDay, ...]:
        return tuple(d for d in self.days if d.where == "both")


def is_supported(country_code: str) -> bool:
    return country_code.upper() in _supported()


@lru_cache(maxsize=1)
def _supported() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


def _language(supported: tuple[str, ...], default: str, ui_language: str) -> str:
    """The calendar's language closest to the UI language ('de', 'en' -> 'en_US'), else English, else its own."""
    wanted = ui_language.replace("-", "_")
    base = wanted.split("_")[0].lower()
    for choice in (wanted, base):
        if choice in supported:
            return choice
    for prefix in (base, "en"):
        for candidate in supported:
            if candidate.split("_")[0].lower() == prefix:
                return candidate
    return default


@lru_cache(maxsize=512)
def _year(country_code: str, year: int, ui_language: str) -> tuple[tuple[date, tuple[str, ...]], ...]:
    calendar = holidays.country_holidays(country_code)
    language = _language(tuple(calendar.supported_languages), calendar.default_language or "", ui_language)
    calendar = holidays.country_holidays(country_code, years=year, language=language or None)
    return tuple(sorted((day, tuple(calendar.get_list(day))) for day in calendar))


def holiday_names(country_code: str, start: date, end: date, ui_language: str = "en") -> dict[date, tuple[str, ...]]:
    """National public holidays from `start` to `end` inclusive, named in the UI language where the
    package can; an empty dict for a country it does not know (see `is_supported`)."""
    code = country_code.upper()
    if not is_supported(code):
        return {}
    found: dict[date, tuple[str, ...]] = {}
    for year in range(start.year, end.year + 1):
        for day, names in _year(code, year, ui_language):
            if start <= day <= end:
                found[day] = names
    return found


def compare_calendars(
    country_a: str, country_b: str, start: date, end: date, ui_language: str = "en"
) -> CalendarComparison:
    """Every day of the period that is a public holiday in one country or both, in date order."""
    names_a = holiday_names(country_a, start, end, ui_language)
    names_b = holiday_names(country_b, start, end, ui_language)
    days = tuple(HolidayDay(d, names_a.get(d, ()), names_b.get(d, ())) for d in sorted(set(names_a) | set(names_b)))
    return CalendarComparison(start, end, days, is_supported(country_a), is_supported(country_b))
