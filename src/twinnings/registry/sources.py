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


def lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each line of a UTF-8 file; text is None where the bytes are not
    UTF-8, so that one bad line spoils that line only."""
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            try:
                yield number, data.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield number, None


def _fields(text: str, delimiter: str = ",") -> list[str]:
    """One line's fields (each line parsed on its own: a stray quote cannot swallow the next)."""
    return next(csv.reader([text], delimiter=delimiter), [])


NOT_UTF8 = "not valid UTF-8"


def _geocoded(path: Path) -> dict[tuple[str, str], tuple[float | None, float | None]]:
    coordinates: dict[tuple[str, str], tuple[float | None, float | None]] = {}
    if not path.is_file():
        return coordinates
    header: list[str] = []
    for number, text in lines(path):
        if text is None:
            continue
        if number == 1:
            header = _fields(text)
            continue
        row = dict(zip(header, _fields(text)))
        for side in ("1", "2"):
            try:
                point = (_float(row.get(f"lat{side}")), _float(row.get(f"lng{side}")))
            except ValueError:
                continue
            if f"city{side}" in row and f"country{side}" in row:
                coordinates.setdefault((row[f"city{side}"], row[f"country{side}"]), point)
    return coordinates


def read_wikipedia_2026(root: Path) -> Iterator[SourceRow]:
    """Hekman/twincities: pairs from the raw scrape, coordinates as hints from the app's CSV."""
    base = root / "sources" / "Hekman__twincities"
    coordinates = _geocoded(base / "app" / "public" / "twin_cities.csv")
    path = base / "twin_cities_raw.csv"
    file = _relative(path, root)
    header = ["city1", "country1", "city2", "country2"]
    for line, text in lines(path):
        if line == 1:
            continue
        if text is None:
            yield SourceRow(file, line, {}, error=NOT_UTF8)
            continue
        values = _fields(text)
        raw = dict(zip(header, values))
        if len(values) != 4:
            yield SourceRow(file, line, raw or {"line": text[:500]}, error=f"expected 4 columns, found {len(values)}")
            continue
        city1, country1, city2, country2 = values
        yield SourceRow(
            file,
            line,
            raw,
            Endpoint(city1, country1, *coordinates.get((city1, country1), (None, None))),
            Endpoint(city2, country2, *coordinates.get((city2, country2), (None, None))),
        )


ROGORIDO_COLUMNS = (
    "origincityLabel",
    "origincountry",
    "originlat",
    "originlong",
    "sistercityLabel",
    "destinationlat",
    "destinationlong",
    "destination_countryLabel",
)


def read_wikidata_2017(root: Path) -> Iterator[SourceRow]:
    """rogorido/sistercities: Wikidata P190 per EU country (May 2017), with coordinates."""
    folder = root / "sources" / "rogorido__sistercities" / "sparql" / "data"
    for path in sorted(folder.glob("*.tsv")):
        file = _relative(path, root)
        header: list[str] = []
        for line, text in lines(path):
            if line == 1:
                header = _fields(text or "", "\t")
                continue
            if text is None:
                yield SourceRow(file, line, {}, error=NOT_UTF8)
                continue
            row = dict(zip(header, _fields(text, "\t")))
            if any(column not in row for column in ROGORIDO_COLUMNS):
                yield SourceRow(file, line, row, error="missing columns")
                continue
            try:
                a = Endpoint(
                    row["origincityLabel"], row["origincountry"], _float(row["originlat"]), _float(row["originlong"])
                )
                b = Endpoint(
                    row["sistercityLabel"],
                    row["destination_countryLabel"],
                    _float(row["destinationlat"]),
                    _float(row["destinationlong"]),
                )
            except ValueError as error:
                yield SourceRow(file, line, row, error=f"bad coordinate: {error}")
                continue
            yield SourceRow(file, line, row, a, b)


