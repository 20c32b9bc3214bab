"""The consortia page of a place, reached from its "Find a partner" page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer


def test_the_find_page_leads_to_the_consortia(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    html = client.get(reverse("partners:find", args=[cologne.pk])).content.decode()
    assert reverse("partners:consortium", args=[cologne.pk]) in html


def test_the_consortia_page_names_the_links(client: Client, tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    response = client.get(reverse("partners:consortium", args=[cologne.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Consortia around Cologne" in html and "Group 1:" in html
    assert "Cologne and Lyon are twinned" in html or "Lyon and Cologne are twinned" in html
    assert "recommended by the partner finder" in html
    data = client.get(reverse("partners:consortium", args=[cologne.pk]), {"format": "json"}).json()
    assert data["count"] == html.count('class="section card consortium"') >= 1
    assert client.get(reverse("partners:consortium", args=[999_999])).status_code == 404
