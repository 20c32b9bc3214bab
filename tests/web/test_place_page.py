from __future__ import annotations

import json

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer, make_place, make_twinning


def test_place_page_shows_facts_twins_map_and_exports(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    response = client.get(reverse("places:detail", args=[cologne.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cologne" in html
    assert "North Rhine-Westphalia" in html and "Germany" in html
    assert "1,075,935" in html  # population
    assert "Europe/Berlin" in html
    assert "Кёльн" in html  # an alternate name
    partners = [row.partner.name for row in response.context["rows"]]
    assert sorted(partners) == ["Liverpool", "Lyon"]
    for fmt in ("csv", "json", "geojson"):
        assert f"{reverse('registry:export', args=[fmt])}?place={cologne.pk}" in html
    assert "Wikidata 2017" in html and "Wikipedia 2026" in html  # sources of the Lyon twinning


def test_place_map_gets_its_twins_through_a_data_attribute(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    response = client.get(reverse("places:detail", args=[cologne.pk]))
    twins = json.loads(response.context["map_twins"])
    assert {t[3] for t in twins} == {"Liverpool", "Lyon"}
    assert 'data-map="place"' in response.content.decode()


def test_twins_table_lists_shared_official_languages(client: Client, tiny_registry: TinyGazetteer) -> None:
    g = tiny_registry
    make_twinning(g["cologne"], g["dusseldorf"])
    response = client.get(reverse("places:detail", args=[g["cologne"].pk]))
    shared = {row.partner.name: row.shared_languages for row in response.context["rows"]}
    assert shared == {"Düsseldorf": ["de"], "Liverpool": [], "Lyon": []}
    assert "<td>German</td>" in response.content.decode()


def test_twins_of_twins_are_suggested(client: Client, tiny_registry: TinyGazetteer) -> None:
    # Cologne – Lyon – Frankfurt: Frankfurt is a twin of Cologne's twin.
    response = client.get(reverse("places:detail", args=[tiny_registry["cologne"].pk]))
    suggested = [place.name for place, _ in response.context["twins_of_twins"]]
    assert "Frankfurt am Main" in suggested


def test_region_page_lists_its_twinned_places(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("places:detail", args=[tiny_registry["nrw"].pk]))
    assert response.status_code == 200
    assert [p.name for p in response.context["region_places"]] == ["Cologne"]


def test_place_without_twins_renders(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("places:detail", args=[tiny_registry["berat"].pk]))
    assert response.status_code == 200
    assert b"No twinning of this place is recorded yet." in response.content


def test_unknown_place_is_404(client: Client, tiny_registry: TinyGazetteer) -> None:
    assert client.get(reverse("places:detail", args=[999_999_999])).status_code == 404
    assert client.get("/places/not-a-number/").status_code == 404


def test_place_page_query_count_does_not_grow_with_twins(
    client: Client, tiny_registry: TinyGazetteer, django_assert_max_num_queries
) -> None:
    g = tiny_registry
    url = reverse("places:detail", args=[g["lyon"].pk])
    with django_assert_max_num_queries(10):
        client.get(url)
    for i in range(15):
        make_twinning(
            g["lyon"],
            make_place(f"Town {i}", "IT", latitude=44.0 + i / 10, longitude=10.0),
            sources=("wikipedia-2026", "wikidata-2016"),
        )
    cache.delete("registry:version")  # what a write to the registry does (other processes: within 30 s)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert len(response.context["rows"]) == 18


def test_not_found_page_is_styled(client: Client, tiny_registry: TinyGazetteer, settings) -> None:
    settings.DEBUG = False
    response = client.get("/places/0/")
    assert response.status_code == 404
    assert b"This page does not exist" in response.content
    assert b"site-header" in response.content