def read_wikidata_2016(root: Path) -> Iterator[SourceRow]:
    """L3viathan/sister-cities: directed P190 statements between Q-ids, labels without countries."""
    base = root / "sources" / "L3viathan__sister-cities"
    labels: dict[str, str] = {}
    for _, text in lines(base / "names.tsv"):
        if text is not None:  # an undecodable label leaves its id unlabelled
            qid, _, label = text.partition("\t")
            labels[qid] = label
    path = base / "relations.tsv"
    file = _relative(path, root)
    for line, text in lines(path):
        if text is None:
            yield SourceRow(file, line, {}, error=NOT_UTF8)
            continue
        parts = text.split("\t")
        raw = {"qid_a": parts[0], "qid_b": parts[1] if len(parts) > 1 else ""}
        if len(parts) != 2 or not all(p.startswith("Q") for p in parts):
            yield SourceRow(file, line, raw, error="expected two Wikidata ids")
            continue
        raw.update(label_a=labels.get(parts[0], ""), label_b=labels.get(parts[1], ""))
        yield SourceRow(file, line, raw, Endpoint(raw["label_a"], None), Endpoint(raw["label_b"], None))


def read_wikipedia_2012(root: Path) -> Iterator[SourceRow]:
    """elaragon/datasets (Kaltenbrunner et al. 2013): enwiki article titles with countries."""
    path = root / "sources" / "elaragon__datasets" / "sistercities" / "city_country_edges.csv"
    file = _relative(path, root)
    for line, text in lines(path):
        if text is None:
            yield SourceRow(file, line, {}, error=NOT_UTF8)
            continue
        parts = text.split("\t")
        if len(parts) != 6:
            yield SourceRow(file, line, {"line": text[:500]}, error=f"expected 6 columns, found {len(parts)}")
            continue
        raw = dict(zip(("id_a", "title_a", "country_a", "id_b", "title_b", "country_b"), parts))
        yield SourceRow(file, line, raw, Endpoint(parts[1], parts[2]), Endpoint(parts[4], parts[5]))


def _read_wikidata_live(root: Path) -> Iterator[SourceRow]:
    from twinnings.registry.wikidata import read_pages

    return read_pages(root)


SOURCES: dict[str, SourceSpec] = {
    spec.name: spec
    for spec in (
        SourceSpec(
            "wikipedia-2026",
            "English Wikipedia lists of twin towns (2026)",
            2026,
            "CC BY-SA 4.0",
            "https://github.com/Hekman/twincities",
            ("sources/Hekman__twincities/twin_cities_raw.csv",),
            read_wikipedia_2026,
            primary=True,
        ),
        SourceSpec(
            "wikidata-2017",
            "Wikidata twinned administrative bodies, EU (2017)",
            2017,
            "CC0",
            "https://github.com/rogorido/sistercities",
            ("sources/rogorido__sistercities/sparql/data",),
            read_wikidata_2017,
            trust_coordinates=True,
        ),
        SourceSpec(
            "wikidata-2016",
            "Wikidata twinned administrative bodies (2016)",
            2016,
            "CC0",
            "https://github.com/L3viathan/sister-cities",
            ("sources/L3viathan__sister-cities/relations.tsv",),
            read_wikidata_2016,
        ),
        SourceSpec(
            "wikipedia-2012",
            "English Wikipedia sister cities (2012 snapshot)",
            2012,
            "CC BY-SA",
            "https://github.com/elaragon/datasets",
            ("sources/elaragon__datasets/sistercities/city_country_edges.csv",),
            read_wikipedia_2012,
        ),
        SourceSpec(
            "wikidata-live",
            "Wikidata twinned administrative bodies (live query)",
            None,
            "CC0",
            "https://query.wikidata.org/",
            ("wikidata",),
            _read_wikidata_live,
            fetched=True,
            trust_coordinates=True,
        ),
    )
}


def available(root: Path, spec: SourceSpec) -> bool:
    return all((root / f).exists() for f in spec.files)


def raw_json(row: SourceRow) -> str:
    return json.dumps(row.raw, ensure_ascii=False)
