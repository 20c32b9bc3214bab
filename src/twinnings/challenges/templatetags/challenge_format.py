"""Formatting for the challenges panel: clock differences, durations, travel modes."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


def _hours_minutes(minutes: int) -> str:
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if rest:
        return _("%(minutes)d min") % {"minutes": rest}
    return _("%(hours)d h") % {"hours": hours}


@register.filter
def clock_difference(minutes: int) -> str:
    """How far one clock is ahead of another: '+6 h', '−5 h 30 min', '0 h'."""
    if not minutes:
        return _("%(hours)d h") % {"hours": 0}
    return ("+" if minutes > 0 else "−") + _hours_minutes(minutes)


@register.filter
def duration(minutes: int) -> str:
    """A span of minutes, without sign: '2 h', '2 h 30 min', '45 min'."""
    return _hours_minutes(int(minutes))


@register.filter
def travel_hours(hours: float) -> str:
    """A rough travel time, to the quarter hour: '7 h 30 min'."""
    quarter_hours = max(1, round(float(hours) * 4))
    return _hours_minutes(quarter_hours * 15)


@register.filter
def mode_label(key: str) -> str:
    labels = {
        "rail": pgettext("travel mode", "Rail"),
        "coach": pgettext("travel mode", "Coach"),
        "air": pgettext("travel mode", "Air"),
    }
    return labels.get(key, key)


@register.filter
def grams(kg_per_pkm: float) -> float:
    """kg per passenger-km as grams, the usual unit (0.03546 -> 35.46); format it with floatformat."""
    return float(kg_per_pkm) * 1000
