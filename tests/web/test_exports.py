from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer


def download(client: Client, fmt: str, **params: str) -> str:
    response = client.get(reverse("registry:export", args=[fmt]), params)
    assert response.status_code == 200, response.content[:300]
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode()


def pairs_of(g: TinyGazetteer, *labels: tuple[str, str]) -> set[frozenset[int]]:
    return {frozenset((g[a].pk, g[b].pk)) for a, b in labels}


def test_csv_export_contains_exactly_the_filtered_rows(client: Client, tiny_registry: TinyGazetteer) -> None:
    rows = list(csv.DictReader(io.StringIO(download(client, "csv", country="PL"))))
    assert {frozenset((int(r["place_id"]), int(r["partner_id"]))) for r in rows} == pairs_of(
        tiny_registry, ("krakow", "frankfurt"), ("lodz", "lyon")
    )
    assert {r["place_country"] for r in rows} == {"PL"}  # oriented from the filtered country


def test_json_export_contains_exactly_the_filtered_rows(client: Client, tiny_registry: TinyGazetteer) -> None:
    data = json.loads(download(client, "json", source="wikidata-2017"))
    assert data["count"] == len(data["items"]) == 2
    assert {frozenset((i["place_id"], i["partner_id"])) for i in data["items"]} == pairs_of(
        tiny_registry, ("cologne", "lyon"), ("lodz", "lyon")
    )
    both = next(i for i in data["items"] if {i["place"], i["partner"]} == {"Cologne", "Lyon"})
    assert both["sources"] == ["wikidata-2017", "wikipedia-2026"]


def test_geojson_export_contains_the_place_s_twinnings(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    data = json.loads(download(client, "geojson", place=str(cologne.pk)))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 2
    for feature in data["features"]:
        assert feature["properties"]["place_id"] == cologne.pk
        assert feature["geometry"]["coordinates"][0] == [cologne.longitude, cologne.latitude]


def test_unfiltered_export_has_every_twinning(client: Client, tiny_registry: TinyGazetteer) -> None:
    assert json.loads(download(client, "json"))["count"] == 5
    assert len(download(client, "csv").strip().splitlines()) == 1 + 5


def test_empty_export_is_valid(client: Client, tiny_registry: TinyGazetteer) -> None:
    assert json.loads(download(client, "json", status="ended")) == {"count": 0, "items": []}
    assert json.loads(download(client, "geojson", status="ended"))["features"] == []


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson"])
def test_bad_filter_on_export_is_400_with_the_message(client: Client, tiny_registry: TinyGazetteer, fmt: str) -> None:
    response = client.get(reverse("registry:export", args=[fmt]), {"country": "Germany"})
    assert response.status_code == 400
    assert b"country: expected an ISO 3166-1 alpha-2 country code" in response.content


def test_unknown_export_format_is_404(client: Client, tiny_registry: TinyGazetteer) -> None:
    assert client.get("/twinnings/export.xlsx").status_code == 404
