"""The challenges pages under the Content-Security-Policy, and with hostile names and queries."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer, make_place

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(rb"<[^>]+\sstyle\s*=", re.IGNORECASE)
RAW = '<script>alert("x")</script>'


@pytest.mark.parametrize("page", ["choose", "pair", "candidates"])
def test_the_pages_need_nothing_the_policy_forbids(client: Client, gazetteer: TinyGazetteer, page: str) -> None:
    cologne, lyon = gazetteer["cologne"].pk, gazetteer["lyon"].pk
    if page == "pair":
        response = client.get(reverse("challenges:pair", args=[cologne, lyon]))
    else:
        headers = {"HTTP_HX_REQUEST": "true"} if page == "candidates" else {}
        response = client.get(reverse("challenges:choose", args=[cologne]), {"q": "Pe"}, **headers)

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.search(response.content)
    assert not STYLE_ATTRIBUTE.search(response.content)


def test_a_hostile_name_and_query_are_escaped(client: Client, gazetteer: TinyGazetteer) -> None:
    hostile = make_place(RAW, "FR", latitude=48.0, longitude=2.0, timezone="Europe/Paris")
    cologne = gazetteer["cologne"].pk

    pages = [
        client.get(reverse("challenges:pair", args=[cologne, hostile.pk])),
        client.get(reverse("challenges:pair", args=[cologne, hostile.pk]), {"start": RAW}),
        client.get(reverse("challenges:choose", args=[cologne]), {"q": RAW}),
        client.get(reverse("challenges:choose", args=[cologne]), {"q": RAW}, HTTP_HX_REQUEST="true"),
    ]

    assert [r.status_code for r in pages] == [200, 400, 302, 200]  # the name finds the one place it names
    for response in pages:
        assert b"<script>alert" not in response.content
