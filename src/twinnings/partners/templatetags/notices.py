"""Names for the codes a notice holds: areas of cooperation and countries, in the UI language."""

from django import template

from twinnings.agreements.choices import Area
from twinnings.partners.reasons import country_name

register = template.Library()


@register.filter
def area_name(code: str) -> str:
    return str(dict(Area.choices).get(code, code))


@register.filter
def country_code_name(code: str) -> str:
    """'FR' -> 'France', 'Frankreich'…"""
    return country_name(code)
