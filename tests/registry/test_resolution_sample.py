"""Entity resolution measured against a hand-checked sample of the primary source.

`data/resolution_sample.csv` holds 275 endpoints of the 2026 Wikipedia compilation (random
ones, ones with known-wrong coordinates, and hard cases: homonyms, qualifiers, regions,
districts), each with the GeoNames id it really is, `region:CC.ADMIN1`, or `none` when the
gazetteer lacks the place (then a resolver must not claim a gazetteer place: creating an
area from the source's own name and coordinates, or leaving it unresolved, is right).

Each endpoint is resolved as the import resolves it: within its source rows, with its
partner, and with what the other datasets say about the pair (`resolve_pair`).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.conf import settings

from twinnings.places import gazetteer
from twinnings.registry.crossref import PartnerHints
from twinnings.registry.gazetteer_index import Gazetteer, index_from_records
from twinnings.registry.resolution import Resolution, Resolver, resolve_pair
from twinnings.registry.sources import Endpoint, read_wikipedia_2026

SAMPLE = Path(__file__).parent / "data" / "resolution_sample.csv"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="pure computation on the gazetteer package: measured once, in the SQLite half of the suite",
)


@pytest.fixture(scope="module")
def index(data_dir: Path) -> Gazetteer:
    return index_from_records(gazetteer.read_cities(gazetteer.open_cache()), gazetteer.read_regions(str(data_dir)))


@pytest.fixture(scope="module")
def rows_of(data_dir: Path) -> dict[tuple[str, str | None], list[tuple[Endpoint, Endpoint]]]:
    """Every primary-source row an endpoint is in, as (endpoint, partner)."""
    rows: dict[tuple[str, str | None], list[tuple[Endpoint, Endpoint]]] = defaultdict(list)
    for row in read_wikipedia_2026(data_dir):
        if row.a is not None and row.b is not None:
            rows[(row.a.name, row.a.country)].append((row.a, row.b))
            rows[(row.b.name, row.b.country)].append((row.b, row.a))
    return rows


def _label(index: Gazetteer, result: Resolution) -> str:
    if result.place_id is None:
        return "none"
    if result.place_id < 0:
        return "region:" + index.region_codes[result.place_id]
    return str(result.place_id)


def test_sample_is_large_and_covers_every_kind() -> None:
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    kinds = Counter("region" if r["expected"].startswith("region:") else r["expected"] == "none" for r in rows)
    assert len(rows) >= 200
    assert kinds["region"] >= 10 and kinds[True] >= 20 and kinds[False] >= 150


@pytest.mark.slow
def test_resolution_matches_the_hand_checked_sample(
    index: Gazetteer, rows_of: dict[tuple[str, str | None], list[tuple[Endpoint, Endpoint]]], data_dir: Path
) -> None:
    resolver = Resolver(index)
    hints = PartnerHints.from_sources(data_dir, exclude="wikipedia-2026")
    sample = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    misses = []
    for row in sample:
        pairs = rows_of[(row["name"], row["country"])]
        assert pairs, f"{row['name']}, {row['country']} is not an endpoint of the primary source"
        outcomes = Counter(
            _label(index, resolve_pair(resolver, end, partner, hints=hints)[0]) for end, partner in pairs
        )
        got = outcomes.most_common(1)[0][0]
        if got != row["expected"]:
            misses.append((row["name"], row["country"], row["expected"], got))
    wrong_place = [m for m in misses if m[3] != "none"]
    accuracy = 1 - len(misses) / len(sample)
    print(
        f"\nresolution sample: {len(sample) - len(misses)}/{len(sample)} correct ({accuracy:.1%}), "
        f"{len(wrong_place)} wrong places claimed, {len(misses) - len(wrong_place)} left unresolved"
    )
    for miss in misses:
        print("  miss:", miss)
    assert accuracy >= 0.98, misses
    assert len(wrong_place) / len(sample) <= 0.01, wrong_place
