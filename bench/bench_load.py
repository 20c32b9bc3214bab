"""A mixed read workload under load: what a crowd of visitors of the directory asks for.

Twinnings runs as in production (`twinnings serve`: gunicorn, 3 workers of 2 threads, as in
docs/deploy.md) on 127.0.0.1, on the PostgreSQL bench database and then on the project's SQLite
database, both holding the full bootstrap of the real datasets (made once and reused: see
docs/benchmarks.md). wrk, a second process, keeps a fixed number of connections busy for
--duration seconds with a seeded mix of requests, each connection taking the next one of the list:

| share | request |
|---:|---|
| 25 % | the search box as a person types (2–6 letters of a twinned place's name, `HX-Request`) |
| 5 % | the search results page |
| 20 % | a place page `/places/<id>/` |
| 8 % | a country page `/countries/<code>/`; 2 % the list of countries |
| 3 % | the home page |
| 7 % | the twinnings list `/twinnings/?country=…` (first pages) |
| 10 % | `/api/v1/places?q=…` |
| 5 % | `/api/v1/places/<id>` |
| 10 % | `/api/v1/places/<id>/twinnings` |
| 5 % | `/api/v1/twinnings?country=…` |

Places are a seeded sample of the twinned places (by GeoNames id, so both databases get the
same ones) and the 20 most twinned; countries the 60 with the most twinnings. A warm-up of
--warmup seconds comes first. Printed: requests/s, latency p50/p95/p99/max (wrk's own
histogram, read by its Lua `done` hook), responses by status and socket errors. Asserts nothing.

    .venv/bin/python bench/bench_load.py [--duration 60] [--connections 16] [--backend all]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    POSTGRES_BENCH_URL,
    heading,
    machine_note,
    postgres_statistics_note,
    project_sqlite_file,
    serve,
    stop_server,
    write_json,
    wrk_path,
)
from databases import ensure_postgres_bench, ensure_project_sqlite

SEED = 2026
HX = "HX "  # marks a path sent with `HX-Request: true` (the search box's own requests)

# (kind, share in %) of the mix
MIX = [
    ("autocomplete", 25),
    ("search page", 5),
    ("place page", 20),
    ("country page", 8),
    ("countries", 2),
    ("home", 3),
    ("twinnings list", 7),
    ("api places?q", 10),
    ("api place", 5),
    ("api place twinnings", 10),
    ("api twinnings", 5),
]

LUA = r"""
local requests = {}
local threads = {}
statuses = {}  -- global: done() reads it from each thread
local position = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 7919)
end

function init(args)
  for i, line in ipairs(PATHS) do
    if string.sub(line, 1, 3) == "HX " then
      requests[i] = wrk.format("GET", string.sub(line, 4), {["HX-Request"] = "true"})
    else
      requests[i] = wrk.format("GET", line)
    end
  end
  position = offset % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests_)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for key, count in pairs(counts) do total[key] = (total[key] or 0) + count end
  end
  local parts = {}
  for key, count in pairs(total) do table.insert(parts, string.format('"%s": %d', key, count)) end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "statuses": {%s}, "socket_errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d}, "non_2xx_3xx": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, table.concat(parts, ", "), e.connect, e.read, e.write,
    e.timeout, e.status))
end
"""


def query(database_url: str | None, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a plain SQL query, on SQLite (None: the project's file) or PostgreSQL."""
    if database_url and database_url.startswith("postgres"):
        import psycopg

        with psycopg.connect(database_url, connect_timeout=5) as server:
            return list(server.execute(sql).fetchall())
    path = database_url.removeprefix("sqlite:///") if database_url else str(project_sqlite_file())
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.execute(sql).fetchall())
    finally:
        conn.close()


