"""Checks of agreement content that services share: languages, currencies, areas, term dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pycountry
from django.utils.translation import gettext as _

from twinnings.agreements.choices import Area
from twinnings.core.errors import Refused


def languages(codes: Iterable[str]) -> list[str]:
    """ISO 639-1 codes, lower case, without repeats; at least one."""
    cleaned = list(dict.fromkeys(code.strip().lower() for code in codes if code.strip()))
    if not cleaned:
        raise Refused(_("An agreement needs at least one language."))
    unknown = [code for code in cleaned if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None]
    if unknown:
        raise Refused(
            _("Unknown language code: %(codes)s (use ISO 639-1, e.g. de, fr).") % {"codes": ", ".join(unknown)}
        )
    return cleaned


def areas(codes: Iterable[str]) -> list[str]:
    cleaned = list(dict.fromkeys(codes))
    unknown = [code for code in cleaned if code not in Area.values]
    if unknown:
        raise Refused(_("Unknown area of cooperation: %(codes)s.") % {"codes": ", ".join(unknown)})
    return [code for code in Area.values if code in cleaned]


def currency(code: str) -> str:
    cleaned = code.strip().upper()
    if len(cleaned) != 3 or pycountry.currencies.get(alpha_3=cleaned) is None:
        raise Refused(_("Unknown currency: %(code)s (use an ISO 4217 code, e.g. EUR).") % {"code": code[:10]})
    return cleaned


def term(start: date | None, end: date | None, review: date | None) -> None:
    if start and end and end < start:
        raise Refused(_("The agreement cannot end before it starts."))
    if review and start and review < start:
        raise Refused(_("The review date comes before the start."))
    if review and end and review > end:
        raise Refused(_("The review date comes after the end."))


def missing_translations(clauses: Iterable[dict[str, object]], codes: Iterable[str]) -> list[str]:
    """`§2 (fr)` for every clause text that is empty in a language of the agreement."""
    wanted = list(codes)
    missing = []
    for clause in clauses:
        texts = clause.get("texts") or {}
        assert isinstance(texts, dict)
        missing += [f"§{clause['position']} ({code})" for code in wanted if not str(texts.get(code, "")).strip()]
    return missing
