from __future__ import annotations

from typing import Any

import pytest

from tests.api import assert_error
from tests.factories import TinyGazetteer, make_place, make_twinning

COUNTRY_FIELDS = {"code", "iso3", "name", "continent", "population", "languages", "names", "twinnings"}


def test_countries_list_every_country_with_its_twinnings(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    body = get_json("/api/v1/countries")

    assert set(body) == {"count", "items"}
    assert body["count"] == 8
    assert [c["name"] for c in body["items"]] == sorted(c["name"] for c in body["items"])
    for country in body["items"]:
        assert set(country) == COUNTRY_FIELDS
    twinnings = {c["code"]: c["twinnings"] for c in body["items"]}
    assert twinnings == {"DE": 4, "FR": 3, "GB": 1, "PL": 2, "IT": 0, "AU": 0, "JP": 0, "AL": 0}
    germany = next(c for c in body["items"] if c["code"] == "DE")
    assert (germany["languages"], germany["names"], germany["continent"]) == (["de"], {"en": "Germany"}, "EU")


def test_a_domestic_twinning_counts_once_for_its_country(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    make_twinning(tiny_registry["cologne"], tiny_registry["dusseldorf"])

    twinnings = {c["code"]: c["twinnings"] for c in get_json("/api/v1/countries")["items"]}

    assert twinnings["DE"] == 5


def test_countries_list_needs_few_queries(
    get_json: Any, tiny_registry: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):
        get_json("/api/v1/countries")


def test_a_country_has_its_figures_and_partner_countries(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    make_twinning(tiny_registry["cologne"], tiny_registry["dusseldorf"])

    body = get_json("/api/v1/countries/DE")

    assert set(body) == COUNTRY_FIELDS | {"places", "twinned_places", "domestic_twinnings", "partner_countries"}
    assert (body["code"], body["name"], body["names"]) == ("DE", "Germany", {"en": "Germany"})
    assert body["twinnings"] == 5
    assert body["domestic_twinnings"] == 1
    assert body["places"] == 7  # six towns and North Rhine-Westphalia
    assert body["twinned_places"] == 3
    assert body["partner_countries"] == [
        {"code": "FR", "name": "France", "twinnings": 2},
        {"code": "GB", "name": "United Kingdom", "twinnings": 1},
        {"code": "PL", "name": "Poland", "twinnings": 1},
    ]


def test_partner_countries_are_bounded(get_json: Any, tiny_gazetteer: TinyGazetteer) -> None:
    paris = tiny_gazetteer["paris"]
    for number in range(25):
        make_twinning(paris, make_place(f"Capital {number}", f"Q{chr(65 + number)}"))

    body = get_json("/api/v1/countries/fr")

    assert body["twinnings"] == 25
    assert len(body["partner_countries"]) == 20


def test_a_country_needs_few_queries(
    get_json: Any, tiny_registry: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(7):
        get_json("/api/v1/countries/FR")


def test_an_unknown_country_is_404(get_json: Any, tiny_registry: TinyGazetteer) -> None:
    body = get_json("/api/v1/countries/ZZ", 404)
    assert_error(body)
    assert "ZZ" in body["detail"]


@pytest.mark.parametrize("code", ["FRA", "F", "F1", "12", "ÉÉ", "F%00", "%27%3B"])
def test_a_malformed_country_code_is_422(get_json: Any, tiny_registry: TinyGazetteer, code: str) -> None:
    assert_error(get_json(f"/api/v1/countries/{code}", 422))
