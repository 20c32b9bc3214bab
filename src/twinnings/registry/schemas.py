"""API shapes of the registry (twinnings, sources, headline figures), and the functions that fill them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from twinnings.places.schemas import PlaceOut, place_data
from twinnings.registry.models import Source
from twinnings.registry.services import Stats, TwinRow


class SourceSummaryOut(Schema):
    name: str
    rows_read: int = Field(description="Rows read from the source's files")
    pairs: int = Field(description="Distinct undirected pairs in the source")
    pairs_resolved: int = Field(description="Pairs whose two places were found in the gazetteer")
    unresolved: int = Field(description="Rows left in the import report, with a reason")


class SourceOut(SourceSummaryOut):
    title: str
    year: int | None
    licence: str
    url: str
    imported_at: datetime | None
    twinnings: int = Field(description="Twinnings of the registry this source attests")


class SourceListOut(Schema):
    count: int
    items: list[SourceOut]


class StatsOut(Schema):
    places: int
    twinnings: int
    countries: int = Field(description="Countries with at least one twinned place")
    sources: list[SourceSummaryOut]


KIND = "twin_town, sister_city, partner_city or friendship"
STATUS = "active, dormant, suspended or ended"
SOURCES = "Names of the sources that attest the twinning"


class TwinOut(Schema):
    """A twinning seen from one place: its partner and the facts of the twinning."""

    partner: PlaceOut
    kind: str = Field(description=KIND)
    status: str = Field(description=STATUS)
    sources: list[str] = Field(description=SOURCES)
    since: date | None
    until: date | None
    distance_km: float


class TwinListOut(Schema):
    count: int
    items: list[TwinOut]


class TwinningOut(TwinOut):
    """A twinning of the registry: both places (the one in the filtered country first)."""

    id: int
    place: PlaceOut = Field(description="The place in the filtered country, when a country is given")


class TwinningListOut(Schema):
    count: int
    items: list[TwinningOut]


def source_summary_data(source: Source) -> dict[str, Any]:
    return {
        "name": source.name,
        "rows_read": source.rows_read,
        "pairs": source.pairs,
        "pairs_resolved": source.pairs_resolved,
        "unresolved": source.unresolved,
    }


def source_data(source: Source) -> dict[str, Any]:
    """`source` annotated with `twinning_count` (see `sources_with_counts`)."""
    return {
        **source_summary_data(source),
        "title": source.title,
        "year": source.year,
        "licence": source.licence,
        "url": source.url,
        "imported_at": source.imported_at,
        "twinnings": getattr(source, "twinning_count", 0),
    }


def stats_data(stats: Stats) -> dict[str, Any]:
    return {
        "places": stats.places,
        "twinnings": stats.twinnings,
        "countries": stats.countries,
        "sources": [source_summary_data(s) for s in stats.sources],
    }


def twin_data(row: TwinRow) -> dict[str, Any]:
    t = row.twinning
    return {
        "partner": place_data(row.partner),
        "kind": t.kind,
        "status": t.status,
        "sources": row.sources,
        "since": t.since,
        "until": t.until,
        "distance_km": t.distance_km,
    }


def twinning_data(row: TwinRow) -> dict[str, Any]:
    return {"id": row.twinning.pk, "place": place_data(row.place), **twin_data(row)}
