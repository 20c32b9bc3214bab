"""The insights page (figures, tables, charts) and its data as JSON for the charts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from twinnings.insights.services import insights
from twinnings.places.models import Country
from twinnings.places.services import most_twinned

MOST_TWINNED = 25


def _distance_labels(edges: list[float]) -> list[str]:
    labels = []
    for i, low in enumerate(edges):
        high = edges[i + 1] if i + 1 < len(edges) else None
        low_text = number_format(low, 0, force_grouping=True)
        labels.append(f"{low_text}–{number_format(high, 0, force_grouping=True)}" if high else f"≥ {low_text}")
    return labels


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    data = insights()
    codes = set(data.matrix_countries) | {c for a, b, _ in data.top_pairs for c in (a, b)}
    countries = Country.objects.in_bulk(list(codes))
    language = get_language() or "en"

    def country(code: str) -> Country | None:
        return countries.get(code)

    matrix_rows = [
        (country(code), [(country(other), value) for other, value in zip(data.matrix_countries, row)])
        for code, row in zip(data.matrix_countries, data.matrix)
    ]
    return render(
        request,
        "insights/index.html",
        {
            "data": data,
            "matrix_rows": matrix_rows,
            "matrix_columns": [country(code) for code in data.matrix_countries],
            "top_pairs": [(country(a), country(b), n) for a, b, n in data.top_pairs],
            "most_twinned": most_twinned(MOST_TWINNED),
            "distance_rows": list(zip(_distance_labels(data.distance_edges_km), data.distance_counts)),
            "largest_components": data.component_sizes[:10],
            "language": language,
        },
    )


@require_safe
def data_json(request: HttpRequest) -> JsonResponse:
    """The figures behind the charts (also useful on their own)."""
    data = insights()
    return JsonResponse(
        {
            "twinnings": data.twinnings,
            "places": data.places,
            "countries": data.countries,
            "domestic": data.domestic,
            "domestic_share": round(data.domestic_share, 4),
            "distance": {
                "edges_km": data.distance_edges_km,
                "labels": _distance_labels(data.distance_edges_km),
                "counts": data.distance_counts,
                "median_km": round(data.distance_median_km, 1),
                "mean_km": round(data.distance_mean_km, 1),
            },
            "degree": {
                "mean": round(data.mean_degree, 3),
                "bins": [
                    {"low": b.low, "high": b.high, "count": b.count, "density": b.density} for b in data.degree_bins
                ],
            },
            "components": {
                "count": len(data.component_sizes),
                "largest": data.largest_component,
                "largest_share": round(data.largest_component_share, 4),
                "top": data.component_sizes[:20],
                "distribution": [{"size": size, "components": n} for size, n in data.component_distribution],
            },
            "country_matrix": {"countries": data.matrix_countries, "matrix": data.matrix},
            "top_pairs": [{"a": a, "b": b, "twinnings": n} for a, b, n in data.top_pairs],
            "sources_per_twinning": {str(k): v for k, v in data.sources_per_twinning.items()},
        }
    )
