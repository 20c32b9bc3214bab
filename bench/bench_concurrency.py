"""Concurrent writes to the same agreements, over real HTTP, and a count of what was kept.

On a private copy of each prepared database (SQLite: a backup of the project's file; PostgreSQL:
a database made from the bench database as a template), `twinnings serve` runs gunicorn with
--workers processes of 2 threads. bench/write_fixture.py adds --clients users, half in each of two
real places' offices (the two most twinned cities of different countries), and --agreements
agreements under negotiation between the two places. Then:

1. **Edits** for --duration seconds: each client, a thread with its own connection, reads an
   agreement's revision, waits up to --think seconds and writes with it: the terms, a bilingual
   clause, a commitment or its party's responsibilities through the API, or a clause through the
   clauses page (session, CSRF token, form revision); a fifth of the writes are messages in the
   conversation between the two offices (no revision). A stale revision is answered 409.
2. **Proposing, approving and signing**, agreement by agreement: every client at once proposes
   it; then approves the proposed version for its own party; then signs it.

Afterwards the database is read (write_fixture.py `check` and `integrity`): every accepted
write present exactly once and every refused one absent; each agreement's revision equal to
1 + its accepted edits and to 1 + the edits in its history; its objectives and responsibilities
those of the last accepted edit; exactly one accepted proposal per agreement, one approval and
one signature per party; no 5xx reaching a client. Prints the counts; asserts nothing, but the
exit status is 1 when a write was lost or duplicated.

    .venv/bin/python bench/bench_concurrency.py [--clients 8] [--agreements 2] [--duration 30]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    POSTGRES_BENCH_URL,
    heading,
    latency_summary,
    machine_note,
    serve,
    stop_server,
    write_json,
)
from databases import copy_database, drop_database, ensure_postgres_bench, ensure_project_sqlite, fixture_step
from write_clients import Writer, run_threads


def race(writers: list[Writer], agreement: dict[str, Any]) -> None:
    """Every client at once: propose, then approve the version for its party, then sign it."""
    barrier = threading.Barrier(len(writers))

    def client(writer: Writer) -> None:
        barrier.wait()
        writer.propose(agreement)
        barrier.wait()
        version = writer.current_version(agreement)
        barrier.wait()
        if version:
            writer.approve(agreement, version)
        barrier.wait()
        version = writer.current_version(agreement)
        barrier.wait()
        if version:
            writer.sign(agreement, version)

    run_threads([lambda w=w: client(w) for w in writers])


def run_backend(label: str, source_url: str | None, options: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    heading(f"concurrent writes on {label}: {options.clients} clients, {options.agreements} agreements")
    reason = ensure_postgres_bench() if source_url == POSTGRES_BENCH_URL else ensure_project_sqlite()
    if reason:
        print(f"  SKIPPED: {reason}")
        return {"backend": label, "skipped": reason}
    target = "twinnings_bench_concurrency" if source_url == POSTGRES_BENCH_URL else tmp / "concurrency.sqlite3"
    url = copy_database(source_url, target)
    try:
        fixture = fixture_step(url, "setup", tmp, clients=options.clients, agreements=options.agreements)
        (tmp / "fixture.json").write_text(json.dumps(fixture))
        ids = [a["id"] for a in fixture["agreements"]]
        print(f"  places: {' and '.join(fixture['place_names'])}; agreements {ids}")
        server, port = serve(url, tmp / f"gunicorn-{label}.log", workers=options.workers, threads=options.threads)
        try:
            writers = [Writer(i, port, fixture, think=options.think) for i in range(options.clients)]
            signed_in = sum(w.login() for w in writers)
            print(f"  gunicorn {options.workers} workers x {options.threads} threads; {signed_in} page sessions")
            print(f"  {machine_note()}", flush=True)
            started = time.monotonic()
            deadline = started + options.duration
            run_threads([lambda w=w: w.run_until(deadline) for w in writers])
            edit_seconds = time.monotonic() - started
            for agreement in fixture["agreements"]:
                race(writers, agreement)
            print(f"  {machine_note()}")
        finally:
            stop_server(server)
        writes = [w.as_dict() for writer in writers for w in writer.writes]
        (tmp / "writes.json").write_text(json.dumps(writes))
        checked = fixture_step(url, "check", tmp, fixture=tmp / "fixture.json", writes=tmp / "writes.json")
        integrity = fixture_step(url, "integrity", tmp)
    finally:
        if not options.keep:
            drop_database(url)
    reads = Counter(status for writer in writers for _, status in writer.reads)
    edits = [w for w in writes if w["kind"] not in ("propose", "approve", "sign")]
    result = {
        "backend": label,
        "clients": options.clients,
        "duration": round(edit_seconds, 1),
        "writes": len(writes),
        "outcomes": dict(Counter(w["outcome"] for w in writes)),
        "statuses": dict(sorted(Counter(str(w["status"]) for w in writes).items())),
        "read_statuses": {str(k): v for k, v in sorted(reads.items())},
        "accepted_edits_per_s": sum(w["outcome"] == "accepted" for w in edits) / edit_seconds,
        "latency": latency_summary([w["seconds"] for w in edits]) if edits else {},
        "check": checked,
        "integrity": integrity,
    }
    print_result(result)
    return result


def print_result(r: dict[str, Any]) -> None:
    c = r["check"]
    print(f"  {r['writes']} writes in {r['duration']} s of edits and the approval race; outcomes {r['outcomes']}")
    print(f"  write statuses {r['statuses']}; read statuses {r['read_statuses']}")
    lat = r["latency"]
    if lat:
        print(
            f"  accepted edits {r['accepted_edits_per_s']:.1f}/s; write latency p50 {lat['p50']:.0f} / "
            f"p95 {lat['p95']:.0f} / p99 {lat['p99']:.0f} ms"
        )
    print("  by kind:")
    for kind, outcomes in c["by_kind"].items():
        print(f"    {kind:<17} " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    for a in c["agreements"]:
        print(
            f"  agreement {a['id']}: {a['status']}, revision {a['revision']} = 1 + {a['edits_in_history']} edits "
            f"in its history; {a['accepted_edits']} edits accepted during the run"
        )
    print(f"  registry twinnings of the pair: {c['registry_twinnings_of_the_pair']}")
    integrity = r["integrity"]
    if "integrity_check" in integrity:
        print(f"  PRAGMA integrity_check: {integrity['integrity_check'][:3]}")
    fivexx = sum(v for k, v in {**r["statuses"], **r["read_statuses"]}.items() if k.startswith("5"))
    problems = c["problems"] + integrity["problems"]
    print(f"  5xx answers: {fivexx}; lost or duplicated writes and other problems: {len(problems)}")
    for problem in problems[:20]:
        print(f"    !! {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--agreements", type=int, default=2)
    parser.add_argument("--duration", type=int, default=30, help="seconds of concurrent edits")
    parser.add_argument("--think", type=float, default=0.05, help="longest pause between reading and writing (s)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the database copies")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="twinnings-concurrency-") as tmp:
        if options.backend in ("postgresql", "all"):
            results.append(run_backend("PostgreSQL", POSTGRES_BENCH_URL, options, Path(tmp)))
        if options.backend in ("sqlite", "all"):
            results.append(run_backend("SQLite", os.environ.get("TWINNINGS_DATABASE_URL"), options, Path(tmp)))
    write_json(options.json, results)
    failed = [r for r in results if r.get("check") and (r["check"]["problems"] or r["integrity"]["problems"])]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
