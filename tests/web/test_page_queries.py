"""The busiest public pages make a fixed number of queries whatever the registry's size: with a
cold cache (after the registry changed) and, above all, warm (most requests), when the
figures and a filtered list's twinning ids come from the cache."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer, make_place, make_twinning
from twinnings.registry.models import Attestation, Twinning

CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')

# (url, queries with a cold cache, queries warm)
PAGES = [
    ("/", 9, 0),
    ("/countries/", 5, 0),
    ("/countries/FR/", 12, 3),
    ("/countries/FR/?page=2", 12, 3),
    ("/twinnings/", 7, 5),
    ("/twinnings/?country=FR&partner_country=IT", 6, 3),
    ("/twinnings/?kind=sister_city&page=2", 6, 3),
    ("/api/v1/twinnings?country=FR", 4, 2),
    ("/api/v1/countries/FR", 7, 3),
    ("/api/v1/stats", 6, 1),
]


def without_csrf_token(content: bytes) -> bytes:
    return CSRF_TOKEN.sub(b"", content)


@pytest.fixture
def busy_registry(tiny_registry: TinyGazetteer) -> TinyGazetteer:
    """The tiny registry and 120 more twinnings of Lyon, in two countries and two kinds."""
    lyon = tiny_registry["lyon"]
    for i in range(120):
        country = "IT" if i % 2 else "JP"
        place = make_place(f"Town {i}", country, latitude=40.0 + i / 100, longitude=9.0 + i / 100)
        make_twinning(
            lyon, place, kind="sister_city" if i % 3 else "twin_town", sources=("wikipedia-2026", "wikidata-2017")
        )
    return tiny_registry


@pytest.mark.parametrize(("url", "cold", "warm"), PAGES)
def test_page_reads_a_fixed_number_of_queries(
    client: Client, busy_registry: TinyGazetteer, django_assert_max_num_queries: Any, url: str, cold: int, warm: int
) -> None:
    cache.clear()
    with django_assert_max_num_queries(cold):
        first = client.get(url)
    with django_assert_max_num_queries(warm):
        again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert without_csrf_token(first.content) == without_csrf_token(again.content)  # the same page, from the cache


def test_pages_of_a_long_list_hold_fifty_rows(client: Client, busy_registry: TinyGazetteer) -> None:
    response = client.get(reverse("places:country", args=["FR"]), {"page": "2"})
    assert response.context["page_obj"].paginator.count == 123
    assert len(response.context["rows"]) == 50
    assert {row.place.country_id for row in response.context["rows"]} == {"FR"}
    assert all(row.sources == ["wikidata-2017", "wikipedia-2026"] for row in response.context["rows"])


def test_an_edit_that_changes_no_count_shows_at_once(client: Client, busy_registry: TinyGazetteer) -> None:
    """A twinning's kind edited one by one (the admin): the cached ids of the kind's list follow."""
    g = busy_registry
    url = reverse("registry:list")
    assert client.get(url, {"kind": "friendship"}).context["page_obj"].paginator.count == 0
    twinning = make_twinning(g["paris"], g["berat"])
    twinning.kind = "friendship"
    twinning.save()
    response = client.get(url, {"kind": "friendship"})
    assert [(row.place.name, row.partner.name) for row in response.context["rows"]] == [("Paris", "Berat")]


def test_a_new_twinning_shows_on_the_home_and_country_pages(client: Client, busy_registry: TinyGazetteer) -> None:
    g = busy_registry
    before = client.get("/countries/AL/").context["figures"]
    home_before = client.get("/").context["stats"]
    make_twinning(g["paris"], g["berat"])
    after = client.get("/countries/AL/").context["figures"]
    home_after = client.get("/").context["stats"]
    assert (before.twinnings, after.twinnings) == (0, 1)
    assert home_after.twinnings == home_before.twinnings + 1


def test_a_deleted_twinning_leaves_the_lists_at_once(client: Client, busy_registry: TinyGazetteer) -> None:
    url = reverse("registry:list")
    assert client.get(url, {"country": "GB"}).context["page_obj"].paginator.count == 1
    liverpool = busy_registry["liverpool"]
    Twinning.objects.get(Q(place_a=liverpool) | Q(place_b=liverpool)).delete()
    assert client.get(url, {"country": "GB"}).context["page_obj"].paginator.count == 0


def test_deleting_a_sources_attestations_stays_one_fast_delete(
    busy_registry: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    """As the import does before reading a source again: no attestation is loaded or signalled."""
    attestations = Attestation.objects.filter(source__name="wikidata-2017")
    expected = attestations.count()
    with django_assert_max_num_queries(1):
        deleted, _ = attestations.delete()
    assert deleted == expected > 100
