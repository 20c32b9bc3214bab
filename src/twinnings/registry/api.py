"""Read API of the registry: twinnings (JSON, CSV, GeoJSON), sources, headline figures."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Field, Query, Router, Schema

from twinnings.core.schemas import ERRORS, Page
from twinnings.registry.exports import iter_csv, iter_geojson
from twinnings.registry.filters import TwinningFilter
from twinnings.registry.listing import twinning_slice
from twinnings.registry.schemas import (
    SourceListOut,
    StatsOut,
    TwinningListOut,
    source_data,
    stats_data,
    twinning_data,
)
from twinnings.registry.services import iter_twin_rows, sources_with_counts, stats

router = Router()

EXPORTS = {
    "csv": (iter_csv, "text/csv; charset=utf-8"),
    "geojson": (iter_geojson, "application/geo+json"),
}
EXPORT_DOCS = {
    "responses": {
        200: {
            "description": "A page of twinnings (json), or every matching twinning as a download (csv, geojson)",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/geo+json": {"schema": {"type": "object"}},
            },
        }
    }
}


class TwinningQuery(Schema):
    country: str | None = Field(None, description="ISO 3166-1 alpha-2: twinnings with a place in this country")
    partner_country: str | None = Field(None, description="ISO 3166-1 alpha-2 of the other place (needs country)")
    status: str | None = Field(None, description="active, dormant, suspended or ended")
    kind: str | None = Field(None, description="twin_town, sister_city, partner_city or friendship")
    source: str | None = Field(None, description="Name of a source that attests the twinning")
    place: str | None = Field(None, description="Id of a place of the twinning")
    domestic: str | None = Field(None, description="true: both places in one country; false: in two")


@router.get("/stats", response={200: StatsOut, **ERRORS}, tags=["registry"], summary="Headline figures")
def get_stats(request: HttpRequest) -> dict[str, Any]:
    return stats_data(stats())


@router.get("/sources", response={200: SourceListOut, **ERRORS}, tags=["registry"], summary="Sources")
def list_sources(request: HttpRequest) -> dict[str, Any]:
    """The datasets the registry was imported from, with their import figures."""
    items = [source_data(s) for s in sources_with_counts()]
    return {"count": len(items), "items": items}


@router.get(
    "/twinnings",
    response={200: TwinningListOut, **ERRORS},
    tags=["registry"],
    summary="Twinnings",
    openapi_extra=EXPORT_DOCS,
)
def list_twinnings(
    request: HttpRequest,
    filters: Query[TwinningQuery],
    page: Query[Page],
    format: Literal["json", "csv", "geojson"] = "json",
) -> dict[str, Any] | StreamingHttpResponse:
    """Twinnings matching the filter, in id order, each with the place in `country` first.
    `format=json` is paginated; `csv` and `geojson` stream every matching twinning."""
    twinning_filter = TwinningFilter.from_query(filters.dict(exclude_none=True))
    if format in EXPORTS:
        render, content_type = EXPORTS[format]
        response = StreamingHttpResponse(render(iter_twin_rows(twinning_filter)), content_type=content_type)
        name = "-".join(["twinnings", *twinning_filter.as_query().values()])
        response["Content-Disposition"] = f'attachment; filename="{_safe_filename(name)}.{format}"'
        return response
    count, rows = twinning_slice(twinning_filter, page.offset, page.limit)
    return {"count": count, "items": [twinning_data(r) for r in rows]}


def _safe_filename(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in name)[:100]
