from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer

HTMX = {"HTTP_HX_REQUEST": "true"}


def autocomplete(client: Client, query: str) -> str:
    response = client.get(reverse("places:search"), {"q": query}, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def test_autocomplete_finds_a_place_by_an_alternate_name_in_another_script(
    client: Client, tiny_registry: TinyGazetteer
) -> None:
    html = autocomplete(client, "Кёль")
    assert tiny_registry["cologne"].get_absolute_url() in html
    assert "Кёльн" in html  # the name that matched is shown beside the primary name
    assert 'role="listbox"' in html and 'role="option"' in html


def test_autocomplete_finds_a_place_by_a_prefix_without_diacritics(
    client: Client, tiny_registry: TinyGazetteer
) -> None:
    html = autocomplete(client, "lod")
    assert tiny_registry["lodz"].get_absolute_url() in html
    assert "Łódź" in html


def test_autocomplete_shows_country_and_twin_count(client: Client, tiny_registry: TinyGazetteer) -> None:
    html = autocomplete(client, "cologne")
    assert "Germany" in html
    assert "2 twinnings" in html


def test_autocomplete_is_a_fragment_and_the_page_is_a_page(client: Client, tiny_registry: TinyGazetteer) -> None:
    fragment = autocomplete(client, "krak")
    assert "<html" not in fragment
    page = client.get(reverse("places:search"), {"q": "krak"})
    assert page.status_code == 200
    assert b"<html" in page.content
    assert tiny_registry["krakow"].get_absolute_url().encode() in page.content


def test_autocomplete_says_when_nothing_matches(client: Client, tiny_registry: TinyGazetteer) -> None:
    html = autocomplete(client, "Zzyzx")
    assert "No place found" in html
    assert 'role="option"' not in html


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 10_000, "'; DROP TABLE places_place; --", "%_\\", "\u202e\u0000\ufffd", "🏙️", "<b>"],
)
def test_any_input_gives_results_or_an_empty_list(client: Client, tiny_registry: TinyGazetteer, query: str) -> None:
    assert client.get(reverse("places:search"), {"q": query}, **HTMX).status_code == 200
    assert client.get(reverse("places:search"), {"q": query}).status_code == 200
