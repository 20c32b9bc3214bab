import pytest
from django.test import Client

from tests.factories import TinyGazetteer

URL = "/api/v1/places/{}/recommendations"


def test_partners_come_ranked_with_reasons_and_without_existing_twins(
    client: Client, tiny_registry: TinyGazetteer
) -> None:
    cologne = tiny_registry["cologne"]
    response = client.get(URL.format(cologne.pk), {"limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["place"]["name"] == "Cologne"
    assert body["count"] == len(body["items"]) == 5
    ids = {item["id"] for item in body["items"]}
    assert not ids & {cologne.pk, tiny_registry["liverpool"].pk, tiny_registry["lyon"].pk}
    first = body["items"][0]
    assert first["reasons"][-1]["code"] == "distance"
    assert first["reasons"][-1]["text"].endswith("km away")
    scores = [item["score"] for item in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_a_place_without_twins_still_gets_partners(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(URL.format(tiny_registry["tokyo"].pk))
    assert response.status_code == 200
    assert response.json()["count"] > 0


def test_filters_apply(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(URL.format(tiny_registry["paris"].pk), {"country": "pl,de", "max_km": 1000})
    items = response.json()["items"]
    assert items and {item["country"] for item in items} <= {"PL", "DE"}
    assert all(item["distance_km"] <= 1000 for item in items)


def test_existing_twins_can_be_included(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(URL.format(tiny_registry["cologne"].pk), {"include_twins": "true", "limit": 50})
    assert tiny_registry["lyon"].pk in {item["id"] for item in response.json()["items"]}


def test_unknown_place_is_404(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(URL.format(999_999))
    assert response.status_code == 404
    assert "999999" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"min_population": 5000, "max_population": 100}, 400, "larger than the maximum"),
        ({"country": "Poland"}, 400, "country"),
        ({"kind": "village"}, 400, "unknown kind"),
        ({"limit": 0}, 422, "limit"),
        ({"max_km": -5}, 422, "max_km"),
    ],
)
def test_bad_filters_get_a_clear_message(
    client: Client, tiny_registry: TinyGazetteer, params: dict[str, object], status: int, message: str
) -> None:
    response = client.get(URL.format(tiny_registry["cologne"].pk), params)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_an_empty_registry_still_answers(client: Client, tiny_gazetteer: TinyGazetteer) -> None:
    response = client.get(URL.format(tiny_gazetteer["lodz"].pk), {"limit": 3})
    assert response.status_code == 200
    assert response.json()["count"] == 3
