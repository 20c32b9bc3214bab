"""The registry import on crafted source files against the tiny gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.factories import SourceFiles, TinyGazetteer
from twinnings.places.models import Place
from twinnings.registry import importer
from twinnings.registry.models import Attestation, Source, Twinning, UnresolvedRow

PRIMARY = [
    ("Lyon", "France", "Cologne", "Germany"),  # line 2
    ("Cologne", "Germany", "Lyon", "France"),  # line 3: the same pair, listed from the other side
    "Lyon,France,Liverpool",  # line 4: malformed
    ("Nienburg", "Germany", "Nienburg", "Germany"),  # line 5: a self-pair (the scraper lost the qualifiers)
    ("Kraków", "Poland", "Atlantis", "Greece"),  # line 6: no such place
    ("Łódź", "Poland", "Liverpool", "England"),  # line 7
    ("Lodz", "Poland", "Köln", "Germany"),  # line 8: names without and in another language
    ("Perth", "Scotland", "Perth", "Australia"),  # line 9: homonyms in two countries
    ("Tokyo", "Japa", "Paris", "France"),  # line 10: a typo in the country
    ("Lyon", "Austria-Hungary", "Paris", "France"),  # line 11: no present-day country
    ("Veneto", "Italy", "Kraków", "Poland"),  # line 12: a region-level twinning
]
PRIMARY_FILE = "sources/Hekman__twincities/twin_cities_raw.csv"


def pairs() -> set[frozenset[str]]:
    def label(place: Place) -> str:
        return f"{place.name}/{place.country_id}"

    return {
        frozenset({label(t.place_a), label(t.place_b)}) for t in Twinning.objects.select_related("place_a", "place_b")
    }


def unresolved() -> dict[int, str]:
    return dict(UnresolvedRow.objects.values_list("line", "reason"))


def snapshot() -> dict[str, Any]:
    """Everything an import writes, without the ids of rows that are replaced on each run."""
    return {
        "twinnings": sorted(
            Twinning.objects.values_list("id", "place_a_id", "place_b_id", "kind", "status", "distance_km")
        ),
        "attestations": sorted(
            (t, s, f, line, str(raw), flagged)
            for t, s, f, line, raw, flagged in Attestation.objects.values_list(
                "twinning_id", "source__name", "file", "line", "raw", "coordinates_flagged"
            )
        ),
        "unresolved": sorted(
            (s, f, line, str(raw), reason)
            for s, f, line, raw, reason in UnresolvedRow.objects.values_list(
                "source__name", "file", "line", "raw", "reason"
            )
        ),
        "sources": sorted(
            Source.objects.values_list("name", "rows_read", "pairs", "pairs_resolved", "unresolved", "imported_at")
        ),
        "twin_counts": sorted(Place.objects.filter(twin_count__gt=0).values_list("id", "twin_count")),
    }


@pytest.fixture
def primary(source_files: SourceFiles, tiny_gazetteer: TinyGazetteer) -> Path:
    source_files.wikipedia_2026(PRIMARY)
    return source_files.root


def test_resolved_rows_become_twinnings(primary: Path) -> None:
    report = importer.import_source("wikipedia-2026", primary)
    assert pairs() == {
        frozenset({"Lyon/FR", "Cologne/DE"}),
        frozenset({"Łódź/PL", "Liverpool/GB"}),
        frozenset({"Łódź/PL", "Cologne/DE"}),
        frozenset({"Perth/GB", "Perth/AU"}),
        frozenset({"Tokyo/JP", "Paris/FR"}),
        frozenset({"Veneto/IT", "Kraków/PL"}),
    }
    assert report.twinnings_created == 6
    assert all(t.place_a_id < t.place_b_id for t in Twinning.objects.all())


def test_both_directions_of_a_pair_merge_into_one_twinning(primary: Path, tiny_gazetteer: TinyGazetteer) -> None:
    importer.import_source("wikipedia-2026", primary)
    lyon, cologne = tiny_gazetteer["lyon"], tiny_gazetteer["cologne"]
    twinning = Twinning.objects.get(
        place_a=min(lyon, cologne, key=lambda p: p.pk), place_b=max(lyon, cologne, key=lambda p: p.pk)
    )
    assert sorted(twinning.attestations.values_list("line", flat=True)) == [2, 3]
    assert list(twinning.sources.distinct().values_list("name", flat=True)) == ["wikipedia-2026"]


def test_malformed_row_is_reported_with_its_line_number_and_the_rest_imported(primary: Path) -> None:
    importer.import_source("wikipedia-2026", primary)
    row = UnresolvedRow.objects.get(line=4)
    assert row.file == PRIMARY_FILE
    assert row.reason == "malformed row: expected 4 columns, found 3"
    assert row.raw == {"city1": "Lyon", "country1": "France", "city2": "Liverpool"}
    assert Twinning.objects.count() == 6


def test_self_pair_is_rejected_with_a_reason(primary: Path) -> None:
    importer.import_source("wikipedia-2026", primary)
    assert unresolved()[5] == "both ends resolve to the same place"
    assert not Twinning.objects.filter(place_a__name="Nienburg").exists()


def test_every_unresolved_row_is_kept_with_its_reason(primary: Path) -> None:
    report = importer.import_source("wikipedia-2026", primary)
    reasons = unresolved()
    assert sorted(reasons) == [4, 5, 6, 11]
    assert reasons[6] == "second place: no such place in GR: 'Atlantis'"
    assert reasons[11] == "first place: unknown country 'Austria-Hungary'"
    source = Source.objects.get(name="wikipedia-2026")
    assert (report.rows_read, report.unresolved) == (11, 4)
    assert (source.rows_read, source.unresolved, source.pairs, source.pairs_resolved) == (11, 4, 9, 6)
    assert source.imported_at is not None


def test_place_twin_counts_follow_the_registry(primary: Path, tiny_gazetteer: TinyGazetteer) -> None:
    importer.import_source("wikipedia-2026", primary)
    g = tiny_gazetteer
    counts = dict(Place.objects.values_list("id", "twin_count"))
    assert counts[g["lodz"].pk] == 2
    assert counts[g["cologne"].pk] == 2
    assert counts[g["frankfurt"].pk] == 0


def test_reimporting_an_unchanged_source_changes_nothing(primary: Path) -> None:
    importer.import_source("wikipedia-2026", primary)
    before = snapshot()
    report = importer.import_source("wikipedia-2026", primary)
    after = snapshot()
    assert (report.twinnings_created, report.twinnings_removed) == (0, 0)
    before["sources"] = [s[:-1] for s in before["sources"]]  # the import time is the only change
    after["sources"] = [s[:-1] for s in after["sources"]]
    assert after == before


def test_a_row_dropped_from_the_source_removes_its_twinning_on_reimport(
    primary: Path, source_files: SourceFiles
) -> None:
    importer.import_source("wikipedia-2026", primary)
    source_files.wikipedia_2026([row for row in PRIMARY if row[0] != "Tokyo"])
    report = importer.import_source("wikipedia-2026", primary)
    assert report.twinnings_removed == 1
    assert frozenset({"Tokyo/JP", "Paris/FR"}) not in pairs()


def test_a_pair_attested_by_two_sources_is_one_twinning_that_survives_either(
    primary: Path, source_files: SourceFiles
) -> None:
    source_files.wikidata_2017(
        [("Köln", "Germany", "50.94", "6.96", "", "Lyon", "45.76", "4.84", "", "France", "560", "EU")]
    )
    importer.import_source("wikipedia-2026", primary)
    importer.import_source("wikidata-2017", primary)
    twinning = Twinning.objects.get(place_a__name__in=["Lyon", "Cologne"], place_b__name__in=["Lyon", "Cologne"])
    assert sorted(twinning.sources.distinct().values_list("name", flat=True)) == ["wikidata-2017", "wikipedia-2026"]
    assert Twinning.objects.count() == 6

    source_files.wikipedia_2026([row for row in PRIMARY if row[0] not in {"Lyon", "Cologne"}])
    importer.import_source("wikipedia-2026", primary)
    twinning.refresh_from_db()
    assert list(twinning.sources.distinct().values_list("name", flat=True)) == ["wikidata-2017"]


def test_wrong_source_coordinates_are_flagged_not_trusted(
    source_files: SourceFiles, tiny_gazetteer: TinyGazetteer
) -> None:
    source_files.wikipedia_2026(
        [("Perth", "Scotland", "Lyon", "France")],
        geocoded=[("Perth", "Scotland", "-31.95", "115.86", "Lyon", "France", "45.75", "4.85")],
    )
    importer.import_source("wikipedia-2026", source_files.root)
    attestation = Attestation.objects.get()
    assert attestation.coordinates_flagged
    assert {attestation.twinning.place_a_id, attestation.twinning.place_b_id} == {
        tiny_gazetteer["perth_gb"].pk,
        tiny_gazetteer["lyon"].pk,
    }


def test_names_without_countries_resolve_by_name_alone(
    source_files: SourceFiles, tiny_gazetteer: TinyGazetteer
) -> None:
    source_files.wikidata_2016(["Q365\tQ456", "Q456\tQ365", "Q365\tQ1"], {"Q365": "Köln", "Q456": "Lyon"})
    report = importer.import_source("wikidata-2016", source_files.root)
    assert pairs() == {frozenset({"Lyon/FR", "Cologne/DE"})}
    assert Attestation.objects.count() == 2
    assert (report.rows_read, report.unresolved) == (3, 1)
    assert unresolved()[3] == "second place: empty name"


def test_missing_source_files_raise_and_change_nothing(
    source_files: SourceFiles, tiny_gazetteer: TinyGazetteer
) -> None:
    with pytest.raises(importer.SourceUnavailable):
        importer.import_source("wikipedia-2012", source_files.root)
    assert not Source.objects.exists()


@pytest.mark.parametrize("step", ["_replace_attestations", "_replace_unresolved", "refresh_twin_counts"])
def test_a_failure_mid_import_leaves_the_database_as_it_was_and_a_rerun_completes(
    primary: Path, source_files: SourceFiles, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    importer.import_source("wikipedia-2026", primary)
    before = snapshot()
    source_files.wikipedia_2026([*PRIMARY, ("Verona", "Italy", "Lyon", "France"), "broken"])

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("interrupted")

    with monkeypatch.context() as patch:
        patch.setattr(importer, step, fail)
        with pytest.raises(RuntimeError, match="interrupted"):
            importer.import_source("wikipedia-2026", primary)
    assert snapshot() == before

    report = importer.import_source("wikipedia-2026", primary)
    assert report.twinnings_created == 1
    assert frozenset({"Verona/IT", "Lyon/FR"}) in pairs()
    assert unresolved()[14] == "malformed row: expected 4 columns, found 1"


@pytest.mark.django_db(transaction=True)
def test_a_failed_first_import_leaves_an_empty_registry(primary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Committed transactions, as in production: nothing of the failed import is left behind."""
    monkeypatch.setattr(importer, "refresh_twin_counts", lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        importer.import_source("wikipedia-2026", primary)
    assert (Source.objects.count(), Twinning.objects.count(), UnresolvedRow.objects.count()) == (0, 0, 0)
    monkeypatch.undo()
    importer.import_source("wikipedia-2026", primary)
    assert Twinning.objects.count() == 6
