from __future__ import annotations

from typing import Any

from tests.api import PLACE_FIELDS, assert_error
from tests.factories import TinyGazetteer, add_names


def test_a_place_has_the_list_fields_and_more(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]

    body = get_json(f"/api/v1/places/{cologne.pk}")

    assert set(body) >= PLACE_FIELDS
    assert {k: body[k] for k in PLACE_FIELDS} == {
        "id": cologne.pk,
        "geonames_id": cologne.geonames_id,
        "name": "Cologne",
        "country": "DE",
        "kind": "city",
        "population": 1_075_935,
        "lat": 50.93333,
        "lon": 6.95,
    }
    assert body["country_name"] == "Germany"
    assert body["region"] == {"id": tiny_registry["nrw"].pk, "name": "North Rhine-Westphalia"}
    assert body["timezone"] == "Europe/Berlin"
    assert body["twin_count"] == 2
    assert body["url"] == f"http://testserver/places/{cologne.pk}/"
    assert set(body["alternate_names"]) == {"Köln", "Koeln", "Colonia", "Кёльн"}


def test_a_place_without_region_has_null_region(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    body = get_json(f"/api/v1/places/{tiny_gazetteer['paris'].pk}")

    assert body["region"] is None
    assert body["alternate_names"] == []
    assert body["twin_count"] == 0


def test_alternate_names_are_bounded(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    paris = tiny_gazetteer["paris"]
    add_names(paris, [f"Paris {n:03d}" for n in range(300)])

    body = get_json(f"/api/v1/places/{paris.pk}")

    assert len(body["alternate_names"]) == 100


def test_a_place_needs_a_fixed_number_of_queries(
    get_json: Any, tiny_registry: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(2):
        get_json(f"/api/v1/places/{tiny_registry['cologne'].pk}")


def test_an_unknown_place_is_404(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    body = get_json("/api/v1/places/987654321", 404)

    assert_error(body)
    assert "987654321" in body["detail"]
