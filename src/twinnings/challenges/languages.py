"""Official languages of two countries: which are shared, which need interpretation (pure, no Django)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the UI language


@dataclass(frozen=True)
class LanguageComparison:
    a: tuple[Language, ...]
    b: tuple[Language, ...]
    shared: tuple[Language, ...]
    only_a: tuple[Language, ...]  # spoken officially in A only: B's visitors need it interpreted
    only_b: tuple[Language, ...]

    @property
    def known(self) -> bool:
        """Both countries' official languages are known."""
        return bool(self.a) and bool(self.b)

    @property
    def needs_interpretation(self) -> bool:
        """No official language in common: meetings need interpreters and documents translations."""
        return self.known and not self.shared


def _base(code: str) -> str:
    return code.strip().replace("-", "_").split("_")[0].lower()


def _unique(codes: Sequence[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for code in map(_base, codes):
        if code and code not in seen:
            seen.append(code)
    return tuple(seen)


def official_languages(country_code: str, stored: Sequence[str] = ()) -> tuple[str, ...]:
    """The country's official languages as stored in the gazetteer (`Country.languages`), else
    CLDR's official and de-facto official languages of the territory (through babel)."""
    codes = _unique(stored)
    if codes:
        return codes
    return _unique(get_official_languages(country_code.upper(), de_facto=True)) if country_code else ()


@lru_cache(maxsize=64)
def _locale(ui_language: str) -> Locale:
    try:
        return Locale.parse(ui_language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def language_name(code: str, ui_language: str) -> str:
    """'de' named in the UI language: 'German', 'allemand', 'Deutsch'; the code itself when CLDR lacks it."""
    return str(_locale(ui_language).languages.get(code, code))


def compare_languages(a_codes: Sequence[str], b_codes: Sequence[str], ui_language: str = "en") -> LanguageComparison:
    a, b = _unique(a_codes), _unique(b_codes)

    def named(codes: Sequence[str]) -> tuple[Language, ...]:
        return tuple(Language(code, language_name(code, ui_language)) for code in codes)

    return LanguageComparison(
        a=named(a),
        b=named(b),
        shared=named([c for c in a if c in b]),
        only_a=named([c for c in a if c not in b]),
        only_b=named([c for c in b if c not in a]),
    )
