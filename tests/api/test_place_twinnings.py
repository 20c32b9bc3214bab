from __future__ import annotations

from datetime import date
from typing import Any

from tests.api import PLACE_FIELDS, assert_error
from tests.factories import TinyGazetteer, make_place, make_twinning
from twinnings.registry.models import Twinning


def test_twinnings_of_a_place_have_the_exact_contract_shape(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    lyon = tiny_registry["lyon"]

    body = get_json(f"/api/v1/places/{lyon.pk}/twinnings")

    assert set(body) == {"count", "items"}
    assert body["count"] == 3
    for item in body["items"]:
        assert set(item) == {"partner", "kind", "status", "sources", "since", "until", "distance_km"}
        assert set(item["partner"]) == PLACE_FIELDS
    cologne = tiny_registry["cologne"]
    assert body["items"][0] == {
        "partner": {
            "id": cologne.pk,
            "geonames_id": cologne.geonames_id,
            "name": "Cologne",
            "country": "DE",
            "kind": "city",
            "population": 1_075_935,
            "lat": 50.93333,
            "lon": 6.95,
        },
        "kind": "twin_town",
        "status": "active",
        "sources": ["wikidata-2017", "wikipedia-2026"],
        "since": None,
        "until": None,
        "distance_km": Twinning.objects.get(
            place_a=min(lyon, cologne, key=lambda p: p.pk), place_b=max(lyon, cologne, key=lambda p: p.pk)
        ).distance_km,
    }
    assert 500 < body["items"][0]["distance_km"] < 800


def test_partners_are_listed_by_country_then_name_from_either_side(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    for label, expected in [
        ("lyon", ["Cologne", "Frankfurt am Main", "Łódź"]),
        ("frankfurt", ["Lyon", "Kraków"]),
        ("liverpool", ["Cologne"]),
    ]:
        body = get_json(f"/api/v1/places/{tiny_registry[label].pk}/twinnings")
        assert [i["partner"]["name"] for i in body["items"]] == expected, label


def test_kind_status_and_dates_of_a_twinning(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    g = tiny_gazetteer
    twinning = make_twinning(g["perth_gb"], g["perth_au"], kind="sister_city", status="ended", since=date(1984, 5, 2))
    Twinning.objects.filter(pk=twinning.pk).update(until=date(2001, 1, 31))

    (item,) = get_json(f"/api/v1/places/{g['perth_au'].pk}/twinnings")["items"]

    assert item["partner"]["country"] == "GB"
    assert (item["kind"], item["status"], item["since"], item["until"]) == (
        "sister_city",
        "ended",
        "1984-05-02",
        "2001-01-31",
    )


def test_a_place_without_twinnings_has_an_empty_list(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    assert get_json(f"/api/v1/places/{tiny_registry['tokyo'].pk}/twinnings") == {"count": 0, "items": []}


def test_twinnings_of_a_place_are_paginated(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    hub = tiny_gazetteer["paris"]
    for number in range(70):
        make_twinning(hub, make_place(f"Partner {number:02d}", "IT"))

    default = get_json(f"/api/v1/places/{hub.pk}/twinnings")
    tail = get_json(f"/api/v1/places/{hub.pk}/twinnings", limit=20, offset=60)

    assert default["count"] == tail["count"] == 70
    assert len(default["items"]) == 50
    assert [i["partner"]["name"] for i in tail["items"]] == [f"Partner {n}" for n in range(60, 70)]


def test_twinnings_of_a_place_need_few_queries_however_many_twins(
    get_json: Any, tiny_gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    hub = tiny_gazetteer["paris"]
    for number in range(40):
        make_twinning(hub, make_place(f"Partner {number}", "IT"), sources=("wikipedia-2026", "wikidata-2016"))

    with django_assert_max_num_queries(5):  # place, registry version (2), twinnings, attestations
        body = get_json(f"/api/v1/places/{hub.pk}/twinnings", limit=500)
    assert body["count"] == 40
    assert {tuple(i["sources"]) for i in body["items"]} == {("wikidata-2016", "wikipedia-2026")}


def test_twinnings_of_an_unknown_place_are_404(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    assert_error(get_json("/api/v1/places/987654321/twinnings", 404))
