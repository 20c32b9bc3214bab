from __future__ import annotations

from typing import Any

from tests.factories import TinyGazetteer
from twinnings.registry.models import Source


def test_sources_list_their_import_figures_and_attested_twinnings(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    Source.objects.filter(name="wikidata-2017").update(
        title="Wikidata (2017)",
        year=2017,
        url="https://example.org/wd",
        rows_read=10,
        pairs=8,
        pairs_resolved=7,
        unresolved=2,
    )

    body = get_json("/api/v1/sources")

    assert set(body) == {"count", "items"}
    assert body["count"] == 2
    by_name = {s["name"]: s for s in body["items"]}
    assert by_name["wikidata-2017"] == {
        "name": "wikidata-2017",
        "title": "Wikidata (2017)",
        "year": 2017,
        "licence": "CC0",
        "url": "https://example.org/wd",
        "imported_at": None,
        "rows_read": 10,
        "pairs": 8,
        "pairs_resolved": 7,
        "unresolved": 2,
        "twinnings": 2,
    }
    assert by_name["wikipedia-2026"]["twinnings"] == 4


def test_sources_need_one_query(
    get_json: Any, tiny_registry: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(1):
        get_json("/api/v1/sources")
