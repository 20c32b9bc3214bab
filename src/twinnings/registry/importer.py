"""Importing twinning sources into the registry (the use case behind `import-twinnings`).

Each source is imported in one transaction, so an interrupted import leaves the previous
state and re-running completes it; re-running an unchanged source changes nothing:
1. read every row and resolve both ends (`resolution.resolve_pair`), with what the sources
   ranked before it established and what the other datasets say about the same pair;
   a place the gazetteer lacks but the source locates becomes an area (`areas.py`), and
   rows are resolved again until no new area appears;
2. rows that fail (malformed, unknown country, no such place, ambiguous, self-pair) go to
   the import report with file, line and reason;
3. resolved pairs (ordered by place id, both directions merged) become twinnings, created
   when new; the source's attestations are replaced by the new set;
4. twinnings that no source attests any more are removed, and areas no twinning uses;
5. figures are stored on the Source, the places' twin counts recomputed, and the planner's
   statistics refreshed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from twinnings.core.db import analyze, insert_rows
from twinnings.core.text import name_key
from twinnings.places.models import Place, PlaceName
from twinnings.registry.areas import AreaMaker, remove_unused_areas
from twinnings.registry.crossref import PartnerHints
from twinnings.registry.gazetteer_index import Gazetteer, GazetteerPlace, distance_km
from twinnings.registry.models import Attestation, Source, Twinning, UnresolvedRow
from twinnings.registry.resolution import Evidence, Resolution, Resolver, name_variants, resolve_pair
from twinnings.registry.sources import SOURCES, SourceRow, SourceSpec, available


class SourceUnavailable(Exception):
    pass


@dataclass
class ImportReport:
    source: str
    rows_read: int = 0
    pairs: int = 0
    pairs_resolved: int = 0
    unresolved: int = 0
    twinnings_created: int = 0
    twinnings_removed: int = 0
    areas_created: int = 0
    seconds: float = 0.0


def load_gazetteer() -> Gazetteer:
    regions = dict(Place.objects.filter(kind=Place.Kind.REGION).values_list("id", "name"))
    places = [
        GazetteerPlace(
            pid,
            country,
            kind,
            name_key(name),
            name_key(name) if kind == "region" else name_key(regions.get(region_id or 0, "")),
            lat,
            lon,
            population,
            origin,
        )
        for pid, country, kind, name, region_id, lat, lon, population, origin in Place.objects.values_list(
            "id", "country_id", "kind", "name", "region_id", "latitude", "longitude", "population", "created_from"
        ).iterator(chunk_size=20000)
    ]
    names = PlaceName.objects.values_list("place_id", "key").iterator(chunk_size=50000)
    return Gazetteer(places, names)


def _pair_key(row: SourceRow) -> frozenset[tuple[str, str | None]]:
    assert row.a is not None and row.b is not None
    return frozenset({(name_key(row.a.name), row.a.country), (name_key(row.b.name), row.b.country)})


def earlier_evidence(name: str) -> Evidence:
    """Pairs and twinned places attested by the sources ranked before `name` (primary first),
    so that the result of importing a source never depends on its own earlier import."""
    earlier = list(SOURCES)[: list(SOURCES).index(name)]
    pairs = set(Twinning.objects.filter(attestations__source__name__in=earlier).values_list("place_a_id", "place_b_id"))
    return Evidence(pairs=pairs, twinned={p for pair in pairs for p in pair})


MAX_PASSES = 5
Resolved = dict[tuple[int, int], list[tuple[SourceRow, bool]]]


def resolve_rows(
    spec: SourceSpec,
    root: Path,
    resolver: Resolver,
    report: ImportReport,
    evidence: Evidence,
    areas: AreaMaker,
    hints: PartnerHints | None = None,
) -> tuple[Resolved, list[tuple[SourceRow, str]]]:
    """Resolve every row: returns {(a_id, b_id): [(row, flagged)]} and [(row, reason)].

    A name the gazetteer lacks but the source locates in the claimed country becomes an area.
    After a pass that created areas, the rows that failed or that name one of the new areas
    are resolved again (until no area appears), so the result does not depend on the order
    of the rows, and a re-run finds exactly what the first run found."""
    hints = hints or PartnerHints()
    outcome: dict[int, tuple[tuple[int, int], bool] | str] = {}
    rows: list[SourceRow] = []
    failed: list[tuple[SourceRow, str]] = []
    for row in spec.reader(root):
        report.rows_read += 1
        if row.error:
            failed.append((row, f"malformed row: {row.error}"))
        else:
            rows.append(row)
    todo = list(range(len(rows)))
    for _ in range(MAX_PASSES):
        areas.new_keys.clear()
        for index in todo:
            outcome[index] = _resolve_row(rows[index], spec, resolver, evidence, areas, hints)
        if not areas.new_keys:
            break
        todo = [i for i, result in outcome.items() if isinstance(result, str) or _names_any(rows[i], areas.new_keys)]
    resolved: Resolved = {}
    resolved_pairs = set()
    for index, result in sorted(outcome.items()):
        if isinstance(result, str):
            failed.append((rows[index], result))
        else:
            resolved.setdefault(result[0], []).append((rows[index], result[1]))
            resolved_pairs.add(_pair_key(rows[index]))
    failed.sort(key=lambda item: (item[0].file, item[0].line))
    report.pairs = len({_pair_key(row) for row in rows})
    report.pairs_resolved = len(resolved_pairs)
    return resolved, failed


def _names_any(row: SourceRow, keys: set[str]) -> bool:
    assert row.a is not None and row.b is not None
    return any(
        key in keys
        for endpoint in (row.a, row.b)
        for key in [name_key(endpoint.name), *name_variants(endpoint.name).keys]
    )


def _resolve_row(
    row: SourceRow, spec: SourceSpec, resolver: Resolver, evidence: Evidence, areas: AreaMaker, hints: PartnerHints
) -> tuple[tuple[int, int], bool] | str:
    """The row's ordered pair of place ids and whether coordinates were flagged, or the reason it failed."""
    assert row.a is not None and row.b is not None
    ra, rb = resolve_pair(resolver, row.a, row.b, spec.trust_coordinates, hints, evidence)
    reason = _failure(ra, rb)
    if not reason:  # areas are created only for rows whose both ends resolve
        ra, rb = _with_areas(ra, areas), _with_areas(rb, areas)
        reason = _failure(ra, rb)
    if reason:
        return reason
    assert ra.place_id is not None and rb.place_id is not None
    return (min(ra.place_id, rb.place_id), max(ra.place_id, rb.place_id)), ra.flagged or rb.flagged


