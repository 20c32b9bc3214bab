"""The registry's public pages: the filtered list of twinnings, its exports and its map data."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from twinnings.places.overviews import country_choices
from twinnings.registry import exports, listing
from twinnings.registry import services as registry
from twinnings.registry.filters import FilterError, TwinningFilter
from twinnings.registry.models import Source, Twinning

MAP_LIMIT_DEFAULT = 4000
MAP_LIMIT_MAX = 40000
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}


@require_safe
def twinning_list(request: HttpRequest) -> HttpResponse:
    try:
        twinning_filter = TwinningFilter.from_query(request.GET)
    except FilterError as error:
        return render(request, "registry/filter_error.html", {"message": str(error)}, status=400)
    page, rows = listing.twinning_page(twinning_filter, request.GET.get("page"))
    return render(
        request,
        "registry/list.html",
        {
            "filter": twinning_filter,
            "page_obj": page,
            "rows": rows,
            "countries": country_choices(get_language() or "en"),
            "kinds": Twinning.Kind.choices,
            "statuses": Twinning.Status.choices,
            "sources": Source.objects.all(),
            "export_query": urlencode(twinning_filter.as_query()),
        },
    )


def _export_name(twinning_filter: TwinningFilter, fmt: str) -> str:
    parts = ["twinnings"] + [value for value in twinning_filter.as_query().values()]
    return "-".join(p for p in ("".join(ch for ch in part if ch.isalnum()) for part in parts) if p) + f".{fmt}"


@require_safe
def export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """Every twinning of the filter (no pagination), streamed as CSV, JSON or GeoJSON."""
    if fmt not in EXPORT_TYPES:
        raise Http404("Unknown export format")
    try:
        twinning_filter = TwinningFilter.from_query(request.GET)
    except FilterError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    rows = registry.iter_twin_rows(twinning_filter)
    content: Iterator[str]
    if fmt == "csv":
        content = exports.iter_csv(rows)
    elif fmt == "json":
        count = twinning_filter.apply(Twinning.objects.all()).count()
        content = exports.iter_json(rows, count)
    else:
        content = exports.iter_geojson(rows)
    response = StreamingHttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_export_name(twinning_filter, fmt)}"'
    return response


def _map_limit(raw: str | None) -> int:
    if not raw:
        return MAP_LIMIT_DEFAULT
    if not raw.isdigit() or not 1 <= int(raw) <= MAP_LIMIT_MAX:
        raise FilterError(f"limit: expected a whole number from 1 to {MAP_LIMIT_MAX}, got {raw[:20]!r}")
    return int(raw)


@require_safe
@gzip_page
@cache_control(public=True, max_age=600)
def map_data(request: HttpRequest) -> JsonResponse:
    """The filter's twinnings drawn compactly: lines [lat, lon, lat, lon] and the busiest places
    [id, lat, lon, name, country, twinnings], between the most-twinned places first."""
    try:
        twinning_filter = TwinningFilter.from_query(request.GET)
        limit = _map_limit(request.GET.get("limit"))
    except FilterError as error:
        return JsonResponse({"error": str(error)}, status=400)
    key = f"map:{urlencode(sorted(twinning_filter.as_query().items()))}:{limit}"
    drawing = registry.cached_for_registry(key, lambda: registry.twinning_map(twinning_filter, limit=limit))
    return JsonResponse(
        {
            "count": drawing.count,
            "shown": len(drawing.lines),
            "lines": drawing.lines,
            "places": drawing.places,
        }
    )
