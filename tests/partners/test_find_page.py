from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer


def test_place_page_links_to_the_partner_finder(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    html = client.get(cologne.get_absolute_url()).content.decode()
    assert reverse("partners:find", args=[cologne.pk]) in html


def test_partner_page_lists_partners_with_reasons_and_a_map(client: Client, tiny_registry: TinyGazetteer) -> None:
    tokyo = tiny_registry["tokyo"]
    response = client.get(reverse("partners:find", args=[tokyo.pk]), {"limit": 4})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Find a partner for Tokyo" in html
    assert html.count('class="partner"') == 4
    assert "km away" in html
    assert 'data-map="place"' in html


def test_partner_page_explains_filters_it_cannot_apply(client: Client, tiny_registry: TinyGazetteer) -> None:
    url = reverse("partners:find", args=[tiny_registry["lyon"].pk])
    response = client.get(url, {"min_population": "900", "max_population": "10"})
    assert response.status_code == 400
    assert "larger than the maximum" in response.content.decode()
    assert client.get(url, {"limit": "many"}).status_code == 400


def test_partner_page_has_a_json_twin(client: Client, tiny_registry: TinyGazetteer) -> None:
    url = reverse("partners:find", args=[tiny_registry["lyon"].pk])
    body = client.get(url, {"format": "json", "country": "DE"}).json()
    assert body["count"] > 0
    assert {item["country"] for item in body["items"]} == {"DE"}
    assert client.get(reverse("partners:find", args=[999_999])).status_code == 404