def request_mix(database_url: str | None, size: int = 2000) -> list[str]:
    """`size` paths in the shares of MIX, shuffled with a fixed seed."""
    rng = random.Random(SEED)
    twinned = query(database_url, "SELECT geonames_id, id, name FROM places_place WHERE twin_count > 0")
    twinned.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1]))
    top = query(database_url, "SELECT id, name FROM places_place ORDER BY twin_count DESC, id LIMIT 20")
    places = [(row[1], row[2]) for row in rng.sample(twinned, min(300, len(twinned)))] + list(top)
    countries = [
        row[0]
        for row in query(
            database_url,
            "SELECT country_id FROM places_place WHERE twin_count > 0 GROUP BY country_id "
            "ORDER BY SUM(twin_count) DESC, country_id LIMIT 60",
        )
    ]

    def prefix() -> str:
        name = rng.choice(places)[1]
        return str(name[: rng.randint(2, 6)])

    makers = {
        "autocomplete": lambda: f"{HX}/search/?q={quote(prefix())}",
        "search page": lambda: f"/search/?q={quote(rng.choice(places)[1])}",
        "place page": lambda: f"/places/{rng.choice(places)[0]}/",
        "country page": lambda: f"/countries/{rng.choice(countries)}/",
        "countries": lambda: "/countries/",
        "home": lambda: "/",
        "twinnings list": lambda: (
            "/twinnings/?"
            + urlencode({"country": rng.choice(countries), **({"page": 2} if rng.random() < 0.3 else {})})
        ),
        "api places?q": lambda: f"/api/v1/places?q={quote(prefix())}",
        "api place": lambda: f"/api/v1/places/{rng.choice(places)[0]}",
        "api place twinnings": lambda: f"/api/v1/places/{rng.choice(places)[0]}/twinnings",
        "api twinnings": lambda: (
            "/api/v1/twinnings?" + urlencode({"country": rng.choice(countries), "offset": rng.choice([0, 0, 50])})
        ),
    }
    paths = [makers[kind]() for kind, share in MIX for _ in range(size * share // 100)]
    rng.shuffle(paths)
    return paths


def lua_script(paths: list[str], directory: Path) -> Path:
    listing = ",\n".join(json.dumps(p) for p in paths)  # JSON strings are valid Lua strings here
    script = directory / "mix.lua"
    script.write_text(f"PATHS = {{\n{listing}\n}}\n{LUA}")
    return script


def run_wrk(port: int, script: Path, connections: int, duration: int) -> dict[str, Any]:
    args = ["wrk", f"-c{connections}", "-t2", f"-d{duration}s", "--timeout", "10s", "-s", str(script)]
    done = subprocess.run([*args, f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=duration + 120)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()} {done.stdout[-500:]}")
    raw = json.loads(line.removeprefix("RESULT "))
    seconds = raw["duration_us"] / 1e6
    socket_errors = {k: v for k, v in raw["socket_errors"].items() if v}
    statuses = dict(sorted(raw["statuses"].items()))
    errors = sum(v for k, v in statuses.items() if not k.startswith(("2", "3"))) + sum(socket_errors.values())
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 1),
        "rps": raw["requests"] / seconds,
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "statuses": statuses,
        "socket_errors": socket_errors,
        "errors": errors,
    }


def print_result(label: str, r: dict[str, Any]) -> None:
    statuses = ", ".join(f"{k}: {v}" for k, v in r["statuses"].items())
    sockets = ", ".join(f"{k} {v}" for k, v in r["socket_errors"].items()) or "none"
    print(
        f"  {label}: {r['rps']:.1f} req/s ({r['requests']} in {r['seconds']} s); latency p50 {r['p50_ms']:.1f} / "
        f"p95 {r['p95_ms']:.1f} / p99 {r['p99_ms']:.1f} / max {r['max_ms']:.0f} ms\n"
        f"    responses by status: {statuses}; socket errors: {sockets}; errors: {r['errors']}",
        flush=True,
    )


def run_backend(label: str, database_url: str | None, options: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    heading(f"load on {label}: wrk -c{options.connections} -t2, {options.duration} s, mixed reads")
    reason = ensure_postgres_bench() if database_url == POSTGRES_BENCH_URL else ensure_project_sqlite()
    if reason:
        print(f"  SKIPPED: {reason}")
        return {"backend": label, "skipped": reason}
    if database_url == POSTGRES_BENCH_URL:
        print(f"  PostgreSQL: {postgres_statistics_note()}")
    paths = request_mix(database_url)
    script = lua_script(paths, tmp)
    server, port = serve(database_url, tmp / f"gunicorn-{label}.log", workers=options.workers, threads=options.threads)
    try:
        print(f"  {len(paths)} requests in the mix; gunicorn {options.workers} workers x {options.threads} threads")
        if options.warmup:
            warm = run_wrk(port, script, options.connections, options.warmup)
            print(f"  warm-up {options.warmup} s: {warm['rps']:.1f} req/s, errors {warm['errors']}")
        print(f"  {machine_note()}", flush=True)
        result = run_wrk(port, script, options.connections, options.duration)
        print_result(label, result)
        print(f"  {machine_note()}")
    finally:
        stop_server(server)
    return {"backend": label, "connections": options.connections, "workers": options.workers, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--duration", type=int, default=60, help="seconds of measured load per database")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before measuring (0: none)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    if wrk_path() is None:
        print("  SKIPPED: wrk is not installed (Debian: apt-get install -y wrk)")
        write_json(options.json, {"skipped": "wrk is not installed"})
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="twinnings-load-") as tmp:
        if options.backend in ("postgresql", "all"):
            results.append(run_backend("PostgreSQL", POSTGRES_BENCH_URL, options, Path(tmp)))
        if options.backend in ("sqlite", "all"):
            results.append(run_backend("SQLite", os.environ.get("TWINNINGS_DATABASE_URL"), options, Path(tmp)))
    write_json(options.json, results)


if __name__ == "__main__":
    main()
