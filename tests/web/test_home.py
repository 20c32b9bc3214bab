from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer


def test_home_shows_headline_figures_and_map(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("places:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-map="world"' in html
    assert reverse("registry:map") in html
    assert "Cologne" in html  # most twinned places
    stats = response.context["stats"]
    assert (stats.twinnings, stats.twinned_places) == (5, 6)


def test_home_renders_on_an_empty_database(client: Client, db: None) -> None:
    assert client.get(reverse("places:home")).status_code == 200


def test_pages_have_footer_credits_and_no_inline_scripts(client: Client, tiny_registry: TinyGazetteer) -> None:
    html = client.get(reverse("places:home")).content.decode()
    for credit in ("GeoNames", "CC BY 4.0", "Wikipedia", "CC BY-SA 4.0", "Wikidata", "CC0"):
        assert credit in html
    assert "data-osm-credit hidden" in html  # OpenStreetMap is credited only when tiles are shown
    for chunk in html.split("<script")[1:]:
        assert chunk.lstrip().startswith("src="), "scripts must come from static files"
    assert " onclick=" not in html and " onchange=" not in html


def test_language_switcher_offers_the_six_languages(client: Client, tiny_registry: TinyGazetteer) -> None:
    html = client.get(reverse("places:home")).content.decode()
    assert reverse("set_language") in html
    for code in ("en", "fr", "de", "es", "it", "pl"):
        assert f'<option value="{code}"' in html


def test_chosen_language_names_countries(client: Client, tiny_registry: TinyGazetteer) -> None:
    germany = tiny_registry.countries["DE"]
    germany.names = {"en": "Germany", "fr": "Allemagne"}
    germany.save()
    client.cookies["django_language"] = "fr"
    html = client.get(reverse("places:detail", args=[tiny_registry["cologne"].pk])).content.decode()
    assert '<html lang="fr"' in html
    assert "Allemagne" in html


def test_basemap_draws_the_gazetteer_without_tiles(client: Client, tiny_registry: TinyGazetteer) -> None:
    data = client.get(reverse("places:basemap")).json()
    assert data["step"] == 0.5
    cells = list(zip(data["cells"][::2], data["cells"][1::2]))
    assert (round(50.93333 / 0.5), round(6.95 / 0.5)) in cells  # Cologne


def test_map_data_is_compact_lines_and_places(client: Client, tiny_registry: TinyGazetteer) -> None:
    data = client.get(reverse("registry:map")).json()
    assert data["count"] == data["shown"] == 5
    assert all(len(line) == 4 for line in data["lines"])
    names = {p[3] for p in data["places"]}
    assert {"Cologne", "Lyon", "Liverpool"} <= names


def test_map_data_follows_the_filter_and_limit(client: Client, tiny_registry: TinyGazetteer) -> None:
    data = client.get(reverse("registry:map"), {"country": "PL"}).json()
    assert data["count"] == 2
    limited = client.get(reverse("registry:map"), {"limit": "1"}).json()
    assert (limited["count"], limited["shown"]) == (5, 1)


def test_map_data_rejects_bad_parameters(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("registry:map"), {"limit": "lots"})
    assert response.status_code == 400
    assert "limit" in response.json()["error"]
    response = client.get(reverse("registry:map"), {"status": "sleeping"})
    assert response.status_code == 400
    assert "status" in response.json()["error"]
