"""Run every benchmark in order and print a summary table (`make bench`).

1. bench_import.py: migrate and imports on fresh SQLite and PostgreSQL databases (fills the
   PostgreSQL bench database that the next two use; skipped without a PostgreSQL server);
2. bench_autocomplete.py: place search latency as a person types;
3. bench_http.py: place page and API under wrk, beside Datasette.

The SQLite figures of steps 2 and 3 use the project's database (TWINNINGS_DATABASE_URL or
var/twinnings.sqlite3), filled by `twinnings bootstrap` when it is empty. Figures only: a
target that is missed is printed as such, and the exit status says only whether the
benchmarks ran.

    .venv/bin/python bench/run_all.py [--skip import,autocomplete,http]
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
STEPS = ["import", "autocomplete", "http"]


def run_step(name: str, out: Path) -> Any:
    done = subprocess.run([sys.executable, str(BENCH_DIR / f"bench_{name}.py"), "--json", str(out)], timeout=3600)
    if done.returncode != 0:
        print(f"\n!! bench_{name}.py failed with exit status {done.returncode}")
        return None
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
    return rows


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
