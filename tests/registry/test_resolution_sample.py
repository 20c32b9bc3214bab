"""Entity resolution measured against a hand-checked sample of the primary source.

`data/resolution_sample.csv` holds 275 endpoints of the 2026 Wikipedia compilation (random
ones, ones with known-wrong coordinates, and hard cases: homonyms, qualifiers, regions,
districts), each with the GeoNames id it really is, `region:CC.ADMIN1`, or `none` when the
gazetteer lacks the place (then a resolver must not claim a gazetteer place: creating an
area from the source's own name and coordinates, or leaving it unresolved, is right).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from twinnings.places import gazetteer
from twinnings.registry.resolution import Gazetteer, Resolver, index_from_records

SAMPLE = Path(__file__).parent / "data" / "resolution_sample.csv"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="pure computation on the gazetteer package: measured once, in the SQLite half of the suite",
)


@pytest.fixture(scope="module")
def index(data_dir: Path) -> Gazetteer:
    return index_from_records(gazetteer.read_cities(gazetteer.open_cache()), gazetteer.read_regions(str(data_dir)))


def _outcome(index: Gazetteer, row: dict[str, str]) -> str:
    lat = float(row["lat"]) if row["lat"] else None
    lon = float(row["lng"]) if row["lng"] else None
    result = Resolver(index).resolve(row["name"], row["country"], lat, lon)
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
def test_resolution_matches_the_hand_checked_sample(index: Gazetteer) -> None:
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    misses = []
    wrong_place = []
    for row in rows:
        got = _outcome(index, row)
        if got != row["expected"]:
            misses.append((row["name"], row["country"], row["expected"], got))
            if got != "none":
                wrong_place.append(misses[-1])
    accuracy = 1 - len(misses) / len(rows)
    print(f"\nresolution sample: {len(rows) - len(misses)}/{len(rows)} correct ({accuracy:.1%}), "
          f"{len(wrong_place)} wrong places claimed, {len(misses) - len(wrong_place)} left unresolved")
    for miss in misses:
        print("  miss:", miss)
    assert accuracy >= 0.97, misses
    assert len(wrong_place) / len(rows) <= 0.02, wrong_place
