"""Readers for the twinning datasets of the data directory (pure, no Django).

Each reader yields one `SourceRow` per data line: the two endpoints as the source states
them, the file and line it came from, and the original row. A line that cannot be parsed
is yielded with `error` set, so that the import reports it and goes on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(1_000_000)


@dataclass(frozen=True)
class Endpoint:
    name: str
    country: str | None  # None: the source gives no country
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class SourceRow:
    file: str
    line: int
    raw: dict[str, str]
    a: Endpoint | None = None
    b: Endpoint | None = None
    error: str = ""


@dataclass(frozen=True)
class SourceSpec:
    name: str
    title: str
    year: int | None
    licence: str
    url: str
    files: tuple[str, ...]
    reader: Callable[[Path], Iterator[SourceRow]] = field(compare=False)
    primary: bool = False
    fetched: bool = False  # read from the platform's own var/ folder (fetched from the network), not the data dir
    trust_coordinates: bool = False  # coordinates more reliable than country strings (Wikidata's P625)


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    number = float(value)
    return number if -180.0 <= number <= 180.0 else None


def _relative(path: Path, root: Path) -> str:
    return str(path.relative_to(root))


def read_wikipedia_2026(root: Path) -> Iterator[SourceRow]:
    """Hekman/twincities: pairs from the raw scrape, coordinates as hints from the app's CSV."""
    base = root / "sources" / "Hekman__twincities"
    coordinates: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    geocoded = base / "app" / "public" / "twin_cities.csv"
    if geocoded.is_file():
        with geocoded.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for side in ("1", "2"):
                    try:
                        point = (_float(row.get(f"lat{side}")), _float(row.get(f"lng{side}")))
                    except ValueError:
                        continue
                    coordinates.setdefault((row[f"city{side}"], row[f"country{side}"]), point)
    path = base / "twin_cities_raw.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for line, values in enumerate(reader, start=2):
            raw = dict(zip(header, values))
            if len(values) != 4:
                yield SourceRow(_relative(path, root), line, raw, error=f"expected 4 columns, found {len(values)}")
                continue
            city1, country1, city2, country2 = values
            yield SourceRow(
                _relative(path, root), line, raw,
                Endpoint(city1, country1, *coordinates.get((city1, country1), (None, None))),
                Endpoint(city2, country2, *coordinates.get((city2, country2), (None, None))),
            )


ROGORIDO_COLUMNS = ("origincityLabel", "origincountry", "originlat", "originlong", "sistercityLabel",
                    "destinationlat", "destinationlong", "destination_countryLabel")


def read_wikidata_2017(root: Path) -> Iterator[SourceRow]:
    """rogorido/sistercities: Wikidata P190 per EU country (May 2017), with coordinates."""
    folder = root / "sources" / "rogorido__sistercities" / "sparql" / "data"
    for path in sorted(folder.glob("*.tsv")):
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            for line, row in enumerate(reader, start=2):
                raw = {k: v for k, v in row.items() if k is not None}
                if any(row.get(column) is None for column in ROGORIDO_COLUMNS):
                    yield SourceRow(_relative(path, root), line, raw, error="missing columns")
                    continue
                try:
                    a = Endpoint(row["origincityLabel"], row["origincountry"],
                                 _float(row["originlat"]), _float(row["originlong"]))
                    b = Endpoint(row["sistercityLabel"], row["destination_countryLabel"],
                                 _float(row["destinationlat"]), _float(row["destinationlong"]))
                except ValueError as error:
                    yield SourceRow(_relative(path, root), line, raw, error=f"bad coordinate: {error}")
                    continue
                yield SourceRow(_relative(path, root), line, raw, a, b)


def read_wikidata_2016(root: Path) -> Iterator[SourceRow]:
    """L3viathan/sister-cities: directed P190 statements between Q-ids, labels without countries."""
    base = root / "sources" / "L3viathan__sister-cities"
    labels: dict[str, str] = {}
    with (base / "names.tsv").open(encoding="utf-8") as handle:
        for text in handle:
            qid, _, label = text.rstrip("\n").partition("\t")
            labels[qid] = label
    path = base / "relations.tsv"
    with path.open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            parts = text.rstrip("\n").split("\t")
            raw = {"qid_a": parts[0], "qid_b": parts[1] if len(parts) > 1 else ""}
            if len(parts) != 2 or not all(p.startswith("Q") for p in parts):
                yield SourceRow(_relative(path, root), line, raw, error="expected two Wikidata ids")
                continue
            raw.update(label_a=labels.get(parts[0], ""), label_b=labels.get(parts[1], ""))
            yield SourceRow(_relative(path, root), line, raw,
                            Endpoint(raw["label_a"], None), Endpoint(raw["label_b"], None))


def read_wikipedia_2012(root: Path) -> Iterator[SourceRow]:
    """elaragon/datasets (Kaltenbrunner et al. 2013): enwiki article titles with countries."""
    path = root / "sources" / "elaragon__datasets" / "sistercities" / "city_country_edges.csv"
    with path.open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            parts = text.rstrip("\n").split("\t")
            if len(parts) != 6:
                yield SourceRow(_relative(path, root), line, {"line": text[:500]},
                                error=f"expected 6 columns, found {len(parts)}")
                continue
            raw = dict(zip(("id_a", "title_a", "country_a", "id_b", "title_b", "country_b"), parts))
            yield SourceRow(_relative(path, root), line, raw,
                            Endpoint(parts[1], parts[2]), Endpoint(parts[4], parts[5]))


def _read_wikidata_live(root: Path) -> Iterator[SourceRow]:
    from twinnings.registry.wikidata import read_pages

    return read_pages(root)


SOURCES: dict[str, SourceSpec] = {
    spec.name: spec
    for spec in (
        SourceSpec("wikipedia-2026", "English Wikipedia lists of twin towns (2026)", 2026, "CC BY-SA 4.0",
                   "https://github.com/Hekman/twincities",
                   ("sources/Hekman__twincities/twin_cities_raw.csv",), read_wikipedia_2026, primary=True),
        SourceSpec("wikidata-2017", "Wikidata twinned administrative bodies, EU (2017)", 2017, "CC0",
                   "https://github.com/rogorido/sistercities",
                   ("sources/rogorido__sistercities/sparql/data",), read_wikidata_2017,
                   trust_coordinates=True),
        SourceSpec("wikidata-2016", "Wikidata twinned administrative bodies (2016)", 2016, "CC0",
                   "https://github.com/L3viathan/sister-cities",
                   ("sources/L3viathan__sister-cities/relations.tsv",), read_wikidata_2016),
        SourceSpec("wikipedia-2012", "English Wikipedia sister cities (2012 snapshot)", 2012, "CC BY-SA",
                   "https://github.com/elaragon/datasets",
                   ("sources/elaragon__datasets/sistercities/city_country_edges.csv",), read_wikipedia_2012),
        SourceSpec("wikidata-live", "Wikidata twinned administrative bodies (live query)", None, "CC0",
                   "https://query.wikidata.org/", ("wikidata",), _read_wikidata_live, fetched=True,
                   trust_coordinates=True),
    )
}


def available(root: Path, spec: SourceSpec) -> bool:
    return all((root / f).exists() for f in spec.files)


def raw_json(row: SourceRow) -> str:
    return json.dumps(row.raw, ensure_ascii=False)
