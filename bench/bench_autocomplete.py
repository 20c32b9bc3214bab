"""Latency of place search as a person types, on SQLite and PostgreSQL, beside a naive baseline.

Queries: a seeded random sample of endpoint names of the primary source
(`Hekman__twincities/twin_cities_raw.csv`), each typed as its first 2, 3, 4, 5 and 6 characters.
Measured, on each database, over the same queries:

- `twinnings.places.services.search(q)` in-process (short prefixes are cached as in production,
  the cache is empty at the start); 2-character prefixes also with the cache cleared each time;
- the baseline a first version would write: `Place.objects.filter(name__icontains=q)[:10]`
  (bounded in time: it stops after --baseline-seconds);
- the HTTP autocomplete endpoint the search box calls (`places:search` with `HX-Request`)
  and the API's `/api/v1/places?q=`, one request after another over a keep-alive connection
  to `twinnings serve` on 127.0.0.1, when those URLs exist.

Target (issue 2): p95 <= 30 ms. Prints p50/p95/p99/max in milliseconds; asserts nothing.

    .venv/bin/python bench/bench_autocomplete.py [--backend sqlite|postgresql|all] [--names 500]

SQLite uses the project's database (TWINNINGS_DATABASE_URL or var/twinnings.sqlite3);
PostgreSQL uses the `twinnings_bench` database that bench_import.py fills.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from common import (
    HEKMAN_DIR,
    POSTGRES_BENCH_URL,
    TWINNINGS,
    free_port,
    heading,
    latency_summary,
    machine_note,
    migrate,
    postgres_available,
    postgres_bench_ready,
    postgres_statistics_note,
    start_server,
    stop_server,
    twinnings_env,
    wait_for_http,
    write_json,
)

SEED = 2026
TARGET_P95_MS = 30.0
PREFIX_LENGTHS = range(2, 7)
WARMUP_NAMES = 20


def sample_names(count: int, seed: int = SEED) -> list[str]:
    """A seeded sample of distinct endpoint names (both columns) of the primary source."""
    names: set[str] = set()
    with (HEKMAN_DIR / "twin_cities_raw.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names.update(n.strip() for n in (row.get("city1", ""), row.get("city2", "")) if n and len(n.strip()) >= 2)
    return random.Random(seed).sample(sorted(names), count)


def typed_prefixes(name: str) -> list[str]:
    """What a person has typed after 2..6 characters (fewer for short names)."""
    prefixes: list[str] = []
    for length in PREFIX_LENGTHS:
        prefix = name[:length]
        if prefix not in prefixes:
            prefixes.append(prefix)
    return prefixes


# --- worker: runs with Django set up on one database ----------------------------------------


def _time(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


class KeepAliveClient:
    """Sequential GETs over one persistent HTTP/1.1 connection, like a browser tab."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, path: str, headers: dict[str, str]) -> int:
        for attempt in (1, 2):
            try:
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                response.read()
                return int(response.status)
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        return 0

    def close(self) -> None:
        self.connection.close()


def _http_endpoints() -> dict[str, tuple[str, dict[str, str]]]:
    """The autocomplete URLs that exist in this version of the code base."""
    from django.urls import NoReverseMatch, reverse

    endpoints: dict[str, tuple[str, dict[str, str]]] = {}
    with contextlib.suppress(NoReverseMatch):
        endpoints["HTTP autocomplete (UI)"] = (reverse("places:search") + "?q=", {"HX-Request": "true"})
    try:
        from django.urls import resolve

        resolve("/api/v1/places")
        endpoints["HTTP /api/v1/places?q="] = ("/api/v1/places?limit=10&q=", {"Accept": "application/json"})
    except Exception:
        pass
    return endpoints


