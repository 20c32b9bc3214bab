"""Run every benchmark in order and print a summary table (`make bench`).

1. bench_import.py: migrate and imports on fresh SQLite and PostgreSQL databases (fills the
   PostgreSQL bench database that the next steps use; skipped without a PostgreSQL server);
2. bench_autocomplete.py: place search latency as a person types;
3. bench_http.py: place page and API under wrk, beside Datasette;
4. bench_pages.py: the home page, a country page, the twinnings list and the API's twinnings of
   a country, one request at a time, warm and with a cold cache, with their SQL queries;
5. bench_load.py: a mixed read workload under wrk, 60 s per database;
6. bench_concurrency.py: clients editing, proposing, approving and signing the same agreements
   at once, then every accepted write looked up in the database;
7. bench_faults.py: a killed server, a killed bootstrap, PostgreSQL restarted under load, a
   read-only or full disk under SQLite (root for the last two; about 20 minutes).

The SQLite figures use the project's database (TWINNINGS_DATABASE_URL or var/twinnings.sqlite3),
filled by `twinnings bootstrap` when it is empty; the benchmarks that write use copies. Figures
only: a target that is missed is printed as such, and the exit status says only whether the
benchmarks ran.

    .venv/bin/python bench/run_all.py [--skip import,autocomplete,http,pages,load,concurrency,faults]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_SRC, PROJECT_DIR, TWINNINGS, fmt, heading, machine_note, postgres_available, twinnings_env

BENCH_DIR = Path(__file__).resolve().parent
STEPS = ["import", "autocomplete", "http", "pages", "load", "concurrency", "faults"]


def run_step(name: str, out: Path) -> Any:
    done = subprocess.run([sys.executable, str(BENCH_DIR / f"bench_{name}.py"), "--json", str(out)], timeout=7200)
    if done.returncode != 0:  # the write benchmarks also say so when a write was lost: keep their figures
        print(f"\n!! bench_{name}.py ended with exit status {done.returncode}")
    return json.loads(out.read_text()) if out.exists() and out.stat().st_size else None


def ensure_project_database(attempts: int = 3) -> None:
    """The SQLite figures of the autocomplete and HTTP benchmarks need a filled database.

    Another process writing to the same SQLite file makes `migrate` fail for a while: wait and
    try again, then go on (the benchmarks report an empty or unusable database themselves)."""
    env = twinnings_env(os.environ.get("TWINNINGS_DATABASE_URL"))
    for args in (["migrate", "--no-input", "-v0"], ["bootstrap", "-v0"]):
        for attempt in range(1, attempts + 1):
            done = subprocess.run([TWINNINGS, *args], env=env, cwd=PROJECT_DIR, timeout=1800)
            if done.returncode == 0:
                break
            print(f"!! `twinnings {' '.join(args)}` failed (attempt {attempt} of {attempts})", flush=True)
            time.sleep(15)


def git_revision() -> str:
    done = subprocess.run(
        ["git", "-C", str(PROJECT_DIR), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"


def summary_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(measure, figure, target, note) rows for the final table."""
    rows: list[tuple[str, str, str, str]] = []
    for backend in results.get("import") or []:
        label = backend["backend"]
        if backend.get("skipped"):
            rows.append((f"import ({label})", "skipped", "", backend["skipped"][:60]))
            continue
        steps = backend["steps"]
        gaz, gaz2 = steps.get("import-gazetteer"), steps.get("import-gazetteer (again)")
        reg, reg2 = steps.get("import-twinnings (4 sources)"), steps.get("import-twinnings (again)")
        rows.append((f"import-gazetteer ({label})", f"{fmt(gaz)} s", "< 60 s", f"second run {fmt(gaz2)} s"))
        rows.append((f"import-twinnings ({label})", f"{fmt(reg)} s", "< 120 s", f"second run {fmt(reg2)} s"))
        if "primary_share" in backend:
            rows.append((f"primary pairs resolved ({label})", f"{backend['primary_share']:.1%}", ">= 95 %", ""))
    for backend in results.get("autocomplete") or []:
        label = backend["backend"]
        if backend.get("skipped") or backend.get("failed"):
            rows.append((f"autocomplete ({label})", "skipped", "", str(backend.get("skipped", "failed"))[:60]))
            continue
        methods = backend["methods"]
        base = methods.get("baseline icontains")
        for name in ("search()", "HTTP autocomplete (UI)"):
            if name in methods:
                m = methods[name]
                note = f"baseline icontains p50 {base['p50']:.1f} / p95 {base['p95']:.1f} ms" if base else ""
                rows.append((f"{name} ({label})", f"p50 {m['p50']:.1f} / p95 {m['p95']:.1f} ms", "p95 <= 30 ms", note))
    http = results.get("http")
    if isinstance(http, dict) and http.get("skipped"):
        rows.append(("HTTP under wrk", "skipped", "", http["skipped"]))
    elif isinstance(http, list):
        for s in http:
            ratio = f"{s['ratio']:.2f}x Datasette" if "ratio" in s else ""
            rows.append(
                (
                    f"{s['system']} {s['kind']}",
                    f"{s['rps']:.0f} req/s, p50 {s['p50_ms']:.1f} / p99 {s['p99_ms']:.1f} ms",
                    ">= 3x Datasette" if s["system"] != "Datasette" else "",
                    ratio,
                )
            )
    return rows + page_rows(results) + trust_rows(results)


