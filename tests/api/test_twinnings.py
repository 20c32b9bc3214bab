from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from tests.api import PLACE_FIELDS, assert_error
from tests.factories import TinyGazetteer, make_place, make_twinning
from twinnings.registry.exports import CSV_COLUMNS

ITEM_FIELDS = {"id", "place", "partner", "kind", "status", "sources", "since", "until", "distance_km"}


def pairs(body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(i["place"]["name"], i["partner"]["name"]) for i in body["items"]]


def download(client: Client, **params: str) -> tuple[Any, str]:
    response = client.get("/api/v1/twinnings", params)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return response, response.getvalue().decode()


def test_twinnings_list_shape(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    body = get_json("/api/v1/twinnings")

    assert set(body) == {"count", "items"}
    assert body["count"] == 5
    ids = [i["id"] for i in body["items"]]
    assert ids == sorted(ids)
    for item in body["items"]:
        assert set(item) == ITEM_FIELDS
        assert set(item["place"]) == set(item["partner"]) == PLACE_FIELDS
        assert item["place"]["id"] < item["partner"]["id"]  # no country given: stored order


def test_country_filter_puts_the_countrys_place_first(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    body = get_json("/api/v1/twinnings", country="FR")

    assert body["count"] == 3
    assert {i["place"]["name"] for i in body["items"]} == {"Lyon"}
    assert sorted(i["partner"]["name"] for i in body["items"]) == ["Cologne", "Frankfurt am Main", "Łódź"]


def test_country_pair_filter_works_in_both_directions(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    fr_de = get_json("/api/v1/twinnings", country="FR", partner_country="DE")
    de_fr = get_json("/api/v1/twinnings", country="de", partner_country="fr")

    assert sorted(pairs(fr_de)) == [("Lyon", "Cologne"), ("Lyon", "Frankfurt am Main")]
    assert sorted(pairs(de_fr)) == [("Cologne", "Lyon"), ("Frankfurt am Main", "Lyon")]


def test_status_kind_source_place_and_domestic_filters(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    g = tiny_registry
    make_twinning(g["dusseldorf"], g["nienburg_weser"], kind="partner_city", status="dormant")

    assert pairs(get_json("/api/v1/twinnings", status="dormant")) == [("Nienburg", "Düsseldorf")]  # by place id
    assert get_json("/api/v1/twinnings", status="ended")["count"] == 0
    assert get_json("/api/v1/twinnings", kind="partner_city")["count"] == 1
    assert get_json("/api/v1/twinnings", source="wikidata-2017")["count"] == 2
    assert get_json("/api/v1/twinnings", source="no-such-source")["count"] == 0
    assert get_json("/api/v1/twinnings", place=str(g["frankfurt"].pk))["count"] == 2
    assert pairs(get_json("/api/v1/twinnings", domestic="true")) == [("Nienburg", "Düsseldorf")]
    assert get_json("/api/v1/twinnings", domestic="false")["count"] == 5


def test_twinnings_are_paginated(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    everything = get_json("/api/v1/twinnings")
    page = get_json("/api/v1/twinnings", limit=2, offset=2)

    assert page["count"] == 5
    assert page["items"] == everything["items"][2:4]
    assert get_json("/api/v1/twinnings", offset=5)["items"] == []


def test_twinnings_list_needs_a_fixed_number_of_queries_however_many_rows(
    get_json: Any, tiny_gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    hub = tiny_gazetteer["paris"]
    for number in range(60):
        make_twinning(hub, make_place(f"Partner {number}", "IT"), sources=("wikipedia-2026", "wikidata-2016"))

    # Cold: the registry version, the filter's ids, the page's twinnings and their sources.
    with django_assert_max_num_queries(4):
        body = get_json("/api/v1/twinnings", country="FR", limit=500)
    assert body["count"] == len(body["items"]) == 60
    # Warm: the ids are cached until the registry changes, and only the page is read.
    with django_assert_max_num_queries(2):
        again = get_json("/api/v1/twinnings", country="FR", limit=500)
    assert again == body


def test_csv_download_holds_every_matching_twinning(client: Client, tiny_registry: TinyGazetteer) -> None:
    response, text = download(client, country="FR", format="csv", limit="1")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="twinnings-FR.csv"'
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3  # limit is for JSON pages only
    assert {r["place"] for r in rows} == {"Lyon"}
    by_partner = {r["partner"]: r for r in rows}
    assert by_partner["Cologne"]["sources"] == "wikidata-2017;wikipedia-2026"
    assert by_partner["Łódź"]["partner_country"] == "PL"


def test_geojson_download_is_a_feature_collection_of_lines(client: Client, tiny_registry: TinyGazetteer) -> None:
    response, text = download(client, country="FR", partner_country="DE", format="geojson")

    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == 'attachment; filename="twinnings-FR-DE.geojson"'
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    lyon = tiny_registry["lyon"]
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "LineString"
        assert feature["geometry"]["coordinates"][0] == [lyon.longitude, lyon.latitude]
        assert feature["properties"]["place"] == "Lyon"


def test_an_empty_download_is_still_valid(client: Client, tiny_registry: TinyGazetteer) -> None:
    _, text = download(client, country="JP", format="geojson")
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    _, text = download(client, country="JP", format="csv")
    assert text.splitlines() == [",".join(CSV_COLUMNS)]


def test_downloads_are_read_in_bounded_chunks(
    client: Client, tiny_gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    hub = tiny_gazetteer["paris"]
    for number in range(120):
        make_twinning(hub, make_place(f"Partner {number}", "IT"))

    with django_assert_max_num_queries(4):  # one chunk: twinnings with places, then their sources
        _, text = download(client, format="csv")
    assert len(text.splitlines()) == 121


def test_json_format_is_the_default(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    assert get_json("/api/v1/twinnings", format="json") == get_json("/api/v1/twinnings")


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"format": "xml"}, 422),
        ({"format": ""}, 422),
        ({"status": "divorced"}, 400),
        ({"kind": "cousin_city"}, 400),
        ({"country": "France"}, 400),
        ({"partner_country": "DE"}, 400),  # needs country as well
        ({"country": "FR", "partner_country": "D3"}, 400),
        ({"place": "Lyon"}, 400),
        ({"place": "-1"}, 400),
        ({"place": "²"}, 400),  # a Unicode digit that int() refuses
        ({"domestic": "sometimes"}, 400),
        ({"source": "x\x00y"}, 400),
        ({"source": "'; DROP TABLE registry_twinning; --"}, 400),
    ],
)
def test_bad_twinning_filters_are_rejected_with_a_message(
    get_json: Any, tiny_registry: TinyGazetteer, params: dict[str, str], status: int
) -> None:
    assert_error(get_json("/api/v1/twinnings", status, **params))