def _measure_http(queries: list[str], warmup: list[str], database_url: str | None) -> dict[str, Any]:
    endpoints = _http_endpoints()
    if not endpoints:
        print("  HTTP: no autocomplete endpoint in this version (places:search, /api/v1/places): skipped")
        return {}
    port = free_port()
    env = twinnings_env(database_url)
    with tempfile.TemporaryDirectory(prefix="twinnings-bench-") as tmp:
        server = start_server(
            [TWINNINGS, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env,
            Path(tmp) / "server.log",
        )
        results: dict[str, Any] = {}
        try:
            wait_for_http(f"http://127.0.0.1:{port}/api/v1/stats", process=server)
            client = KeepAliveClient(port)
            for label, (path, headers) in endpoints.items():

                def call(q: str, path: str = path, headers: dict[str, str] = headers) -> int:
                    return client.get(path + urllib.parse.quote(q), headers)

                for q in warmup:
                    call(q)
                statuses: dict[int, int] = {}
                seconds = []
                for q in queries:
                    started = time.perf_counter()
                    status = call(q)
                    seconds.append(time.perf_counter() - started)
                    statuses[status] = statuses.get(status, 0) + 1
                results[label] = {**latency_summary(seconds), "statuses": statuses}
            client.close()
        except Exception as error:
            print(f"  HTTP: failed ({error}); server log: {(Path(tmp) / 'server.log').read_text()[-2000:]}")
        finally:
            stop_server(server)
    return results


def worker(label: str, database_url: str | None, names: int, baseline_seconds: float) -> dict[str, Any]:
    import django

    if database_url:
        os.environ["TWINNINGS_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinnings.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection

    from twinnings.places.models import Place
    from twinnings.places.services import search

    places = Place.objects.count()
    if places == 0:
        print(f"  SKIPPED: the {label} database is empty (run `twinnings bootstrap` or bench_import.py)")
        return {"backend": label, "skipped": "empty database"}
    chosen = sample_names(names + WARMUP_NAMES)
    warmup = [p for n in chosen[:WARMUP_NAMES] for p in typed_prefixes(n)]
    queries = [p for n in chosen[WARMUP_NAMES:] for p in typed_prefixes(n)]
    print(
        f"  {machine_note()}; {connection.vendor}, {places} places; {names} names -> {len(queries)} queries "
        f"(prefixes of {PREFIX_LENGTHS.start}-{PREFIX_LENGTHS.stop - 1} characters)",
        flush=True,
    )

    def baseline(q: str) -> list[Place]:
        return list(Place.objects.filter(name__icontains=q)[:10])

    for q in warmup:
        search(q)
        baseline(q)
    cache.clear()

    timings: dict[str, list[float]] = {"search()": [], "baseline icontains": []}
    by_length: dict[int, list[float]] = {}
    empty: list[str] = []
    deadline = time.monotonic() + baseline_seconds
    for q in queries:
        started = time.perf_counter()
        found = search(q)
        seconds = time.perf_counter() - started
        timings["search()"].append(seconds)
        by_length.setdefault(min(len(q), PREFIX_LENGTHS.stop - 1), []).append(seconds)
        if not found:
            empty.append(q)
        if time.monotonic() < deadline:
            timings["baseline icontains"].append(_time(lambda q=q: baseline(q)))
    uncached = []
    for q in [q for q in queries if len(q) == 2]:
        cache.clear()
        uncached.append(_time(lambda q=q: search(q)))
    timings["search() 2-char, cache cleared"] = uncached
    connection.close()

    result: dict[str, Any] = {
        "backend": label,
        "queries": len(queries),
        "empty_results": len(empty),
        "empty_examples": sorted(set(empty))[:12],
        "methods": {name: latency_summary(s) for name, s in timings.items() if s},
        "search_by_length": {str(k): latency_summary(v) for k, v in sorted(by_length.items())},
    }
    result["methods"].update(_measure_http(queries, warmup, database_url))
    return result


# --- parent: one worker process per database ------------------------------------------------


def print_result(result: dict[str, Any]) -> None:
    if result.get("skipped"):
        return
    print(f"\n  {'method':<34} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   (ms)")
    for name, s in result["methods"].items():
        print(f"  {name:<34} {s['n']:>6} {s['p50']:>8.2f} {s['p95']:>8.2f} {s['p99']:>8.2f} {s['max']:>8.1f}")
    print(
        "\n  search() by prefix length:  "
        + "   ".join(f"{k} ch p50 {s['p50']:.2f} / p95 {s['p95']:.2f}" for k, s in result["search_by_length"].items())
    )
    methods = result["methods"]
    search_, base = methods.get("search()"), methods.get("baseline icontains")
    if search_ and base:
        print(f"  baseline/search(): p50 {base['p50'] / search_['p50']:.1f}x, p95 {base['p95'] / search_['p95']:.1f}x")
    print(
        f"  queries with no result: {result['empty_results']} of {result['queries']} "
        f"(e.g. {', '.join(repr(q) for q in result.get('empty_examples', [])[:6])})"
    )
    for name in ("search()", "HTTP autocomplete (UI)"):
        if name in methods:
            p95 = methods[name]["p95"]
            verdict = "meets" if p95 <= TARGET_P95_MS else "MISSES"
            print(f"  {name}: p95 {p95:.1f} ms {verdict} the target p95 <= {TARGET_P95_MS:.0f} ms")


def run_backend(label: str, database_url: str | None, options: argparse.Namespace) -> dict[str, Any]:
    heading(f"autocomplete on {label}")
    migrate(database_url)
    if database_url == POSTGRES_BENCH_URL:
        print(f"  PostgreSQL: {postgres_statistics_note()}")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = [
            sys.executable,
            __file__,
            "--worker",
            label,
            "--names",
            str(options.names),
            "--baseline-seconds",
            str(options.baseline_seconds),
            "--json",
            out.name,
        ]
        if database_url:
            args += ["--database-url", database_url]
        done = subprocess.run(args, env=twinnings_env(database_url), timeout=1800)
        if done.returncode != 0:
            print(f"  FAILED (exit {done.returncode})")
            return {"backend": label, "failed": done.returncode}
        result: dict[str, Any] = json.loads(Path(out.name).read_text() or "{}")
    print_result(result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--names", type=int, default=500, help="names sampled from the primary source")
    parser.add_argument("--baseline-seconds", type=float, default=60.0, help="time budget of the naive baseline")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        write_json(options.json, worker(options.worker, options.database_url, options.names, options.baseline_seconds))
        return
    results = []
    if options.backend in ("sqlite", "all"):
        results.append(run_backend("SQLite", os.environ.get("TWINNINGS_DATABASE_URL"), options))
    if options.backend in ("postgresql", "all"):
        reason = postgres_available()
        if reason is None and postgres_bench_ready():
            results.append(run_backend("PostgreSQL", POSTGRES_BENCH_URL, options))
        else:
            heading("autocomplete on PostgreSQL")
            why = reason or f"{POSTGRES_BENCH_URL} has no imported registry (run bench/bench_import.py first)"
            print(f"  SKIPPED: {why}")
            results.append({"backend": "PostgreSQL", "skipped": why})
    write_json(options.json, results)


if __name__ == "__main__":
    main()