def _with_areas(resolution: Resolution, areas: AreaMaker) -> Resolution:
    if resolution.ok or resolution.new_place is None:
        return resolution
    return Resolution(areas.place_id(resolution.new_place), flagged=resolution.flagged)


def _failure(ra: Resolution, rb: Resolution) -> str:
    if not ra.ok and ra.new_place is None:
        return f"first place: {ra.reason}"
    if not rb.ok and rb.new_place is None:
        return f"second place: {rb.reason}"
    if ra.place_id is not None and ra.place_id == rb.place_id:
        return "both ends resolve to the same place"
    return ""


def source_root(spec: SourceSpec, data_dir: Path) -> Path:
    """Where a source's files are: the data directory, or var/ for sources fetched from the network."""
    return Path(settings.VAR_DIR) if spec.fetched else data_dir


def available_sources(data_dir: Path | None) -> list[str]:
    return [
        name
        for name, spec in SOURCES.items()
        if (data_dir is not None or spec.fetched) and available(source_root(spec, data_dir or Path()), spec)
    ]


def import_source(name: str, data_dir: Path, gazetteer: Gazetteer | None = None, tidy: bool = True) -> ImportReport:
    """Import one source; `tidy` removes areas no twinning uses any more (import_sources does
    that once at the end, since the gazetteer index it shares still lists them)."""
    spec = SOURCES[name]
    root = source_root(spec, data_dir)
    if not available(root, spec):
        hint = " (run `twinnings fetch-wikidata` first)" if spec.fetched else ""
        raise SourceUnavailable(f"{spec.title}: files not found under {root}{hint}")
    started = time.monotonic()
    report = ImportReport(source=name)
    resolver = Resolver(gazetteer or load_gazetteer())
    resolver.area_origins = set(list(SOURCES)[: list(SOURCES).index(name) + 1])
    with transaction.atomic():
        areas = AreaMaker(resolver.gazetteer, name)
        hints = PartnerHints.from_sources(data_dir, exclude=name)
        resolved, failed = resolve_rows(spec, root, resolver, report, earlier_evidence(name), areas, hints)
        report.areas_created = areas.created
        source, _ = Source.objects.update_or_create(
            name=spec.name,
            defaults={"title": spec.title, "year": spec.year, "licence": spec.licence, "url": spec.url},
        )
        report.twinnings_created = _upsert_twinnings(resolved, resolver)
        _replace_attestations(source, resolved)
        _replace_unresolved(source, failed)
        report.twinnings_removed = remove_unattested()
        if tidy:
            remove_unused_areas()
        report.unresolved = len(failed)
        Source.objects.filter(pk=source.pk).update(
            rows_read=report.rows_read,
            pairs=report.pairs,
            pairs_resolved=report.pairs_resolved,
            unresolved=report.unresolved,
            imported_at=timezone.now(),
        )
        refresh_twin_counts()
    report.seconds = time.monotonic() - started
    return report


