"""What the other datasets say about a pair, to settle a homonym (pure, no Django).

The 2012 Wikipedia snapshot names places by article title, with the qualifier Wikipedia
needed to tell homonyms apart ("Shenandoah,_Iowa"); Wikidata gives each end coordinates.
Read straight from the files — not from the database — so that importing a source gives the
same result whatever was imported before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from twinnings.core.text import drop_qualifiers, name_key
from twinnings.registry.countries import country_code
from twinnings.registry.sources import SOURCES, Endpoint, available

HINT_SOURCES = ("wikipedia-2012", "wikidata-2017")


@dataclass(frozen=True)
class Hint:
    qualifier: str = ""  # "Iowa" from "Shenandoah,_Iowa"
    latitude: float | None = None
    longitude: float | None = None


def head_key(name: str) -> str:
    return name_key(drop_qualifiers(name.replace("_", " ")).partition(",")[0])


def _qualifier(name: str) -> str:
    return drop_qualifiers(name.replace("_", " ")).partition(",")[2].strip()


class PartnerHints:
    def __init__(self) -> None:
        self._hints: dict[tuple[str, str, str, str], list[Hint]] = {}

    @classmethod
    def from_sources(cls, root: Path, exclude: str = "") -> PartnerHints:
        hints = cls()
        for name in HINT_SOURCES:
            spec = SOURCES[name]
            if name == exclude or not available(root, spec):
                continue
            for row in spec.reader(root):
                if row.a is not None and row.b is not None:
                    hints.add(row.a, row.b)
                    hints.add(row.b, row.a)
        return hints

    def add(self, place: Endpoint, partner: Endpoint) -> None:
        code, partner_code = country_code(place.country or ""), country_code(partner.country or "")
        if not code or not partner_code:
            return
        hint = Hint(_qualifier(place.name), place.latitude, place.longitude)
        if hint.qualifier or hint.latitude is not None:
            key = (head_key(place.name), code, head_key(partner.name), partner_code)
            self._hints.setdefault(key, []).append(hint)

    def lookup(self, place: Endpoint, partner: Endpoint) -> list[Hint]:
        code, partner_code = country_code(place.country or ""), country_code(partner.country or "")
        if not code or not partner_code:
            return []
        return self._hints.get((head_key(place.name), code, head_key(partner.name), partner_code), [])

    def __len__(self) -> int:
        return len(self._hints)
