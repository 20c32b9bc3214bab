from __future__ import annotations

from typing import Any

import pytest

from tests.api import PLACE_FIELDS, assert_error
from tests.factories import TinyGazetteer, make_place


def names(body: dict[str, Any]) -> list[str]:
    return [item["name"] for item in body["items"]]


def test_places_list_has_the_exact_contract_shape(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    body = get_json("/api/v1/places", q="Köln")

    assert set(body) == {"count", "items"}
    cologne = tiny_registry["cologne"]
    assert body == {
        "count": 1,
        "items": [
            {
                "id": cologne.pk,
                "geonames_id": cologne.geonames_id,
                "name": "Cologne",
                "country": "DE",
                "kind": "city",
                "population": 1_075_935,
                "lat": 50.93333,
                "lon": 6.95,
            }
        ],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("koln", "Cologne"),  # diacritics dropped
        ("KÖLN", "Cologne"),
        ("Кёльн", "Cologne"),  # Cyrillic
        ("東京", "Tokyo"),  # CJK
        ("lodz", "Łódź"),
        ("Łódź", "Łódź"),
        ("Cracow", "Kraków"),  # an English exonym
        ("Nordrhein", "North Rhine-Westphalia"),  # a region by its German name
    ],
)
def test_places_are_found_by_any_of_their_names(
    get_json: Any, tiny_gazetteer: TinyGazetteer, query: str, expected: str
) -> None:
    assert names(get_json("/api/v1/places", q=query)) == [expected]


def test_search_ranks_twinned_places_before_populous_ones(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    make_place("Frankfurt Heights", "AU", population=5_000_000)

    found = names(get_json("/api/v1/places", q="frankfurt"))

    assert found == ["Frankfurt am Main", "Frankfurt Heights", "Frankfurt (Oder)"]


def test_without_a_query_places_come_most_populous_first(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    body = get_json("/api/v1/places", country="FR")

    assert names(body) == ["Paris", "Lyon"]
    assert body["count"] == 2


def test_places_are_filtered_by_country_case_insensitively(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    body = get_json("/api/v1/places", q="perth", country="au")

    assert [(i["name"], i["country"]) for i in body["items"]] == [("Perth", "AU")]


def test_a_place_is_found_by_its_geonames_id(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    lyon = tiny_gazetteer["lyon"]

    body = get_json("/api/v1/places", geonames_id=str(lyon.geonames_id))

    assert [i["id"] for i in body["items"]] == [lyon.pk]


def test_regions_are_places_of_kind_region(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    body = get_json("/api/v1/places", kind="region")

    assert sorted(names(body)) == ["North Rhine-Westphalia", "Veneto"]
    assert {i["kind"] for i in body["items"]} == {"region"}
    assert {i["geonames_id"] for i in body["items"]} == {None}


def test_twinned_filter_keeps_places_with_twinnings(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    twinned = get_json("/api/v1/places", twinned="true")
    untwinned = get_json("/api/v1/places", twinned="false")

    assert sorted(names(twinned)) == ["Cologne", "Frankfurt am Main", "Kraków", "Liverpool", "Lyon", "Łódź"]
    assert twinned["count"] + untwinned["count"] == 18


def test_places_are_paginated_with_limit_and_offset(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    everything = get_json("/api/v1/places", limit=500)
    first = get_json("/api/v1/places", limit=5)
    last = get_json("/api/v1/places", limit=5, offset=15)
    beyond = get_json("/api/v1/places", offset=100)

    assert everything["count"] == first["count"] == last["count"] == beyond["count"] == 18
    assert len(everything["items"]) == 18
    assert first["items"] == everything["items"][:5]
    assert last["items"] == everything["items"][15:]
    assert beyond["items"] == []
    for item in everything["items"]:
        assert set(item) == PLACE_FIELDS


def test_places_default_to_fifty_per_page(get_json: Any, db: None) -> None:
    for number in range(60):
        make_place(f"Village {number}", "FR", population=number)

    body = get_json("/api/v1/places")

    assert body["count"] == 60
    assert len(body["items"]) == 50


def test_places_list_needs_two_queries(
    get_json: Any, tiny_registry: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(2):
        get_json("/api/v1/places", q="fr", limit=500)


@pytest.mark.parametrize(
    "params",
    [
        {"country": "FRA"},
        {"country": "1"},
        {"country": "F"},
        {"geonames_id": "-5"},
        {"geonames_id": "abc"},
        {"geonames_id": "1" * 40},
        {"kind": "village"},
        {"twinned": "maybe"},
    ],
)
def test_bad_place_filters_are_400_with_a_message(
    get_json: Any, tiny_gazetteer: TinyGazetteer, params: dict[str, str]
) -> None:
    assert_error(get_json("/api/v1/places", 400, **params))
