"""The slow public pages, one request at a time: time and SQL queries, before and after a change.

Four pages used to hold two thirds of the mixed read workload's time (bench_load.py): the home
page, a country page, the twinnings list and the API's twinnings of a country. Each URL is
requested in process through Django's test client (no server, no network), on the full
bootstrap of the real datasets:

- **warm**: --requests requests one after another, after one that fills the caches. This is
  what a serving process does most of the time (the registry changes only with an import or
  an agreement).
- **cold**: --cold requests, each after the cache was cleared: what the first visitor pays
  after the registry changed, or in a new worker when the cache is per process
  (TWINNINGS_CACHE_URL unset).

It prints the median and p95 in ms and the SQL queries of one request of each kind. With
`--baseline REV` the same measurements are first made on the code of that commit (exported
with `git archive` and run with this virtualenv, as TWINNINGS_BENCH_SRC does) against the same
database, so the two columns come from one run under the same load. The database keeps this
checkout's migrations: indexes that the baseline lacks help it too, and the output says so.

    .venv/bin/python bench/bench_pages.py [--baseline main] [--backend sqlite|postgresql|all]
        [--requests 20] [--cold 5] [--postgres-url URL] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    POSTGRES_BENCH_URL,
    PROJECT_DIR,
    heading,
    latency_summary,
    machine_note,
    migrate,
    postgres_available,
    twinnings_env,
    write_json,
)
from databases import ensure_postgres_bench, ensure_project_sqlite

PAGES = [
    "/",
    "/countries/FR/",
    "/twinnings/",
    "/twinnings/?country=DE&page=2",
    "/api/v1/twinnings?country=FR",
]
REFERENCE = "/places/{id}/"  # the most twinned place's page, for scale


def measure(urls: list[str], requests: int, cold: int) -> dict[str, Any]:
    """In the worker process: time every URL warm and cold, and count its queries."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinnings.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from twinnings.places.models import Place

    top = Place.objects.order_by("-twin_count").values_list("id", flat=True).first()
    client = Client()
    client.get(REFERENCE.format(id=top))  # imports, templates, translations: not the pages' cost

    def timed() -> tuple[float, int, int]:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        return elapsed, len(queries), response.status_code

    results: dict[str, Any] = {}
    for url in [*urls, REFERENCE.format(id=top)]:
        cold_times, cold_queries = [], 0
        for _ in range(cold):
            cache.clear()
            elapsed, cold_queries, status = timed()
            cold_times.append(elapsed)
        timed()  # fills the caches
        warm_times, warm_queries = [], 0
        for _ in range(requests):
            elapsed, warm_queries, status = timed()
            warm_times.append(elapsed)
        results[url] = {
            "status": status,
            "warm": latency_summary(warm_times),
            "warm_queries": warm_queries,
            "cold": latency_summary(cold_times) if cold_times else None,
            "cold_queries": cold_queries,
        }
    return results


def export_revision(revision: str, target: Path) -> Path:
    """`git archive` of the revision's src/ into target; returns the src directory."""
    archive = subprocess.run(
        ["git", "-C", str(PROJECT_DIR), "archive", "--format=tar", revision, "src"],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def run_worker(database_url: str | None, src: Path | None, options: argparse.Namespace) -> dict[str, Any]:
    env = twinnings_env(database_url)
    if src is not None:  # the exported code first on the path, settings still from this project
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH", "")]))
        env.setdefault("TWINNINGS_VAR_DIR", str(PROJECT_DIR / "var"))
        env.setdefault("TWINNINGS_NODE_MODULES", str(PROJECT_DIR / "node_modules"))
    args = [sys.executable, __file__, "--worker", "--requests", str(options.requests), "--cold", str(options.cold)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=1800, cwd=PROJECT_DIR)
    if done.returncode != 0:
        raise RuntimeError(f"worker failed: {done.stderr.strip()[-800:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def cell(figures: dict[str, Any] | None, kind: str) -> str:
    if figures is None:
        return "-"
    summary = figures.get(kind)
    if not summary:
        return "-"
    return f"{summary['p50']:7.1f} {summary['p95']:7.1f} {figures[f'{kind}_queries']:3d}q"


def print_table(label: str, after: dict[str, Any], before: dict[str, Any] | None) -> None:
    columns = ["before", "after"] if before else ["now"]
    print(f"\n{label}: median and p95 in ms, SQL queries per request")
    head = "".join(f" | {c + ' warm':>21} | {c + ' cold':>21}" for c in columns)
    print(f"{'URL':<34}{head}")
    for url, figures in after.items():
        runs = [before.get(url) if before else None, figures] if before else [figures]
        print(f"{url:<34}" + "".join(f" | {cell(r, 'warm'):>21} | {cell(r, 'cold'):>21}" for r in runs))


def prepare(database_url: str | None) -> str | None:
    """The bench databases are filled when missing (as bench_load.py does); another database
    is only migrated. None when ready, else why not."""
    if database_url == POSTGRES_BENCH_URL:
        return ensure_postgres_bench()
    if database_url == os.environ.get("TWINNINGS_DATABASE_URL"):
        return ensure_project_sqlite()
    reason = postgres_available(database_url) if database_url else None
    return reason or (None if migrate(database_url) else "migrate failed")


def run_backend(label: str, database_url: str | None, baseline: Path | None, options: argparse.Namespace) -> Any:
    heading(f"{label}: pages one request at a time ({machine_note()})")
    reason = prepare(database_url)
    if reason:
        print(f"  SKIPPED: {reason}")
        return {"backend": label, "skipped": reason}
    before = run_worker(database_url, baseline, options) if baseline else None
    after = run_worker(database_url, None, options)
    print_table(label, after, before)
    print(f"  load after the run: {machine_note()}")
    return {"backend": label, "before": before, "after": after}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--baseline", help="a git revision to measure first (e.g. main)")
    parser.add_argument("--requests", type=int, default=20, help="warm requests per URL")
    parser.add_argument("--cold", type=int, default=5, help="requests per URL after clearing the cache")
    parser.add_argument(
        "--postgres-url", default=POSTGRES_BENCH_URL, help="a bootstrapped PostgreSQL database (default: the bench one)"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        print(json.dumps(measure(PAGES, options.requests, options.cold)))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        baseline = export_revision(options.baseline, Path(tmp)) if options.baseline else None
        if baseline:
            print(f"baseline: {options.baseline}, measured on this checkout's schema (its indexes help it too)")
        if options.backend in ("sqlite", "all"):
            results.append(run_backend("SQLite", os.environ.get("TWINNINGS_DATABASE_URL"), baseline, options))
        if options.backend in ("postgresql", "all"):
            results.append(run_backend("PostgreSQL", options.postgres_url, baseline, options))
    write_json(options.json, {"baseline": options.baseline, "results": results})


if __name__ == "__main__":
    main()
