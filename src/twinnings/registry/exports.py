"""CSV, JSON and GeoJSON renderings of twinning rows (pure: plain data in, text out)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from twinnings.registry.services import TwinRow

CSV_COLUMNS = [
    "twinning_id",
    "place_id",
    "place_geonames_id",
    "place",
    "place_country",
    "place_lat",
    "place_lon",
    "partner_id",
    "partner_geonames_id",
    "partner",
    "partner_country",
    "partner_lat",
    "partner_lon",
    "kind",
    "status",
    "since",
    "until",
    "distance_km",
    "sources",
]


def row_dict(row: TwinRow) -> dict[str, Any]:
    t, p, q = row.twinning, row.place, row.partner
    return {
        "twinning_id": t.pk,
        "place_id": p.pk,
        "place_geonames_id": p.geonames_id,
        "place": p.name,
        "place_country": p.country_id,
        "place_lat": p.latitude,
        "place_lon": p.longitude,
        "partner_id": q.pk,
        "partner_geonames_id": q.geonames_id,
        "partner": q.name,
        "partner_country": q.country_id,
        "partner_lat": q.latitude,
        "partner_lon": q.longitude,
        "kind": t.kind,
        "status": t.status,
        "since": t.since.isoformat() if t.since else None,
        "until": t.until.isoformat() if t.until else None,
        "distance_km": t.distance_km,
        "sources": row.sources,
    }


def _csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def iter_csv(rows: Iterable[TwinRow], batch: int = 500) -> Iterator[str]:
    """The CSV text in pieces of `batch` rows, header first (for streamed downloads)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for number, row in enumerate(rows, 1):
        data = row_dict(row)
        data["sources"] = ";".join(data["sources"])
        writer.writerow([_csv_safe(data[c]) if data[c] is not None else "" for c in CSV_COLUMNS])
        if number % batch == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def to_csv(rows: Iterable[TwinRow]) -> str:
    return "".join(iter_csv(rows))


def to_json(rows: Iterable[TwinRow]) -> str:
    items = [row_dict(r) for r in rows]
    return json.dumps({"count": len(items), "items": items}, ensure_ascii=False)


def feature(row: TwinRow) -> dict[str, Any]:
    """A twinning as a GeoJSON line from the place to its partner."""
    data = row_dict(row)
    return {
        "type": "Feature",
        "geometry": {
            "type": "LineString",
            "coordinates": [[data["place_lon"], data["place_lat"]], [data["partner_lon"], data["partner_lat"]]],
        },
        "properties": {k: v for k, v in data.items() if not k.endswith(("_lat", "_lon"))},
    }


def to_geojson(rows: Iterable[TwinRow]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [feature(r) for r in rows]}, ensure_ascii=False)


def iter_geojson(rows: Iterable[TwinRow], batch: int = 500) -> Iterator[str]:
    """The same FeatureCollection as `to_geojson`, in pieces of `batch` features (for streamed downloads)."""
    yield '{"type": "FeatureCollection", "features": ['
    pieces: list[str] = []
    first = True
    for row in rows:
        pieces.append(json.dumps(feature(row), ensure_ascii=False))
        if len(pieces) == batch:
            yield ("" if first else ", ") + ", ".join(pieces)
            pieces, first = [], False
    if pieces:
        yield ("" if first else ", ") + ", ".join(pieces)
    yield "]}"


def iter_json(rows: Iterable[TwinRow], count: int) -> Iterator[str]:
    """The same document as `to_json` (`count` known beforehand), item by item (for streamed downloads)."""
    yield f'{{"count": {int(count)}, "items": ['
    for number, row in enumerate(rows):
        yield ("" if number == 0 else ", ") + json.dumps(row_dict(row), ensure_ascii=False)
    yield "]}"
