from __future__ import annotations

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer, make_place, make_twinning


def test_country_page_shows_twinnings_partners_and_map(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("places:country", args=["FR"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>France</h1>" in html
    partners = {country.code: n for country, n in response.context["partners"]}
    assert partners == {"DE": 2, "PL": 1}
    assert response.context["figures"].twinnings == 3
    assert {row.place.country_id for row in response.context["rows"]} == {"FR"}  # oriented from France
    assert f"{reverse('registry:map')}?country=FR" in html
    assert f"{reverse('registry:export', args=['csv'])}?country=FR" in html


def test_country_page_counts_domestic_twinnings(client: Client, tiny_registry: TinyGazetteer) -> None:
    g = tiny_registry
    make_twinning(g["cologne"], g["dusseldorf"])
    response = client.get(reverse("places:country", args=["DE"]))
    figures = response.context["figures"]
    assert (figures.twinnings, figures.domestic) == (5, 1)
    assert dict((c.code, n) for c, n in response.context["partners"])["DE"] == 1


def test_country_page_is_paginated(client: Client, tiny_registry: TinyGazetteer) -> None:
    lyon = tiny_registry["lyon"]
    for i in range(60):
        make_twinning(lyon, make_place(f"Village {i}", "IT", latitude=44.0, longitude=9.0 + i / 100))
    first = client.get(reverse("places:country", args=["FR"]))
    second = client.get(reverse("places:country", args=["FR"]), {"page": "2"})
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 63 - 50
    assert b'rel="next"' in first.content
    assert client.get(reverse("places:country", args=["FR"]), {"page": "junk"}).status_code == 200


def test_unknown_country_is_404(client: Client, tiny_registry: TinyGazetteer) -> None:
    assert client.get(reverse("places:country", args=["ZZ"])).status_code == 404
    assert client.get("/countries/FRA/").status_code == 404
    assert client.get("/countries/%3Cx%3E/").status_code == 404


def test_lowercase_country_code_redirects(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get("/countries/fr/")
    assert response.status_code == 301
    assert response["Location"] == reverse("places:country", args=["FR"])


def test_countries_index_ranks_countries(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("places:countries"))
    assert response.status_code == 200
    rows = {row.country.code: (row.twinnings, row.twinned_places) for row in response.context["rows"]}
    assert rows == {"DE": (4, 2), "FR": (3, 1), "PL": (2, 2), "GB": (1, 1)}


def test_country_page_query_count_does_not_grow_with_twinnings(
    client: Client, tiny_registry: TinyGazetteer, django_assert_max_num_queries
) -> None:
    url = reverse("places:country", args=["FR"])
    with django_assert_max_num_queries(14):
        client.get(url)
    lyon = tiny_registry["lyon"]
    for i in range(30):
        make_twinning(
            lyon,
            make_place(f"Town {i}", "IT", latitude=44.0, longitude=9.0 + i / 100),
            sources=("wikipedia-2026", "wikidata-2017"),
        )
    cache.clear()  # cold again: figures and partner countries are recomputed too
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["rows"]) == 33
