"""/api/v1/places/{id}/consortium: groups for a networks-of-towns application."""

from __future__ import annotations

from django.test import Client

from tests.factories import TinyGazetteer


def test_consortia_of_a_place(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    data = client.get(f"/api/v1/places/{cologne.pk}/consortium", {"limit": 3}).json()
    assert data["place"]["name"] == "Cologne"
    assert 1 <= data["count"] <= 3 and data["count"] == len(data["groups"])
    for group in data["groups"]:
        assert group["members"][0]["id"] == cologne.pk
        assert 4 <= len(group["members"]) <= 6 and len(group["countries"]) >= 4
        assert {link["kind"] for link in group["links"]} <= {"twinned", "recommended"}
    assert any(link["kind"] == "twinned" for link in data["groups"][0]["links"])


def test_consortium_parameters_are_checked(client: Client, tiny_registry: TinyGazetteer) -> None:
    pk = tiny_registry["cologne"].pk
    assert client.get(f"/api/v1/places/{pk}/consortium", {"max_size": 9}).status_code == 422
    assert client.get(f"/api/v1/places/{pk}/consortium", {"min_countries": 3}).status_code == 422
    five = client.get(f"/api/v1/places/{pk}/consortium", {"min_countries": 5}).json()
    assert all(len(g["countries"]) >= 5 for g in five["groups"])
    assert client.get("/api/v1/places/999999/consortium").status_code == 404
