from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer

RAW = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def pages(g: TinyGazetteer) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    return [
        (reverse("places:detail", args=[g["hostile"].pk]), {}, {}),
        (reverse("places:detail", args=[g["cologne"].pk]), {}, {}),  # as a twin, and in the map's data
        (reverse("places:country", args=["DE"]), {}, {}),
        (reverse("registry:list"), {}, {}),
        (reverse("places:search"), {"q": "scriptv"}, {}),
        (reverse("places:search"), {"q": "scriptv"}, {"HTTP_HX_REQUEST": "true"}),
        (reverse("places:search"), {"q": RAW}, {"HTTP_HX_REQUEST": "true"}),
        (reverse("insights:index"), {}, {}),
    ]


@pytest.mark.parametrize("index", range(8))
def test_a_place_name_with_markup_is_escaped(client: Client, hostile_place: TinyGazetteer, index: int) -> None:
    url, params, headers = pages(hostile_place)[index]
    response = client.get(url, params, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert RAW not in html
    assert "<script>alert" not in html


def test_the_escaped_name_is_shown(client: Client, hostile_place: TinyGazetteer) -> None:
    html = client.get(reverse("places:detail", args=[hostile_place["hostile"].pk])).content.decode()
    assert ESCAPED in html
