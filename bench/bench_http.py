"""Throughput of a place page and its API twin under wrk, beside Datasette serving the same data.

Twinnings runs as in production (`twinnings serve`: gunicorn, 2 workers, whitenoise) on
127.0.0.1 against the project's SQLite database, and against the PostgreSQL bench database
when bench_import.py has filled it. Measured with `wrk -c16 -t2 -d10s --latency`:

- the place page `/places/<id>/` and `/api/v1/places/<id>/twinnings` of one well-twinned
  place (default: Lublin, PL);
- Datasette serving the primary source's geocoded CSV (`app/public/twin_cities.csv`, loaded
  by sqlite-utils into a temporary SQLite file, default settings, no extra index), filtered
  on the same place: `/db/twin_cities?city1=Lublin` (HTML) and `/db/twin_cities.json?city1=Lublin`.

Each URL is measured --rounds times, the systems taking turns, and the medians are printed
with the Twinnings/Datasette ratios (issue 2's goal: >= 3x on HTML and on JSON). Every load
run is bounded by wrk's -d and a hard timeout; asserts nothing.

    .venv/bin/python bench/bench_http.py [--place Lublin --country PL] [--rounds 3] [--duration 10]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    BIN,
    HEKMAN_DIR,
    POSTGRES_BENCH_URL,
    TWINNINGS,
    WrkResult,
    free_port,
    heading,
    http_get,
    machine_note,
    migrate,
    postgres_bench_ready,
    postgres_statistics_note,
    run_timed,
    run_wrk,
    start_server,
    stop_server,
    twinnings_env,
    wait_for_http,
    write_json,
    wrk_path,
)

GOAL_RATIO = 3.0
DATASETTE_CSV = HEKMAN_DIR / "app" / "public" / "twin_cities.csv"


@dataclass
class Target:
    """One URL to load, and the runs measured on it."""

    system: str
    kind: str  # "HTML" or "JSON"
    url: str
    runs: list[WrkResult] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)

    def summary(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "kind": self.kind,
            "url": self.url,
            "rounds": len(self.runs),
            "rps": self.median("requests_per_second"),
            "p50_ms": self.median("p50_ms"),
            "p99_ms": self.median("p99_ms"),
            "non_2xx": sum(r.non_2xx for r in self.runs),
            "socket_errors": sum(r.socket_errors for r in self.runs),
            "rps_runs": [round(r.requests_per_second, 1) for r in self.runs],
        }


def start_twinnings(database_url: str | None, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    server = start_server(
        [TWINNINGS, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        twinnings_env(database_url),
        log,
    )
    wait_for_http(f"http://127.0.0.1:{port}/api/v1/stats", process=server)
    return server, port


def find_place(port: int, name: str, country: str) -> tuple[int, int]:
    """The id of the most twinned place called `name` in `country`, and its twinning count."""
    query = urllib.parse.urlencode({"q": name, "country": country, "limit": 20})
    for _ in range(5):  # another process writing to the same SQLite file can make a request fail
        status, body = http_get(f"http://127.0.0.1:{port}/api/v1/places?{query}")
        if status == 200:
            break
        time.sleep(5)
    else:
        raise RuntimeError(f"/api/v1/places answered {status}: {body[:300]!r}")
    items = [i for i in json.loads(body)["items"] if i["name"].casefold() == name.casefold()] or json.loads(body)[
        "items"
    ]
    if not items:
        raise RuntimeError(f"no place called {name} in {country}")
    best = (0, items[0]["id"])
    for item in items[:5]:
        status, body = http_get(f"http://127.0.0.1:{port}/api/v1/places/{item['id']}/twinnings?limit=1")
        count = json.loads(body).get("count", 0) if status == 200 else 0
        best = max(best, (count, item["id"]))
    return best[1], best[0]


def prepare_datasette(tmp: Path) -> Path:
    """Load the source CSV into a temporary SQLite file, as a Datasette user would."""
    database = tmp / "db.db"
    tool = str(BIN / "sqlite-utils")
    usage = subprocess.run([tool, "insert", "--help"], capture_output=True, text=True, timeout=60).stdout
    detect = ["--detect-types"] if "--detect-types" in usage else []  # the default from sqlite-utils 4 on
    done = subprocess.run(
        [
            tool,
            "insert",
            str(database),
            "twin_cities",
            str(DATASETTE_CSV),
            "--csv",
            *detect,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"sqlite-utils failed: {done.stderr.strip()}")
    return database


def start_datasette(database: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    server = start_server(
        [str(BIN / "datasette"), "serve", str(database), "-h", "127.0.0.1", "-p", str(port)], twinnings_env(), log
    )
    wait_for_http(f"http://127.0.0.1:{port}/-/versions.json", process=server)
    return server, port


def available(targets: list[Target]) -> list[Target]:
    """The targets that answer 200; the others are reported and left out (e.g. a page not built yet)."""
    kept = []
    for target in targets:
        status, body = http_get(target.url)
        if status == 200:
            kept.append(target)
        else:
            print(f"  SKIPPED {target.system} {target.kind}: {target.url} answered {status} {body[:120]!r}")
    return kept


def measure(targets: list[Target], rounds: int, duration: int) -> None:
    for target in targets:  # warm-up: code paths, caches, connections
        run_wrk(target.url, duration=2)
    for number in range(1, rounds + 1):
        for target in targets:
            result = run_wrk(target.url, duration=duration)
            target.runs.append(result)
            print(
                f"  round {number}  {target.system:<24} {target.kind:<5} {result.requests_per_second:8.1f} req/s  "
                f"p50 {result.p50_ms:7.1f} ms  p99 {result.p99_ms:7.1f} ms"
                + (f"  non-2xx {result.non_2xx}" if result.non_2xx else "")
                + (f"  socket errors {result.socket_errors}" if result.socket_errors else ""),
                flush=True,
            )


def print_table(targets: list[Target]) -> list[dict[str, Any]]:
    summaries = [t.summary() for t in targets]
    print("\n  medians of the rounds:")
    print(f"  {'system':<24} {'page':<5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}   rounds (req/s)")
    for s in summaries:
        print(
            f"  {s['system']:<24} {s['kind']:<5} {s['rps']:>8.1f} {s['p50_ms']:>8.1f} {s['p99_ms']:>8.1f}   "
            f"{', '.join(str(r) for r in s['rps_runs'])}"
        )
    datasette = {s["kind"]: s for s in summaries if s["system"] == "Datasette"}
    print()
    for s in summaries:
        base = datasette.get(s["kind"])
        if s["system"] == "Datasette" or not base or not base["rps"]:
            continue
        s["ratio"] = s["rps"] / base["rps"]
        paired = [ours / theirs for ours, theirs in zip(s["rps_runs"], base["rps_runs"]) if theirs]
        s["ratio_rounds"] = [round(r, 2) for r in paired]
        verdict = "meets" if s["ratio"] >= GOAL_RATIO else "MISSES"
        print(
            f"  {s['system']} / Datasette, {s['kind']}: {s['ratio']:.2f}x  ({verdict} the goal >= {GOAL_RATIO:.0f}x); "
            f"round by round {', '.join(f'{r:.2f}' for r in paired)}"
        )
    return summaries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--place", default="Lublin", help="name of the place (as in the source's city1 column)")
    parser.add_argument("--country", default="PL", help="its ISO 3166-1 alpha-2 code")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--no-postgresql", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    heading("HTTP: place page and API vs Datasette (wrk -c16 -t2)")
    missing = [
        name
        for name, ok in [
            ("wrk", wrk_path()),
            ("datasette", (BIN / "datasette").exists()),
            ("sqlite-utils", (BIN / "sqlite-utils").exists()),
        ]
        if not ok
    ]
    if missing:
        print(
            f"  SKIPPED: missing {', '.join(missing)} (`make bench` installs them: pip install -e '.[bench]', "
            "apt-get install -y wrk)"
        )
        write_json(options.json, {"skipped": f"missing {', '.join(missing)}"})
        return
    seconds, done = run_timed([TWINNINGS, "collectstatic", "--no-input", "-v0"], twinnings_env(), 300)
    if done.returncode != 0:
        raise SystemExit(f"collectstatic failed: {done.stderr[-2000:]}")
    databases: list[tuple[str, str | None]] = [("Twinnings (SQLite)", None)]
    if not options.no_postgresql:
        if postgres_bench_ready():
            databases.append(("Twinnings (PostgreSQL)", POSTGRES_BENCH_URL))
            print(f"  PostgreSQL: {postgres_statistics_note()}")
        else:
            print(
                f"  PostgreSQL: SKIPPED ({POSTGRES_BENCH_URL} is unreachable or not imported; "
                "run bench/bench_import.py first)"
            )
    servers: list[subprocess.Popen[bytes]] = []
    targets: list[Target] = []
    tmp = Path(tempfile.mkdtemp(prefix="twinnings-bench-"))
    try:
        for label, url in databases:
            migrate(url)
            server, port = start_twinnings(url, tmp / f"gunicorn-{len(servers)}.log")
            servers.append(server)
            place_id, twins = find_place(port, options.place, options.country)
            print(f"  {label}: http://127.0.0.1:{port}/, {options.place} = place {place_id} with {twins} twinnings")
            base = f"http://127.0.0.1:{port}"
            targets += [
                Target(label, "HTML", f"{base}/places/{place_id}/"),
                Target(label, "JSON", f"{base}/api/v1/places/{place_id}/twinnings"),
            ]
        database = prepare_datasette(tmp)
        server, port = start_datasette(database, tmp / "datasette.log")
        servers.append(server)
        query = urllib.parse.urlencode({"city1": options.place})
        base = f"http://127.0.0.1:{port}/db/twin_cities"
        targets += [Target("Datasette", "HTML", f"{base}?{query}"), Target("Datasette", "JSON", f"{base}.json?{query}")]
        rows = json.loads(http_get(f"{base}.json?{query}&_shape=array&_size=max")[1])
        print(f"  Datasette: http://127.0.0.1:{port}/, {len(rows)} rows with city1={options.place}")
        targets = available(targets)
        print(f"  {machine_note()}", flush=True)
        measure(targets, options.rounds, options.duration)
        write_json(options.json, print_table(targets))
    finally:
        for server in servers:
            stop_server(server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
