"""Building blocks for fast tests: countries, places with their search names, sources, twinnings.

Everything is created directly with the ORM, so a test states the few rows it needs instead
of importing the 235k-place gazetteer.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db.models import F

from twinnings.core.text import name_key
from twinnings.places.models import Country, Place, PlaceName
from twinnings.registry.gazetteer_index import distance_km
from twinnings.registry.models import Attestation, Source, Twinning

_geonames_ids = itertools.count(9_000_001)
_lines = itertools.count(2)

COUNTRIES: dict[str, tuple[str, str, str]] = {
    # code: (English name, continent, official languages)
    "DE": ("Germany", "EU", "de"),
    "FR": ("France", "EU", "fr"),
    "GB": ("United Kingdom", "EU", "en"),
    "PL": ("Poland", "EU", "pl"),
    "IT": ("Italy", "EU", "it"),
    "AU": ("Australia", "OC", "en"),
    "JP": ("Japan", "AS", "ja"),
    "AL": ("Albania", "EU", "sq"),
}


def make_country(code: str, name: str | None = None, *, continent: str = "", languages: str = "") -> Country:
    default_name, default_continent, default_languages = COUNTRIES.get(code, (code, "", ""))
    country, _ = Country.objects.get_or_create(
        code=code,
        defaults={
            "name": name or default_name,
            "continent": continent or default_continent,
            "languages": languages or default_languages,
            "names": {"en": name or default_name},
        },
    )
    return country


def add_names(place: Place, names: Iterable[str], *, primary: str | None = None) -> None:
    """Index `names` for search and resolution, as the gazetteer import does (one row per key)."""
    have = set(PlaceName.objects.filter(place=place).values_list("key", flat=True))
    rows = []
    for name in names:
        key = name_key(name)
        if key and key not in have:
            have.add(key)
            rows.append(PlaceName(place=place, name=name, key=key, is_primary=name == primary))
    PlaceName.objects.bulk_create(rows)


def make_place(
    name: str,
    country: str | Country,
    *,
    latitude: float = 0.0,
    longitude: float = 0.0,
    population: int = 1000,
    alternate_names: Sequence[str] = (),
    region: Place | None = None,
    admin1_code: str = "",
    geonames_id: int | None = None,
    timezone: str = "Europe/Berlin",
) -> Place:
    """A town or city with its primary and alternate names indexed."""
    country_obj = country if isinstance(country, Country) else make_country(country)
    place = Place.objects.create(
        geonames_id=geonames_id if geonames_id is not None else next(_geonames_ids),
        kind=Place.Kind.CITY,
        name=name,
        country=country_obj,
        admin1_code=admin1_code or (region.admin1_code if region else ""),
        region=region,
        latitude=latitude,
        longitude=longitude,
        population=population,
        timezone=timezone,
    )
    add_names(place, [name, *alternate_names], primary=name)
    return place


def make_region(
    name: str,
    country: str | Country,
    admin1_code: str,
    *,
    latitude: float = 0.0,
    longitude: float = 0.0,
    population: int = 100_000,
    alternate_names: Sequence[str] = (),
) -> Place:
    """An admin-1 region, a place of kind `region` as the gazetteer import makes them."""
    country_obj = country if isinstance(country, Country) else make_country(country)
    place = Place.objects.create(
        kind=Place.Kind.REGION,
        name=name,
        country=country_obj,
        admin1_code=admin1_code,
        latitude=latitude,
        longitude=longitude,
        population=population,
    )
    add_names(place, [name, *alternate_names], primary=name)
    return place


def make_source(name: str = "wikipedia-2026", *, title: str | None = None, year: int = 2026) -> Source:
    source, _ = Source.objects.get_or_create(
        name=name, defaults={"title": title or name.replace("-", " ").title(), "year": year, "licence": "CC0"}
    )
    return source


def make_twinning(
    a: Place,
    b: Place,
    *,
    sources: Sequence[str | Source] = ("wikipedia-2026",),
    kind: str = Twinning.Kind.TWIN_TOWN,
    status: str = Twinning.Status.ACTIVE,
    since: date | None = None,
) -> Twinning:
    """One undirected twinning (stored with place_a.id < place_b.id), attested by `sources`."""
    first, second = (a, b) if a.pk < b.pk else (b, a)
    twinning = Twinning.objects.create(
        place_a=first,
        place_b=second,
        kind=kind,
        status=status,
        since=since,
        distance_km=round(distance_km(a.latitude, a.longitude, b.latitude, b.longitude), 1),
    )
    for source in sources:
        source_obj = source if isinstance(source, Source) else make_source(source)
        Attestation.objects.create(
            twinning=twinning,
            source=source_obj,
            file="test.csv",
            line=next(_lines),
            raw={"city1": a.name, "city2": b.name},
        )
    for place in (first, second):
        Place.objects.filter(pk=place.pk).update(twin_count=F("twin_count") + 1)
        place.refresh_from_db(fields=["twin_count"])
    return twinning


@dataclass
class TinyGazetteer:
    """A handful of real places with real coordinates, chosen for the hard cases of resolution."""

    countries: dict[str, Country] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)

    def __getitem__(self, label: str) -> Place:
        return self.places[label]


def make_tiny_gazetteer() -> TinyGazetteer:
    """Eight countries, two regions and sixteen places:

    - alternate names in other languages and scripts (Köln/Cologne/Кёльн, Łódź, 東京);
    - homonyms in one country (two Frankfurts, two Nienburgs) and across countries (Perth);
    - diacritics that sources drop (Bérat/Berat), a region with a town of the same name (Veneto).
    """
    g = TinyGazetteer()
    for code in COUNTRIES:
        g.countries[code] = make_country(code)
    nrw = make_region(
        "North Rhine-Westphalia",
        "DE",
        "07",
        latitude=51.48,
        longitude=7.55,
        population=17_900_000,
        alternate_names=["Nordrhein-Westfalen"],
    )
    veneto = make_region("Veneto", "IT", "20", latitude=45.44, longitude=12.32, population=4_900_000)
    cities = [
        ("cologne", "Cologne", "DE", 50.93333, 6.95, 1_075_935, ["Köln", "Koeln", "Colonia", "Кёльн"], nrw),
        ("frankfurt", "Frankfurt am Main", "DE", 50.11552, 8.68417, 650_000, ["Frankfurt"], None),
        ("frankfurt_oder", "Frankfurt (Oder)", "DE", 52.34714, 14.55062, 57_000, ["Frankfurt"], None),
        ("nienburg_weser", "Nienburg", "DE", 52.6461, 9.2206, 31_000, ["Nienburg/Weser"], None),
        ("nienburg_saale", "Nienburg", "DE", 51.83748, 11.76979, 6_000, [], None),
        ("dusseldorf", "Düsseldorf", "DE", 51.22172, 6.77616, 620_000, ["Duesseldorf"], nrw),
        ("lyon", "Lyon", "FR", 45.74846, 4.84671, 522_000, ["Lyons"], None),
        ("paris", "Paris", "FR", 48.85341, 2.3488, 2_138_551, [], None),
        ("liverpool", "Liverpool", "GB", 53.41058, -2.97794, 864_122, [], None),
        ("perth_gb", "Perth", "GB", 56.39522, -3.43139, 47_000, [], None),
        ("perth_au", "Perth", "AU", -31.95224, 115.8614, 1_896_548, [], None),
        ("lodz", "Łódź", "PL", 51.75, 19.46667, 768_755, ["Lodz", "Лодзь"], None),
        ("krakow", "Kraków", "PL", 50.06143, 19.93658, 755_050, ["Cracow", "Krakau"], None),
        ("verona", "Verona", "IT", 45.43419, 10.99779, 255_000, [], veneto),
        ("tokyo", "Tokyo", "JP", 35.6895, 139.69171, 8_336_599, ["東京", "Tōkyō"], None),
        ("berat", "Berat", "AL", 40.70583, 19.95222, 36_496, ["Bérat"], None),
    ]
    for label, name, code, lat, lon, population, alternates, region in cities:
        g.places[label] = make_place(
            name,
            g.countries[code],
            latitude=lat,
            longitude=lon,
            population=population,
            alternate_names=alternates,
            region=region,
        )
    g.places["nrw"], g.places["veneto"] = nrw, veneto
    return g


WIKIDATA_2017_HEADER = (
    "origincityLabel",
    "origincountry",
    "originlat",
    "originlong",
    "originpopulation",
    "sistercityLabel",
    "destinationlat",
    "destinationlong",
    "destinationpopulation",
    "destination_countryLabel",
    "dist",
    "eu",
)

Line = Sequence[object] | str  # a row of values, or a verbatim line for malformed input


class SourceFiles:
    """Writes small source files in the layout of the real data directory (see SOURCES.md).

    Each writer takes rows of values, or strings written verbatim (to craft malformed lines).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def _write(self, relative: str, lines: Iterable[Line], delimiter: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            quoting = csv.writer(handle, lineterminator="\n")  # CSV files quote commas; TSV files never quote
            for line in lines:
                if isinstance(line, str):
                    handle.write(line + "\n")
                elif delimiter == ",":
                    quoting.writerow(line)
                else:
                    handle.write(delimiter.join(str(v) for v in line) + "\n")
        return path

    def wikipedia_2026(self, rows: Iterable[Line], geocoded: Iterable[Line] = ()) -> Path:
        """Hekman/twincities: `twin_cities_raw.csv`, and coordinates in `app/public/twin_cities.csv`."""
        base = "sources/Hekman__twincities/"
        self._write(
            base + "app/public/twin_cities.csv",
            [("city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"), *geocoded],
            ",",
        )
        return self._write(base + "twin_cities_raw.csv", [("city1", "country1", "city2", "country2"), *rows], ",")

    def wikidata_2017(self, rows: Iterable[Line], country_file: str = "germany.tsv") -> Path:
        """rogorido/sistercities: one TSV per origin country."""
        return self._write(
            f"sources/rogorido__sistercities/sparql/data/{country_file}", [WIKIDATA_2017_HEADER, *rows], "\t"
        )

    def wikidata_2016(self, relations: Iterable[Line], labels: dict[str, str]) -> Path:
        """L3viathan/sister-cities: `relations.tsv` (Q-id pairs) and `names.tsv` (labels)."""
        base = "sources/L3viathan__sister-cities/"
        self._write(base + "names.tsv", list(labels.items()), "\t")
        return self._write(base + "relations.tsv", relations, "\t")

    def wikipedia_2012(self, rows: Iterable[Line]) -> Path:
        """elaragon/datasets: TAB-separated edges without a header."""
        return self._write("sources/elaragon__datasets/sistercities/city_country_edges.csv", rows, "\t")
