from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer, make_twinning
from twinnings.insights.services import insights


def test_insights_page_has_figures_tables_and_charts(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(reverse("insights:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for chart in ("distance", "domestic", "degree", "components", "sources"):
        assert f'data-chart="{chart}"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert 'class="heatmap"' in html
    assert [p.name for p in response.context["most_twinned"]][:2] == ["Lyon", "Cologne"]


def test_insights_data_describes_the_network(client: Client, tiny_registry: TinyGazetteer) -> None:
    data = client.get(reverse("insights:data")).json()
    assert (data["twinnings"], data["places"], data["countries"]) == (5, 6, 4)
    assert data["domestic"] == 0
    assert data["components"]["top"] == [6]
    assert data["components"]["largest_share"] == 1.0
    assert sum(data["distance"]["counts"]) == 5
    assert sum(b["count"] for b in data["degree"]["bins"]) == 6
    assert data["sources_per_twinning"] == {"1": 4, "2": 1}
    assert data["country_matrix"]["countries"][0] == "DE"
    assert data["top_pairs"][0] == {"a": "DE", "b": "FR", "twinnings": 2}


def test_insights_are_cached_until_the_registry_changes(
    client: Client, tiny_registry: TinyGazetteer, django_assert_max_num_queries
) -> None:
    assert insights().twinnings == 5
    with django_assert_max_num_queries(0):
        assert insights().twinnings == 5
    g = tiny_registry
    make_twinning(g["cologne"], g["dusseldorf"])
    from django.core.cache import cache

    cache.delete("registry:version")  # what the version's 30-second lifetime does in production
    changed = insights()
    assert (changed.twinnings, changed.domestic) == (6, 1)


def test_insights_render_on_an_empty_registry(client: Client, db: None) -> None:
    assert client.get(reverse("insights:index")).status_code == 200
    assert client.get(reverse("insights:data")).json()["twinnings"] == 0