def page_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Rows of bench_pages.py: each page's medians, warm and cold, and its queries."""
    rows: list[tuple[str, str, str, str]] = []
    pages = results.get("pages")
    for r in pages.get("results", []) if isinstance(pages, dict) else []:
        if r.get("skipped"):
            rows.append((f"pages ({r['backend']})", "skipped", "", str(r["skipped"])[:60]))
            continue
        for url, f in r["after"].items():
            cold = f"{f['cold']['p50']:.0f}" if f.get("cold") else "-"
            figure = f"warm p50 {f['warm']['p50']:.0f} / p95 {f['warm']['p95']:.0f} ms, cold p50 {cold} ms"
            rows.append(
                (f"{url} ({r['backend']})", figure, "", f"{f['warm_queries']} queries warm, {f['cold_queries']} cold")
            )
    return rows


def trust_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Rows of the load, concurrency and fault benchmarks."""
    rows: list[tuple[str, str, str, str]] = []
    for r in _backends(results.get("load")):
        if r.get("skipped"):
            rows.append((f"load ({r['backend']})", "skipped", "", str(r["skipped"])[:60]))
            continue
        figure = f"{r['rps']:.0f} req/s, p50 {r['p50_ms']:.0f} / p95 {r['p95_ms']:.0f} / p99 {r['p99_ms']:.0f} ms"
        rows.append((f"mixed reads ({r['backend']})", figure, "0 errors", f"{r['errors']} errors {r['statuses']}"))
    for r in _backends(results.get("concurrency")):
        if r.get("skipped"):
            rows.append((f"concurrent writes ({r['backend']})", "skipped", "", str(r["skipped"])[:60]))
            continue
        o, problems = r["outcomes"], r["check"]["problems"] + r["integrity"]["problems"]
        figure = f"{o.get('accepted', 0)} accepted, {o.get('conflict', 0)} 409, {o.get('refused', 0)} other 4xx"
        note = f"{o.get('server error', 0)} 5xx, {o.get('unknown', 0)} unanswered"
        rows.append((f"concurrent writes ({r['backend']})", figure, "0 lost, 0 5xx", f"{len(problems)} lost; {note}"))
    for r in _backends(results.get("faults")):
        label = r["backend"]
        if r.get("skipped"):
            rows.append((f"faults ({label})", "skipped", "", str(r["skipped"])[:60]))
        for name, s in r.items():
            if isinstance(s, dict):
                rows.append((f"fault {name} ({label})", *fault_figure(name, s)))
    return rows


def _backends(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else ([value] if isinstance(value, dict) else [])


def fault_figure(name: str, s: dict[str, Any]) -> tuple[str, str, str]:
    if s.get("skipped"):
        return "skipped", "", str(s["skipped"])[:60]
    lost = f"{len(s.get('problems', []))} problems"
    if name == "import":
        return ("counts as uninterrupted" if not s["problems"] else "counts DIFFER"), "equal counts", lost
    if name == "kill":
        return f"{len(s['kills'])} kills, {s['outcomes'].get('unknown', 0)} unanswered writes", "0 lost", lost
    if name == "pg-restart":
        figure = f"window {s.get('window_s', 0)} s, {s['failed']} failed {s.get('failed_statuses', {})}"
        return figure, "errors only in the outage", f"restart {s['restart_s']} s; after: all ok {s['after_ok']}; {lost}"
    if name == "disk":
        return f"{s['unclear_errors']} unclear errors", "503 with a message", lost
    return "", "", lost


def print_summary(results: dict[str, Any], started: str, revision: str) -> None:
    heading("summary")
    print(f"  {datetime.date.today().isoformat()}, Python {platform.python_version()}, code at {revision}")
    if BENCH_SRC:
        print(f"  code from TWINNINGS_BENCH_SRC={BENCH_SRC}")
    print(f"  at the start: {started}\n  at the end:   {machine_note()}")
    pg = postgres_available()
    print(f"  PostgreSQL: {'available' if pg is None else 'SKIPPED (' + pg + ')'}\n")
    rows = summary_rows(results)
    widths = [max(len(r[i]) for r in rows) if rows else 0 for i in range(4)]
    titles = ("measure", "figure", "target", "note")
    widths = [max(w, len(t)) for w, t in zip(widths, titles)]
    print("  " + "  ".join(t.ljust(w) for t, w in zip(titles, widths)))
    print("  " + "  ".join("-" * w for w in widths))
    for row in rows:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip", default="", help="comma-separated steps to skip: " + ", ".join(STEPS))
    parser.add_argument("--json", help="also write every figure to this file")
    options = parser.parse_args()
    skip = {s.strip() for s in options.skip.split(",") if s.strip()}
    results: dict[str, Any] = {}
    started, revision = machine_note(), git_revision()
    print(f"Twinnings benchmarks at {revision}; {started}", flush=True)
    with tempfile.TemporaryDirectory(prefix="twinnings-bench-") as tmp:
        for name in STEPS:
            if name in skip:
                continue
            if name == "autocomplete":
                ensure_project_database()
            results[name] = run_step(name, Path(tmp) / f"{name}.json")
    print_summary(results, started, revision)
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
