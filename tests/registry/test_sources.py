from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import SourceFiles
from twinnings.registry.sources import (
    SOURCES,
    SourceRow,
    available,
    read_wikidata_2016,
    read_wikidata_2017,
    read_wikipedia_2012,
    read_wikipedia_2026,
)

# Data lines per source, as counted in SOURCES.md.
ROWS_PER_SOURCE = {
    "wikipedia-2026": 26_114,
    "wikidata-2017": 24_926,
    "wikidata-2016": 34_182,
    "wikipedia-2012": 19_464,
}


def by_line(rows: list[SourceRow]) -> dict[int, SourceRow]:
    return {row.line: row for row in rows}


# --- the real data directory --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ROWS_PER_SOURCE))
def test_reader_yields_every_data_line_of_the_real_source(data_dir: Path, name: str) -> None:
    spec = SOURCES[name]
    assert available(data_dir, spec)
    rows = list(spec.reader(data_dir))
    assert len(rows) == ROWS_PER_SOURCE[name]
    assert [row for row in rows if row.error] == []
    assert all(row.a is not None and row.b is not None and row.a.name for row in rows)


def test_primary_source_takes_coordinates_from_the_geocoded_file(data_dir: Path) -> None:
    rows = list(read_wikipedia_2026(data_dir))
    located = sum(1 for row in rows for end in (row.a, row.b) if end is not None and end.latitude is not None)
    assert located / (2 * len(rows)) > 0.9
    berat = next(row for row in rows if row.raw["city1"] == "Berat")
    assert berat.a is not None and berat.a.latitude == pytest.approx(40.7022)
    assert berat.file == "sources/Hekman__twincities/twin_cities_raw.csv" and berat.line == 2


def test_wikidata_2017_reads_all_25_country_files(data_dir: Path) -> None:
    files = {row.file for row in read_wikidata_2017(data_dir)}
    assert len(files) == 25
    assert "sources/rogorido__sistercities/sparql/data/germany.tsv" in files


def test_wikidata_2016_endpoints_are_labelled_and_have_no_country(data_dir: Path) -> None:
    rows = list(read_wikidata_2016(data_dir))
    assert all(row.a is not None and row.a.country is None for row in rows)
    assert all(row.raw["label_a"] and row.raw["label_b"] for row in rows)


# --- crafted files: layout, line numbers, malformed lines ---------------------------------------


def test_primary_source_reports_lines_with_the_wrong_number_of_columns(source_files: SourceFiles) -> None:
    source_files.wikipedia_2026(
        [
            ("Lyon", "France", "Cologne", "Germany"),
            "Lyon,France,Liverpool",
            "Lyon,France,Paris,France,extra",
            ("Córdoba, Bolívar", "Colombia", "Lyon", "France"),
        ]
    )
    rows = by_line(list(read_wikipedia_2026(source_files.root)))
    assert sorted(rows) == [2, 3, 4, 5]
    assert rows[3].error == "expected 4 columns, found 3" and rows[3].a is None
    assert rows[4].error == "expected 4 columns, found 5"
    assert rows[5].error == "" and rows[5].a is not None and rows[5].a.name == "Córdoba, Bolívar"
    assert rows[2].raw == {"city1": "Lyon", "country1": "France", "city2": "Cologne", "country2": "Germany"}
    assert rows[2].file == "sources/Hekman__twincities/twin_cities_raw.csv"


def test_primary_source_coordinates_are_hints_and_bad_ones_are_ignored(source_files: SourceFiles) -> None:
    source_files.wikipedia_2026(
        [("Lyon", "France", "Cologne", "Germany"), ("Perth", "Canada", "Lyon", "France")],
        geocoded=[
            ("Lyon", "France", "45.75", "4.85", "Cologne", "Germany", "not a number", "6.95"),
            ("Perth", "Canada", "-31.95", "115.86", "Lyon", "France", "", ""),
        ],
    )
    rows = by_line(list(read_wikipedia_2026(source_files.root)))
    lyon, cologne = rows[2].a, rows[2].b
    assert lyon is not None and (lyon.latitude, lyon.longitude) == (45.75, 4.85)
    assert cologne is not None and cologne.latitude is None
    perth = rows[3].a
    assert perth is not None and perth.latitude == -31.95, "wrong coordinates are passed on, as a hint"


def test_primary_source_without_the_geocoded_file_reads_names_only(source_files: SourceFiles) -> None:
    path = source_files.wikipedia_2026([("Lyon", "France", "Cologne", "Germany")])
    (path.parent / "app" / "public" / "twin_cities.csv").unlink()
    [row] = read_wikipedia_2026(source_files.root)
    assert row.error == "" and row.a is not None and row.a.latitude is None