def import_sources(names: list[str], root: Path, log: Callable[[str], object] | None = None) -> list[ImportReport]:
    """Import several sources, primary first, sharing one gazetteer index."""
    order = [n for n in SOURCES if n in names]
    missing = [n for n in order if not available(source_root(SOURCES[n], root), SOURCES[n])]
    if missing:
        fetched = any(SOURCES[n].fetched for n in missing)
        hint = "; run `twinnings fetch-wikidata` first" if fetched else ""
        raise SourceUnavailable(f"sources not found: {', '.join(missing)} (data directory {root}{hint})")
    gazetteer = load_gazetteer()
    reports = []
    for name in order:
        if log:
            log(f"importing {name} …")
        reports.append(import_source(name, root, gazetteer, tidy=False))
    with transaction.atomic():
        remove_unused_areas()
    analyze()
    return reports


def _upsert_twinnings(resolved: Resolved, resolver: Resolver) -> int:
    existing = set(Twinning.objects.values_list("place_a_id", "place_b_id"))
    places = resolver.gazetteer.places
    new = []
    for a, b in resolved:
        if (a, b) not in existing:
            pa, pb = places[a], places[b]
            km = round(distance_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude), 1)
            new.append(Twinning(place_a_id=a, place_b_id=b, distance_km=km))
    Twinning.objects.bulk_create(new, batch_size=2000)
    return len(new)


def _replace_attestations(source: Source, resolved: Resolved) -> None:
    ids = {(a, b): pk for pk, a, b in Twinning.objects.values_list("id", "place_a_id", "place_b_id")}
    Attestation.objects.filter(source=source).delete()
    rows = (
        (ids[pair], source.pk, row.file, row.line, json.dumps(row.raw, ensure_ascii=False), flagged)
        for pair, attestations in resolved.items()
        for row, flagged in attestations
    )
    insert_rows(
        Attestation._meta.db_table, ["twinning_id", "source_id", "file", "line", "raw", "coordinates_flagged"], rows
    )


def _replace_unresolved(source: Source, failed: list[tuple[SourceRow, str]]) -> None:
    UnresolvedRow.objects.filter(source=source).delete()
    rows = (
        (source.pk, row.file, row.line, json.dumps(row.raw, ensure_ascii=False), reason[:300]) for row, reason in failed
    )
    insert_rows(UnresolvedRow._meta.db_table, ["source_id", "file", "line", "raw", "reason"], rows)


def remove_unattested() -> int:
    deleted, _ = Twinning.objects.filter(attestations__isnull=True).delete()
    return deleted


def refresh_twin_counts() -> None:
    """Recompute Place.twin_count from the registry (two grouped queries and one update pass)."""
    counts: dict[int, int] = {}
    for field in ("place_a", "place_b"):
        for pid, n in Twinning.objects.values_list(field).annotate(n=Count("id")).values_list(field, "n"):
            counts[pid] = counts.get(pid, 0) + n
    with connection.cursor() as cursor:
        cursor.execute("UPDATE places_place SET twin_count = 0 WHERE twin_count <> 0")
    changed = [Place(id=pid, twin_count=n) for pid, n in counts.items()]
    Place.objects.bulk_update(changed, ["twin_count"], batch_size=2000)
