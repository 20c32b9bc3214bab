"""Small presentation helpers for the directory's templates."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinnings.places.models import Country, Place

register = template.Library()

HEAT_LEVELS = 8


@register.filter
def country_name(country: Country | None) -> str:
    """The country's name in the current UI language."""
    if country is None:
        return ""
    return country.localized_name(get_language() or "en")


@lru_cache(maxsize=4096)
def _language_name(code: str, ui_language: str) -> str:
    try:
        locale = Locale.parse(ui_language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    return str(locale.languages.get(code.split("-")[0], code))


@register.filter
def language_name(code: str) -> str:
    """An ISO 639 language code named in the current UI language ('de' -> 'German', 'allemand')."""
    return _language_name(code, get_language() or "en")


@register.filter
def coordinates(place: Place) -> str:
    """Latitude and longitude with hemispheres: '50.94° N, 6.96° E'."""
    lat = _("%(value).2f° N") if place.latitude >= 0 else _("%(value).2f° S")
    lon = _("%(value).2f° E") if place.longitude >= 0 else _("%(value).2f° W")
    return f"{lat % {'value': abs(place.latitude)}}, {lon % {'value': abs(place.longitude)}}"


@register.filter
def source_label(name: str) -> str:
    """A source's short label from its slug: 'wikipedia-2026' -> 'Wikipedia 2026'."""
    words = name.replace("_", "-").split("-")
    return " ".join(w.capitalize() if not w.isdigit() else w for w in words if w)


@register.filter
def heat(value: int | float, maximum: int | float) -> int:
    """A 0–8 intensity level for heatmap cells (CSS classes heat-0 … heat-8), on a square-root scale."""
    if not value or not maximum or maximum <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, round(HEAT_LEVELS * (float(value) / float(maximum)) ** 0.5)))


@register.filter
def percent(part: int | float, whole: int | float) -> float:
    """12.5 for 1 of 8, 0 when the whole is zero (format it with floatformat, which localises)."""
    if not whole:
        return 0.0
    return 100.0 * float(part) / float(whole)
