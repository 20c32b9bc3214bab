"""`twinnings bootstrap` fills an empty database, and finishes one that a killed run left
half-filled: the gazetteer and the first sources committed, the others not yet imported."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder
from pytest_django.fixtures import Settings

from tests.factories import SourceFiles, TinyGazetteer
from twinnings.partners import services
from twinnings.registry import importer
from twinnings.registry.models import Attestation, Source, Twinning

PRIMARY = [("Lyon", "France", "Cologne", "Germany"), ("Łódź", "Poland", "Liverpool", "England")]
WIKIDATA_2017 = [("Köln", "Germany", "50.94", "6.96", "", "Kraków", "50.06", "19.94", "", "Poland", "560", "EU")]


@pytest.fixture
def two_sources(source_files: SourceFiles, tiny_gazetteer: TinyGazetteer, settings: Settings) -> SourceFiles:
    source_files.wikipedia_2026(PRIMARY)
    source_files.wikidata_2017(WIKIDATA_2017)
    settings.DATA_DIR = str(source_files.root)
    return source_files


def registry() -> tuple[list[str], int, int]:
    return (
        list(Source.objects.order_by("name").values_list("name", flat=True)),
        Twinning.objects.count(),
        (Attestation.objects.count()),
    )


def test_bootstrap_imports_every_available_source_and_builds_the_partner_finder(two_sources: SourceFiles) -> None:
    call_command("bootstrap", stdout=StringIO())
    assert registry() == (["wikidata-2017", "wikipedia-2026"], 3, 3)
    assert services.load(services.model_path()).version == services.data_version()


def test_bootstrap_after_a_killed_run_imports_the_sources_it_left_out(two_sources: SourceFiles) -> None:
    importer.import_source("wikipedia-2026", two_sources.root)  # all that the killed run committed
    out = StringIO()
    call_command("bootstrap", stdout=out)
    assert registry() == (["wikidata-2017", "wikipedia-2026"], 3, 3)
    assert "wikidata-2017" in out.getvalue()


def test_bootstrap_on_a_filled_database_changes_nothing(two_sources: SourceFiles) -> None:
    call_command("bootstrap", stdout=StringIO())
    imported = dict(Source.objects.values_list("name", "imported_at"))
    built = services.model_path().stat().st_mtime_ns
    call_command("bootstrap", stdout=StringIO())
    assert dict(Source.objects.values_list("name", "imported_at")) == imported
    assert services.model_path().stat().st_mtime_ns == built


def test_bootstrap_rebuilds_a_partner_finder_older_than_the_registry(two_sources: SourceFiles) -> None:
    call_command("bootstrap", stdout=StringIO())
    before = services.load(services.model_path()).version
    Twinning.objects.order_by("pk").last().delete()  # the registry changes
    out = StringIO()
    call_command("bootstrap", stdout=out)
    after = services.load(services.model_path()).version
    assert after != before
    assert after == services.data_version()
    assert "built" in out.getvalue()


def test_bootstrap_on_a_database_missing_migrations_says_to_migrate_and_imports_nothing(
    two_sources: SourceFiles,
) -> None:
    MigrationRecorder.Migration.objects.filter(app="registry").order_by("-name")[:1].get().delete()
    with pytest.raises(
        CommandError, match=r"missing 1 migration\(s\) \(the first: registry\.\d{4}_\w+\): run `twinnings migrate`"
    ):
        call_command("bootstrap", stdout=StringIO())
    assert registry() == ([], 0, 0)
