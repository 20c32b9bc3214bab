"""Template filters of the agreements workspace."""

from __future__ import annotations

from typing import Any

from django import template

from twinnings.agreements.choices import Area
from twinnings.agreements.models import Clause

register = template.Library()


@register.filter
def clause_text(clause: Clause | dict[str, Any], language: str) -> str:
    """A clause's text in one language, from a clause or a version's content."""
    if isinstance(clause, Clause):
        return clause.text(language)
    return str((clause.get("texts") or {}).get(language, ""))


@register.filter
def area_label(code: str) -> str:
    return str(Area(code).label) if code in Area.values else code
