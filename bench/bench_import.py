"""Import times on a fresh database: migrate, gazetteer (twice), the four twinning sources.

Each step runs as its own `twinnings` subprocess, so the seconds are real wall-clock time
including interpreter and Django start-up. Targets (issue 2): gazetteer < 60 s, all four
sources < 120 s, >= 95 % of the primary source's distinct pairs resolved at both ends.

    .venv/bin/python bench/bench_import.py [--backend sqlite|postgresql|all] [--drop]

The SQLite database lives in a temporary directory and is removed afterwards. The PostgreSQL
database (`twinnings_bench` on postgresql://postgres@127.0.0.1:5432/) is dropped and created
again at the start and kept afterwards, so that the autocomplete and HTTP benchmarks can use
it; `--drop` removes it at the end.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    POSTGRES_BENCH_URL,
    TWINNINGS,
    drop_postgres_database,
    heading,
    machine_note,
    postgres_available,
    recreate_postgres_database,
    run_timed,
    twinnings_env,
    write_json,
)

from twinnings.registry.sources import SOURCES

GAZETTEER_TARGET_S = 60.0
REGISTRY_TARGET_S = 120.0
RESOLUTION_TARGET = 0.95
STEP_TIMEOUT_S = 1800.0
SOURCE_LINE = re.compile(
    r"^(?P<source>[\w-]+): (?P<rows>\d+) rows, (?P<pairs>\d+) pairs, (?P<resolved>\d+) resolved \([\d.]+%\), "
    r"(?P<unresolved>\d+) rows unresolved, (?P<created>\d+) twinnings created, (?P<removed>\d+) removed, "
    r"(?P<seconds>[\d.]+) s$"
)
GAZETTEER_LINE = re.compile(r"places created (?P<created>\d+), updated (?P<updated>\d+), names created (?P<names>\d+)")

STEPS: list[tuple[str, list[str]]] = [
    ("migrate", ["migrate", "--no-input", "-v0"]),
    ("import-gazetteer", ["import-gazetteer", "-v0"]),
    ("import-gazetteer (again)", ["import-gazetteer", "-v0"]),
    ("import-twinnings (4 sources)", ["import-twinnings", "-v0"]),
    ("import-twinnings (again)", ["import-twinnings", "-v0"]),
]
SOURCES_MD_PRIMARY_PAIRS = 24665  # distinct undirected pairs of the primary source, as data/SOURCES.md counts them
REGISTRY_FIGURES = """
import json
from django.db.models import Count
from twinnings.registry.models import Source, Twinning
attested = Source.objects.annotate(n=Count("twinnings", distinct=True)).values_list("name", "n")
print(json.dumps({"twinnings": Twinning.objects.count(), "attested": dict(attested)}))
"""


def run_steps(label: str, database_url: str) -> dict[str, Any]:
    """Run the import steps on one empty database; print and return the figures."""
    heading(f"import on {label}")
    print(f"  {machine_note()}")
    env = twinnings_env(database_url)
    result: dict[str, Any] = {"backend": label, "steps": {}, "sources": {}, "ok": True}
    for name, args in STEPS:
        seconds, done = run_timed([TWINNINGS, *args], env, STEP_TIMEOUT_S)
        result["steps"][name] = round(seconds, 2)
        print(f"  {name:<30} {seconds:8.1f} s   (exit {done.returncode})", flush=True)
        if done.returncode != 0:
            result["ok"] = False
            print("    " + (done.stderr.strip() or done.stdout.strip()).replace("\n", "\n    ")[-3000:])
            break
        for line in done.stdout.splitlines():
            if gazetteer := GAZETTEER_LINE.search(line):
                print(f"    {line.strip()}")
                result["steps"][name + ": changes"] = {k: int(v) for k, v in gazetteer.groupdict().items()}
            elif source := SOURCE_LINE.match(line.strip()):
                figures = source.groupdict()
                name_ = figures.pop("source")
                parsed = {k: float(v) if k == "seconds" else int(v) for k, v in figures.items()}
                if name_ in result["sources"]:  # the second run: it should create and remove nothing
                    result.setdefault("rerun", {})[name_] = {k: parsed[k] for k in ("created", "removed")}
                    print(f"    {line.strip()}")
                else:
                    result["sources"][name_] = parsed
    if result["ok"]:
        _registry_figures(env, result)
    _print_sources(result)
    return result


def _registry_figures(env: dict[str, str], result: dict[str, Any]) -> None:
    """Twinnings in the registry, and distinct place pairs attested by each source."""
    _, done = run_timed([TWINNINGS, "shell", "-c", REGISTRY_FIGURES], env, 300)
    if done.returncode == 0 and done.stdout.strip():
        result["registry"] = json.loads(done.stdout.strip().splitlines()[-1])


def _print_sources(result: dict[str, Any]) -> None:
    sources = result["sources"]
    if not sources:
        return
    print(
        f"\n  first import-twinnings run:\n  {'source':<16} {'rows':>7} {'pairs':>7} {'resolved':>9} {'share':>7} "
        f"{'unresolved rows':>16} {'created':>8} {'s':>6}"
    )
    for name, f in sources.items():
        share = f["resolved"] / f["pairs"] if f["pairs"] else 0.0
        mark = " (primary)" if SOURCES.get(name) and SOURCES[name].primary else ""
        print(
            f"  {name:<16} {f['rows']:>7} {f['pairs']:>7} {f['resolved']:>9} {share:>7.1%} {f['unresolved']:>16} "
            f"{f['created']:>8} {f['seconds']:>6.1f}{mark}"
        )
    primary = next((n for n, spec in SOURCES.items() if spec.primary), None)
    if primary in sources and sources[primary]["pairs"]:
        share = sources[primary]["resolved"] / sources[primary]["pairs"]
        result["primary_share"] = share
        print(
            f"\n  primary source {primary}: {share:.2%} of distinct pairs resolved at both ends "
            f"(target >= {RESOLUTION_TARGET:.0%})"
        )
        registry = result.get("registry")
        if registry:
            attested = registry["attested"].get(primary, 0)
            print(
                f"  registry: {registry['twinnings']} twinnings; {attested} distinct place pairs attested by {primary} "
                f"= {attested / SOURCES_MD_PRIMARY_PAIRS:.1%} of the {SOURCES_MD_PRIMARY_PAIRS} pairs SOURCES.md counts"
            )
    steps = result["steps"]
    gazetteer, registry = steps.get("import-gazetteer"), steps.get("import-twinnings (4 sources)")
    if gazetteer is not None:
        print(
            f"  import-gazetteer {gazetteer:.1f} s (target < {GAZETTEER_TARGET_S:.0f} s); "
            f"second run {steps.get('import-gazetteer (again)', float('nan')):.1f} s"
        )
    if registry is not None:
        print(
            f"  import-twinnings {registry:.1f} s (target < {REGISTRY_TARGET_S:.0f} s); "
            f"second run {steps.get('import-twinnings (again)', float('nan')):.1f} s"
        )


def bench_sqlite() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="twinnings-bench-") as tmp:
        return run_steps("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")


def bench_postgresql(drop: bool) -> dict[str, Any]:
    reason = postgres_available()
    if reason is not None:
        heading("import on PostgreSQL")
        print(f"  SKIPPED: no PostgreSQL server ({reason})")
        return {"backend": "PostgreSQL", "skipped": reason}
    recreate_postgres_database()
    try:
        return run_steps("PostgreSQL", POSTGRES_BENCH_URL)
    finally:
        if drop:
            drop_postgres_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--drop", action="store_true", help="drop the PostgreSQL bench database at the end")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    results = []
    if options.backend in ("sqlite", "all"):
        results.append(bench_sqlite())
    if options.backend in ("postgresql", "all"):
        results.append(bench_postgresql(options.drop))
    write_json(options.json, results)


if __name__ == "__main__":
    main()
