from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer, make_place, make_twinning
from twinnings.registry.models import Twinning


def listed(client: Client, **params: str) -> set[frozenset[str]]:
    response = client.get(reverse("registry:list"), params)
    assert response.status_code == 200, response.content[:300]
    return {frozenset((row.place.name, row.partner.name)) for row in response.context["rows"]}


def test_list_shows_every_twinning_with_the_filter_form(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("registry:list"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("country", "partner_country", "status", "kind", "source", "domestic"):
        assert f'name="{name}"' in html
    assert response.context["page_obj"].paginator.count == 5


def test_list_filters_by_country_pair_source_and_status(client: Client, tiny_registry: TinyGazetteer) -> None:
    assert listed(client, country="PL") == {frozenset(("Kraków", "Frankfurt am Main")), frozenset(("Łódź", "Lyon"))}
    assert listed(client, country="fr", partner_country="pl") == {frozenset(("Łódź", "Lyon"))}
    assert listed(client, source="wikidata-2017") == {frozenset(("Cologne", "Lyon")), frozenset(("Łódź", "Lyon"))}
    assert listed(client, status="ended") == set()


def test_list_filters_domestic_twinnings(client: Client, tiny_registry: TinyGazetteer) -> None:
    g = tiny_registry
    make_twinning(g["cologne"], g["dusseldorf"], status=Twinning.Status.DORMANT)
    assert listed(client, domestic="true") == {frozenset(("Cologne", "Düsseldorf"))}
    assert len(listed(client, domestic="false")) == 5
    assert listed(client, status="dormant") == {frozenset(("Cologne", "Düsseldorf"))}


def test_rows_start_from_the_filtered_country(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("registry:list"), {"country": "PL"})
    assert {row.place.country_id for row in response.context["rows"]} == {"PL"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"country": "France"}, "country: expected an ISO 3166-1 alpha-2 country code"),
        ({"status": "sleeping"}, "status: expected one of"),
        ({"kind": "cousins"}, "kind: expected one of"),
        ({"domestic": "maybe"}, "domestic: expected true or false"),
        ({"partner_country": "DE"}, "partner_country: needs country as well"),
        ({"place": "-3"}, "place: expected a positive whole number"),
    ],
)
def test_bad_filter_is_400_with_the_message(
    client: Client, tiny_registry: TinyGazetteer, params: dict[str, str], message: str
) -> None:
    response = client.get(reverse("registry:list"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_list_is_paginated(client: Client, tiny_registry: TinyGazetteer) -> None:
    lyon = tiny_registry["lyon"]
    for i in range(50):
        make_twinning(lyon, make_place(f"Hamlet {i}", "IT", latitude=44.0, longitude=9.0 + i / 100))
    last = client.get(reverse("registry:list"), {"page": "2"})
    assert len(last.context["rows"]) == 5
    assert client.get(reverse("registry:list"), {"page": "999"}).context["page_obj"].number == 2


def test_list_query_count_does_not_grow_with_rows(
    client: Client, tiny_registry: TinyGazetteer, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(8):
        client.get(reverse("registry:list"))
    lyon = tiny_registry["lyon"]
    for i in range(40):
        make_twinning(
            lyon,
            make_place(f"Town {i}", "IT", latitude=44.0, longitude=9.0 + i / 100),
            sources=("wikipedia-2026", "wikipedia-2012"),
        )
    with django_assert_max_num_queries(8):
        response = client.get(reverse("registry:list"))
    assert len(response.context["rows"]) == 45