def test_primary_source_stray_quote_does_not_swallow_the_following_lines(source_files: SourceFiles) -> None:
    source_files.wikipedia_2026(
        [
            '"Lyon,France,Cologne,Germany',
            ("Paris", "France", "Kraków", "Poland"),
            ("Lyon", "France", "Łódź", "Poland"),
        ]
    )
    rows = by_line(list(read_wikipedia_2026(source_files.root)))
    assert rows[2].error
    assert rows[3].b is not None and rows[3].b.name == "Kraków"
    assert rows[4].b is not None and rows[4].b.name == "Łódź"


def test_wikidata_2017_reports_short_rows_and_bad_coordinates(source_files: SourceFiles) -> None:
    good = ("Köln", "Germany", "50.94", "6.96", "1060582", "Lyon", "45.76", "4.84", "", "France", "560", "EU")
    source_files.wikidata_2017(
        [
            good,
            "Köln\tGermany\t50.94",
            ("Köln", "Germany", "north", "6.96", "", "Lille", "50.63", "3.06", "", "France", "300", "EU"),
            ("Bonn", "Germany", "", "", "", "Oxford", "", "", "", "United Kingdom", "", "EU"),
        ]
    )
    source_files.wikidata_2017([good], country_file="austria.tsv")
    rows = list(read_wikidata_2017(source_files.root))
    assert [row.file.rsplit("/", 1)[1] for row in rows] == ["austria.tsv"] + ["germany.tsv"] * 4
    germany = by_line(rows[1:])
    assert germany[2].error == "" and germany[2].a is not None and germany[2].a.latitude == 50.94
    assert germany[2].b is not None and (germany[2].b.name, germany[2].b.country) == ("Lyon", "France")
    assert germany[3].error == "missing columns"
    assert germany[4].error.startswith("bad coordinate")
    assert germany[5].error == "" and germany[5].a is not None and germany[5].a.latitude is None


def test_wikidata_2016_reports_lines_without_two_ids_and_labels_the_rest(source_files: SourceFiles) -> None:
    source_files.wikidata_2016(
        ["Q365\tQ456", "Q365", "Q365\tLyon", "Q365\tQ999"],
        labels={"Q365": "Köln", "Q456": "Lyon"},
    )
    rows = by_line(list(read_wikidata_2016(source_files.root)))
    assert rows[1].a is not None and rows[1].b is not None
    assert (rows[1].a.name, rows[1].b.name, rows[1].a.country) == ("Köln", "Lyon", None)
    assert rows[2].error == "expected two Wikidata ids"
    assert rows[3].error == "expected two Wikidata ids"
    assert rows[4].error == "" and rows[4].b is not None and rows[4].b.name == "", "unlabelled id: empty name"


def test_wikipedia_2012_reports_lines_with_the_wrong_number_of_fields(source_files: SourceFiles) -> None:
    source_files.wikipedia_2012(
        [
            ("12", "Čačak", "Serbia", "13", "Bratunac", "Bosnia and Herzegovina"),
            "12\tČačak\tSerbia\t14\tFilippoi",
            ("3049", "Newburyport,_Massachusetts", "USA", "8753", "Bura,_Taita-Taveta_District,_Kenya", "Kenya"),
        ]
    )
    rows = by_line(list(read_wikipedia_2012(source_files.root)))
    assert rows[1].a is not None and rows[1].a.name == "Čačak"
    assert rows[2].error == "expected 6 columns, found 5"
    assert rows[3].a is not None and rows[3].a.name == "Newburyport,_Massachusetts"


@pytest.mark.parametrize("name", sorted(ROWS_PER_SOURCE))
def test_an_undecodable_line_is_reported_and_the_others_are_read(source_files: SourceFiles, name: str) -> None:
    """A byte sequence that is not UTF-8 spoils one line, not the whole source."""
    pairs = [("Paris", "Köln"), ("Lille", "Bonn"), ("Lyon", "Kraków")]
    if name == "wikipedia-2026":
        source_files.wikipedia_2026([(a, "France", b, "Germany") for a, b in pairs])
    elif name == "wikidata-2017":
        source_files.wikidata_2017([(a, "France", "", "", "", b, "", "", "", "Germany", "", "EU") for a, b in pairs])
    elif name == "wikidata-2016":
        labels = {f"Q{i}": a for i, (a, _) in enumerate(pairs, 1)} | {f"Q{i}0": b for i, (_, b) in enumerate(pairs, 1)}
        source_files.wikidata_2016([f"Q{i}\tQ{i}0" for i in range(1, 4)], labels)
    else:
        source_files.wikipedia_2012([("1", a, "France", "2", b, "Germany") for a, b in pairs])
    [path] = [p for p in source_files.root.rglob("*") if p.is_file() and b"Lille" in p.read_bytes()]
    path.write_bytes(path.read_bytes().replace(b"Lille", b"Li\xffle"))
    rows = list(SOURCES[name].reader(source_files.root))
    assert len(rows) == 3
    assert [row.b.name for row in rows if row.b is not None and not row.error][-1] == "Kraków"
