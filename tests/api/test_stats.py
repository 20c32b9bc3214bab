from __future__ import annotations

from typing import Any

from tests.factories import TinyGazetteer, make_source
from twinnings.registry.models import Source


def test_stats_has_the_exact_contract_shape(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    body = get_json("/api/v1/stats")

    assert set(body) == {"places", "twinnings", "countries", "sources"}
    assert body["places"] == 18  # sixteen towns and two regions
    assert body["twinnings"] == 5
    assert body["countries"] == 4  # DE, FR, GB, PL have twinned places; AU, IT, JP, AL do not
    for source in body["sources"]:
        assert set(source) == {"name", "rows_read", "pairs", "pairs_resolved", "unresolved"}
        assert all(isinstance(source[k], int) for k in ("rows_read", "pairs", "pairs_resolved", "unresolved"))


def test_stats_reports_each_source_import_figures(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    Source.objects.filter(name="wikipedia-2026").update(rows_read=120, pairs=100, pairs_resolved=96, unresolved=4)

    sources = {s["name"]: s for s in get_json("/api/v1/stats")["sources"]}

    assert sources["wikipedia-2026"] == {
        "name": "wikipedia-2026",
        "rows_read": 120,
        "pairs": 100,
        "pairs_resolved": 96,
        "unresolved": 4,
    }
    assert sources["wikidata-2017"]["pairs"] == 0


def test_stats_of_an_empty_registry_are_zeros(get_json: Any, db: None) -> None:
    assert get_json("/api/v1/stats") == {"places": 0, "twinnings": 0, "countries": 0, "sources": []}


def test_stats_needs_a_fixed_number_of_queries(
    get_json: Any, tiny_registry: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    for year in range(1990, 2000):
        make_source(f"archive-{year}", year=year)
    with django_assert_max_num_queries(6):
        body = get_json("/api/v1/stats")
    assert len(body["sources"]) == 12
