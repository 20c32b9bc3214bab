"""The challenges pages: choosing the other place, the panel of a pair, the links that lead to them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer


def pair_url(g: TinyGazetteer, a: str, b: str) -> str:
    return reverse("challenges:pair", args=[g[a].pk, g[b].pk])


def test_the_panel_of_cologne_and_lyon(client: Client, gazetteer: TinyGazetteer) -> None:
    response = client.get(pair_url(gazetteer, "cologne", "lyon"), {"start": "2026-10-01", "end": "2026-10-31"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Working together: Cologne and Lyon" in html
    assert "No official language in common" in html
    assert "German" in html and "French" in html
    assert "Lyon keeps the same time as Cologne" in html
    assert "09:00–17:00 in Cologne = 09:00–17:00 in Lyon (8 h)" in html
    assert "597 km" in html
    assert "UK Government GHG Conversion Factors" in html
    assert "German Unity Day" in html
    assert 'class="is-holiday"' in html


def test_the_panel_speaks_the_ui_language(client: Client, gazetteer: TinyGazetteer) -> None:
    url = pair_url(gazetteer, "cologne", "lyon")
    html = client.get(url, {"start": "2026-10-01", "end": "2026-10-10"}, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert "Französisch" in html  # language names from CLDR
    assert "Tag der Deutschen Einheit" in html  # holiday names from the package


def test_cologne_and_new_york_have_a_difference_and_changes_within_the_year(
    client: Client, gazetteer: TinyGazetteer
) -> None:
    html = client.get(pair_url(gazetteer, "cologne", "new_york")).content.decode()

    assert "New York is 6 h behind Cologne" in html or "New York is 5 h behind Cologne" in html
    assert "Changes in the coming year" in html
    assert "New York changes its clocks" in html and "Cologne changes its clocks" in html
    assert "none: the places are on different landmasses" in html
    seen_from_new_york = client.get(pair_url(gazetteer, "new_york", "cologne")).content.decode()
    assert "Cologne is 6 h ahead of New York" in seen_from_new_york or "Cologne is 5 h ahead" in seen_from_new_york


def test_a_region_says_where_its_time_zone_comes_from(client: Client, gazetteer: TinyGazetteer) -> None:
    html = client.get(pair_url(gazetteer, "nrw", "lyon")).content.decode()

    assert "The place has no time zone of its own: that of the nearest place with one" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-10-31", "end": "2026-10-01"}, "is before start"),
        ({"start": "2026-01-01", "end": "2027-03-01"}, "at most 366"),
        ({"start": "31/10/2026"}, "is not a date"),
    ],
)
def test_a_bad_period_is_a_form_error(
    client: Client, gazetteer: TinyGazetteer, params: dict[str, str], message: str
) -> None:
    url = pair_url(gazetteer, "cologne", "lyon")
    response = client.get(url, params)

    assert response.status_code == 400
    html = response.content.decode()
    assert "This period cannot be compared" in html and message in html
    assert 'name="start"' in html  # the form is there to correct it
    assert client.get(url, {**params, "format": "json"}).status_code == 400


def test_unknown_places_and_a_place_with_itself(client: Client, gazetteer: TinyGazetteer) -> None:
    cologne = gazetteer["cologne"].pk
    assert client.get(reverse("challenges:pair", args=[cologne, 999_999])).status_code == 404
    assert client.get(reverse("challenges:pair", args=[999_999, cologne])).status_code == 404
    response = client.get(reverse("challenges:pair", args=[cologne, cologne]))
    assert response.status_code == 400
    assert "Choose two different places" in response.content.decode()


def test_the_panel_has_a_json_twin(client: Client, gazetteer: TinyGazetteer) -> None:
    url = pair_url(gazetteer, "cologne", "new_york")
    body: Any = client.get(url, {"format": "json", "start": "2026-11-20", "end": "2026-11-30"}).json()

    assert body["b"]["name"] == "New York"
    assert body["calendar"]["days"] == [{"day": "2026-11-26", "where": "b", "a": [], "b": ["Thanksgiving Day"]}]
    assert body["logistics"]["journeys"][0]["mode"] == "air"


def test_the_panel_reads_a_fixed_number_of_queries(
    client: Client, gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(8):  # two places, and a region's nearby zones
        assert client.get(pair_url(gazetteer, "nrw", "new_york")).status_code == 200


def test_choosing_by_name_lists_candidates_or_goes_straight_to_the_panel(
    client: Client, gazetteer: TinyGazetteer
) -> None:
    url = reverse("challenges:choose", args=[gazetteer["cologne"].pk])

    one = client.get(url, {"q": "Lyon"})
    assert one.status_code == 302
    assert one["Location"] == pair_url(gazetteer, "cologne", "lyon")

    several = client.get(url, {"q": "Perth"})
    assert several.status_code == 200
    html = several.content.decode()
    assert pair_url(gazetteer, "cologne", "perth_gb") in html and pair_url(gazetteer, "cologne", "perth_au") in html


def test_choosing_as_you_type_returns_the_candidates_only(client: Client, gazetteer: TinyGazetteer) -> None:
    url = reverse("challenges:choose", args=[gazetteer["cologne"].pk])
    response = client.get(url, {"q": "Nien"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.count('role="option"') == 2
    assert pair_url(gazetteer, "cologne", "nienburg_weser") in html


def test_choosing_by_id_and_the_errors_of_the_form(client: Client, gazetteer: TinyGazetteer) -> None:
    cologne = gazetteer["cologne"]
    url = reverse("challenges:choose", args=[cologne.pk])

    by_id = client.get(url, {"q": str(gazetteer["tokyo"].pk)})
    assert by_id["Location"] == pair_url(gazetteer, "cologne", "tokyo")
    for query, message in [
        ("999999", "No place has the id 999999"),
        (str(cologne.pk), "another place"),
        ("Atlantis", "No place found"),
    ]:
        response = client.get(url, {"q": query})
        assert response.status_code == 400, query
        assert message in response.content.decode()


def test_the_choose_page_offers_the_places_twins(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    html = client.get(reverse("challenges:choose", args=[cologne.pk])).content.decode()

    assert reverse("challenges:pair", args=[cologne.pk, tiny_registry["liverpool"].pk]) in html
    assert 'name="q"' in html


def test_the_place_page_links_to_the_panel(client: Client, gazetteer: TinyGazetteer) -> None:
    cologne = gazetteer["cologne"]
    html = client.get(cologne.get_absolute_url()).content.decode()

    assert reverse("challenges:choose", args=[cologne.pk]) in html
