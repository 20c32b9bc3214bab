"""Bad input: any search text gives results or an empty list, unknown ids 404, forged parameters
400/422 with a message, and every error is JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.api import assert_error
from tests.factories import TinyGazetteer

NASTY_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    "Köln" * 2_500,
    "\x00",
    "Lyon\x00; DROP TABLE places_place; --",
    "' OR '1'='1",
    '" OR ""="',
    "%",
    "_",
    "%_%",
    "\\",
    "Robert'); DROP TABLE registry_twinning;--",
    "/*",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "😀🏳️‍🌈",
    "\u202e\u202dLyon",  # bidirectional overrides
    "\ufeff\u200b\u200d",  # BOM and zero-width characters
    "e\u0301" * 300,  # combining accents
    "\U0010ffff",  # the highest code point (also the SQLite range bound)
    "\ud7ff\ue000",
    "ﷺ",  # a ligature that NFKD expands to 18 characters
    "ǅ",
    "İstanbul",
    "ß" * 150,  # folds to 300 characters
    "東京" * 1000,
    "null",
    "-1",
    "1e309",
]


@pytest.mark.parametrize("query", NASTY_QUERIES, ids=range(len(NASTY_QUERIES)))
def test_any_search_text_gives_results_or_an_empty_list(
    get_json: Any, tiny_registry: TinyGazetteer, query: str
) -> None:
    body = get_json("/api/v1/places", q=query)

    assert isinstance(body["count"], int)
    assert isinstance(body["items"], list)


def test_undecodable_bytes_in_the_query_string_are_harmless(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get("/api/v1/places?q=%ff%fe%00%c3&country=%e2%82")
    assert response.status_code in (200, 400)
    assert_error(response.json()) if response.status_code == 400 else response.json()["items"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "-1"},
        {"limit": "0"},
        {"limit": "501"},
        {"limit": str(10**9)},
        {"limit": str(10**30)},
        {"limit": "ten"},
        {"limit": "1.5"},
        {"limit": ""},
        {"offset": "-1"},
        {"offset": str(10**30)},
        {"offset": "NaN"},
    ],
)
@pytest.mark.parametrize("url", ["/api/v1/places", "/api/v1/twinnings", "/api/v1/places/{id}/twinnings"])
def test_forged_pagination_is_422_with_a_message(
    get_json: Any, tiny_registry: TinyGazetteer, url: str, params: dict[str, str]
) -> None:
    body = get_json(url.format(id=tiny_registry["lyon"].pk), 422, **params)

    assert_error(body)
    assert next(iter(params)) in body["detail"]
    assert body["errors"][0]["loc"] == ["query", next(iter(params))]


@pytest.mark.parametrize("place_id", ["abc", "1.0", "-1", "0", "1e3", str(2**63), "9" * 40, "%00", "１２"])
@pytest.mark.parametrize("suffix", ["", "/twinnings"])
def test_malformed_place_ids_are_422(get_json: Any, tiny_registry: TinyGazetteer, place_id: str, suffix: str) -> None:
    body = get_json(f"/api/v1/places/{place_id}{suffix}", 422)

    assert_error(body)
    assert body["detail"].startswith("id:")


@pytest.mark.parametrize("place_id", [str(2**63 - 1), "987654321"])
def test_unknown_place_ids_are_404(get_json: Any, tiny_registry: TinyGazetteer, place_id: str) -> None:
    assert_error(get_json(f"/api/v1/places/{place_id}", 404))
    assert_error(get_json(f"/api/v1/places/{place_id}/twinnings", 404))


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/places/1/twins/2", "/api/v1/stats/"])
def test_unknown_api_paths_are_json_404(get_json: Any, db: None, path: str) -> None:
    assert_error(get_json(path, 404))


def test_an_unexpected_failure_is_a_json_500(
    client: Client, tiny_registry: TinyGazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("twinnings.registry.api.stats", broken)

    response = client.get("/api/v1/stats")

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error"}  # no internals leak out
