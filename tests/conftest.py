"""Shared fixtures: the real data directory, a tiny gazetteer, a small registry, crafted source files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from pytest_django.fixtures import Settings

from tests.factories import SourceFiles, TinyGazetteer, make_tiny_gazetteer, make_twinning
from twinnings.partners import services

pytest_plugins = ["tests.workspace"]  # the standard users of permission tests


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give each PostgreSQL test run its own database, so concurrent runs on one server never collide."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        test = database.setdefault("TEST", {})
        if not test.get("NAME"):
            test["NAME"] = f"test_twinnings_{os.getpid()}"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Pages and the API cache what they compute until the registry changes, keyed by a version
    made of row counts and ids, which repeat between tests: every test starts cold, and with
    its rate-limit counters at zero."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def own_var_dir(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Iterator[Path]:
    """What tests write (partner-finder models, attachments, backups, mail) goes to a var/ of
    their own, never to the project's: a test's model written there made the next server start
    rebuild the real one in its first request."""
    var = tmp_path_factory.mktemp("var")
    settings.VAR_DIR = var
    settings.ATTACHMENTS_DIR = var / "attachments"
    settings.BACKUP_DIR = var / "backups"
    settings.EMAIL_FILE_PATH = var / "email"
    services.forget()
    yield var
    services.forget()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real data directory (`TWINNINGS_DATA_DIR`); skipped when absent, a failure under CI=true."""
    configured = settings.DATA_DIR
    path = Path(configured) if configured else None
    if path is None or not (path / "sources").is_dir():
        reason = (
            f"the real data directory is not available (TWINNINGS_DATA_DIR={configured!r}; "
            "set it to a folder holding SOURCES.md, sources/ and derived/, e.g. ../shared/data)"
        )
        if in_ci():
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture
def tiny_gazetteer(db: None) -> TinyGazetteer:
    """Eight countries, two regions and sixteen places with alternate names (see factories)."""
    return make_tiny_gazetteer()


@pytest.fixture
def tiny_registry(tiny_gazetteer: TinyGazetteer) -> TinyGazetteer:
    """The tiny gazetteer with five twinnings, one attested by two sources."""
    g = tiny_gazetteer
    make_twinning(g["cologne"], g["liverpool"])
    make_twinning(g["cologne"], g["lyon"], sources=("wikipedia-2026", "wikidata-2017"))
    make_twinning(g["lyon"], g["frankfurt"])
    make_twinning(g["krakow"], g["frankfurt"])
    make_twinning(g["lodz"], g["lyon"], sources=("wikidata-2017",))
    return g


@pytest.fixture
def source_files(tmp_path: Path) -> SourceFiles:
    """An empty data directory in the real layout; tests write small source files into it."""
    return SourceFiles(tmp_path / "data")
