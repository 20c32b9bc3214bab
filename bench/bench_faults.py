"""Faults: what survives a killed server, a killed import, a restarted PostgreSQL and a disk that
turns read-only or fills up. Figures and findings only; the exit status is 1 when data was lost
or left inconsistent.

Each database gets its own throwaway database: PostgreSQL in a cluster of its own
(`pg_createcluster`, dropped at the end, so that restarting it disturbs nothing else on the
machine; `--shared-server` uses TWINNINGS_BENCH_POSTGRES_SERVER instead and then skips the restart),
SQLite in a temporary directory. Scenarios (`--scenarios`, default all):

- **import**: `twinnings bootstrap` into the empty database, killed with SIGKILL twice — after
  --import-kill seconds (in the gazetteer), then as soon as the first twinning source is
  committed — then run again to the end. Its row counts of every gazetteer and registry table
  and its sources' figures are compared with those of the prepared database, which an
  uninterrupted bootstrap filled.
- **kill**: --clients clients stream writes (bench/write_clients.py: edits through the API and the
  clauses page, messages) at gunicorn (3 workers x 2 threads) for --stream seconds; --kills times
  the whole server (master and workers) gets SIGKILL and is started again a second later. Then
  every write a client saw accepted must be in the database exactly once, every refused one
  absent, those without an answer at most once; SQLite's integrity check; no half-written
  objects (bench/write_fixture.py `integrity`).
- **pg-restart** (PostgreSQL): the same writes plus two readers, and `pg_ctlcluster … restart`
  a third of the way in. Prints how long the restart took, the failed requests by status and the
  error window (from the first failed request to the end of the last one), and whether every
  request after it succeeded.
- **disk** (SQLite): the database copied onto a tmpfs just larger than it. Writes (API and page)
  and reads are tried while it is writable, remounted read-only, writable again, full (a
  file of zeros takes the last byte) and with space again. Prints each answer's status and
  whether it was a clear error (503 with a message, no stack trace), then checks the file.

    .venv/bin/python bench/bench_faults.py [--backend all] [--scenarios import,kill,pg-restart,disk]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import subprocess
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
    POSTGRES_SERVER_URL,
    heading,
    kill_server,
    machine_note,
    migrate,
    serve,
    stop_server,
    write_json,
)
from databases import (
    copy_database,
    drop_database,
    ensure_postgres_bench,
    ensure_project_sqlite,
    fill_registry,
    fixture_step,
)
from fault_env import PrivateCluster, Tmpfs, mount_unavailable, private_cluster_unavailable
from fault_import import import_with_kills
from write_clients import Reader, Writer, run_threads

SCENARIOS = ["import", "kill", "pg-restart", "disk"]
FAILED = (0, 500, 502, 503, 504)


def verify(url: str, fixture: dict[str, Any], writers: list[Writer], tmp: Path) -> dict[str, Any]:
    """What the clients saw against the database, and its integrity."""
    writes = [w.as_dict() for writer in writers for w in writer.writes]
    (tmp / "fixture.json").write_text(json.dumps(fixture))
    (tmp / "writes.json").write_text(json.dumps(writes))
    checked = fixture_step(url, "check", tmp, fixture=tmp / "fixture.json", writes=tmp / "writes.json")
    integrity = fixture_step(url, "integrity", tmp)
    return {
        "outcomes": checked["outcomes"],
        "saved_without_success_answer": checked["saved_without_success_answer"],
        "statuses": dict(sorted(Counter(str(w["status"]) for w in writes).items())),
        "integrity_check": integrity.get("integrity_check"),
        "problems": checked["problems"] + integrity["problems"],
    }


def print_verdict(found: dict[str, Any]) -> None:
    print(f"  writes by outcome {found['outcomes']}; by status {found['statuses']}")
    saved = found["saved_without_success_answer"]
    if saved:
        print(f"  saved although the client got no success answer: {saved}")
    if found.get("integrity_check") is not None:
        print(f"  PRAGMA integrity_check: {found['integrity_check'][:3]}")
    print(f"  lost, duplicated or half-written: {len(found['problems'])}")
    for problem in found["problems"][:20]:
        print(f"    !! {problem}")


# --- (a) the server killed -------------------------------------------------------------------


def server_kill(url: str, options: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    heading(f"kill -9 of gunicorn during writes ({options.kills} times in {options.stream} s)")
    fixture = fixture_step(url, "setup", tmp, clients=options.clients, agreements=2)
    server, port = serve(url, tmp / "kill-0.log", workers=3, threads=2)
    writers = [Writer(i, port, fixture, page_share=0.25) for i in range(options.clients)]
    for writer in writers:
        writer.login()
    started = time.monotonic()
    deadline = started + options.stream
    stream = threading.Thread(target=run_threads, args=([lambda w=w: w.run_until(deadline) for w in writers],))
    stream.start()
    kills = []
    for number in range(1, options.kills + 1):
        time.sleep(max(0.0, started + number * options.stream / (options.kills + 1) - time.monotonic()))
        killed = time.monotonic()
        kill_server(server)
        time.sleep(1)
        server, port = serve(url, tmp / f"kill-{number}.log", workers=3, threads=2, port=port)
        kills.append({"at": round(killed - started, 1), "down_s": round(time.monotonic() - killed, 1)})
        print(f"  SIGKILL at +{killed - started:.1f} s; answering again after {time.monotonic() - killed:.1f} s")
    stream.join()
    stop_server(server)
    found = verify(url, fixture, writers, tmp)
    print_verdict(found)
    return {"kills": kills, **found}


# --- (c) PostgreSQL restarted --------------------------------------------------------------


def error_window(logs: list[tuple[float, float, int]], restart: float) -> dict[str, Any]:
    failed = [entry for entry in logs if entry[2] in FAILED and entry[1] >= restart - 1]
    if not failed:
        return {"failed": 0, "window_s": 0.0, "after_ok": True, "failed_statuses": {}}
    first, last = min(e[0] for e in failed), max(e[1] for e in failed)
    after = [e for e in logs if e[0] > last]
    return {
        "failed": len(failed),
        "failed_statuses": dict(Counter(str(e[2]) for e in failed)),
        "from_s": round(first - restart, 2),
        "to_s": round(last - restart, 2),
        "window_s": round(last - first, 2),
        "after": len(after),
        "after_ok": all(e[2] not in FAILED for e in after),
    }


def pg_restart(url: str, cluster: PrivateCluster, options: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    heading(f"PostgreSQL restarted under load ({' '.join(cluster.restart_command)})")
    fixture = fixture_step(url, "setup", tmp, clients=options.clients, agreements=2)
    server, port = serve(url, tmp / "restart.log", workers=3, threads=2)
    writers = [Writer(i, port, fixture, page_share=0.25) for i in range(options.clients)]
    for writer in writers:
        writer.login()
    paths = [f"/places/{p}/" for p in fixture["places"]] + [f"/api/v1/places/{p}/twinnings" for p in fixture["places"]]
    readers = [Reader(port, paths[i:] + paths[:i]) for i in range(2)]
    started = time.monotonic()
    deadline = started + options.stream
    everyone = [lambda w=w: w.run_until(deadline) for w in writers] + [
        lambda r=r: r.run_until(deadline) for r in readers
    ]
    stream = threading.Thread(target=run_threads, args=(everyone,))
    stream.start()
    time.sleep(options.stream / 3)
    restart = time.monotonic()
    done = subprocess.run(cluster.restart_command, capture_output=True, text=True, timeout=120)
    restart_s = time.monotonic() - restart
    stream.join()
    stop_server(server)
    logs = [entry for w in writers for entry in w.client.log] + [entry for r in readers for entry in r.client.log]
    window = error_window(logs, restart)
    print(f"  restart command: exit {done.returncode}, {restart_s:.1f} s; {len(logs)} requests in {options.stream} s")
    if window["failed"]:
        print(
            f"  {window['failed']} failed requests {window['failed_statuses']}, from +{window['from_s']} s to "
            f"+{window['to_s']} s after the restart began: error window {window['window_s']} s"
        )
        print(f"  afterwards {window['after']} requests, {'all' if window['after_ok'] else 'NOT all'} answered")
    else:
        print("  no failed request")
    found = verify(url, fixture, writers, tmp)
    print_verdict(found)
    return {"restart_s": round(restart_s, 2), "requests": len(logs), **window, **found}


# --- (d) a read-only or full disk under SQLite ---------------------------------------------


def attempt(writer: Writer, fixture: dict[str, Any], phase: str) -> list[dict[str, Any]]:
    """A message, an API edit, a page edit and two reads; what each got back."""
    agreement = fixture["agreements"][0]
    answers = []
    for kind, call in (
        ("message (API)", writer.message),
        ("clause (API)", lambda: writer.api_edit(agreement, "clause")),
        ("clause (page)", lambda: writer.page_edit(agreement)),
    ):
        before = len(writer.client.log)
        call()
        status = writer.client.log[-1][2] if len(writer.client.log) > before else 0
        answers.append({"phase": phase, "request": kind, "status": status, **_clarity(writer)})
    for kind, path in (("place page", f"/places/{fixture['places'][0]}/"), ("API read", "/api/v1/stats")):
        reply = writer.client.request("GET", path, api=False)
        answers.append({"phase": phase, "request": kind, "status": reply.status, **_clarity(writer, reply.body)})
    return answers


def _clarity(writer: Writer, body: bytes | None = None) -> dict[str, Any]:
    text = (body if body is not None else writer.last_body).decode(errors="replace")
    return {"traceback": "Traceback" in text or 'File "' in text, "message": _message(text)}


def _message(text: str) -> str:
    try:
        return str(json.loads(text).get("detail", ""))[:120]
    except (ValueError, AttributeError):
        pass
    for marker in ("<h1", "<p"):
        start = text.find(marker)
        if start >= 0:
            chunk = text[text.find(">", start) + 1 :]
            return chunk[: chunk.find("<")].strip()[:120]
    return text.strip()[:120]


def disk(url: str, options: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    heading("SQLite on a file and a disk that turn read-only, and a full disk")
    reason = mount_unavailable(tmp / "probe")
    if reason:
        print(f"  SKIPPED: {reason}")
        return {"skipped": reason}
    source = Path(url.removeprefix("sqlite:///"))
    size = source.stat().st_size + 48 * 1024 * 1024
    with Tmpfs(tmp / "disk", size) as fs:
        database = fs.path / "twinnings.sqlite3"
        disk_url = copy_database(url, database)
        fixture = fixture_step(disk_url, "setup", tmp, clients=1, agreements=1)
        server, port = serve(disk_url, tmp / "disk.log", workers=2, threads=2, respect_permissions=True)
        writer = Writer(0, port, fixture)
        writer.login()
        answers = attempt(writer, fixture, "writable")
        database.chmod(0o444)
        answers += attempt(writer, fixture, "read-only file")
        for path in fs.path.glob("twinnings.sqlite3*"):  # SQLite gave its -shm file the mode of the database
            path.chmod(0o644)
        answers += attempt(writer, fixture, "writable again")
        fs.remount(read_only=True)
        answers += attempt(writer, fixture, "read-only disk")
        fs.remount(read_only=False)
        answers += attempt(writer, fixture, "writable again")
        with contextlib.closing(sqlite3.connect(database)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write must find room on the disk
        filled = fs.fill()
        answers += attempt(writer, fixture, "disk full")
        fs.unfill()
        answers += attempt(writer, fixture, "space again")
        stop_server(server)
        found = verify(disk_url, fixture, [writer], tmp)
    print(f"  tmpfs of {size / 2**20:.0f} MiB, {filled / 2**20:.1f} MiB of zeros filled it")
    print(f"  {'phase':<15} {'request':<14} {'status':>6}  clear?  message")
    for a in answers:
        failed = a["status"] in FAILED
        clear = "" if not failed else ("yes" if a["status"] == 503 and a["message"] and not a["traceback"] else "NO")
        print(f"  {a['phase']:<15} {a['request']:<14} {a['status']:>6}  {clear:<6}  {a['message'][:70]}")
    unclear = [a for a in answers if a["status"] in FAILED and (a["status"] != 503 or a["traceback"])]
    print_verdict(found)
    return {"answers": answers, "unclear_errors": len(unclear), **found}


# --- each database ---------------------------------------------------------------------------


def faults_database(backend: str, server: str, tmp: Path) -> tuple[str, str | None]:
    """An empty database of its own, and the prepared one to compare with (None: the project's)."""
    if backend == "SQLite":
        return f"sqlite:///{tmp / 'faults.sqlite3'}", os.environ.get("TWINNINGS_DATABASE_URL")
    import psycopg

    with psycopg.connect(server + "postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute('DROP DATABASE IF EXISTS "twinnings_faults" WITH (FORCE)')
        conn.execute('CREATE DATABASE "twinnings_faults"')
    return server + "twinnings_faults", POSTGRES_BENCH_URL


def fill(url: str, reference: str | None, same_server: bool) -> None:
    """The registry in the faults database without the import scenario: a copy where possible."""
    if url.startswith("sqlite:"):
        copy_database(reference, Path(url.removeprefix("sqlite:///")))
    elif same_server:
        copy_database(reference, "twinnings_faults")
    else:
        fill_registry(url)


def run_backend(backend: str, options: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    heading(f"faults on {backend}")
    print(f"  {machine_note()}")
    reason = ensure_project_sqlite() if backend == "SQLite" else ensure_postgres_bench()
    if reason:
        print(f"  SKIPPED: {reason}")
        return {"backend": backend, "skipped": reason}
    result: dict[str, Any] = {"backend": backend}
    with contextlib.ExitStack() as stack:
        cluster = None
        if backend == "PostgreSQL" and not options.shared_server:
            unavailable = private_cluster_unavailable()
            if unavailable:
                print(f"  a PostgreSQL cluster of its own: {unavailable}; using the bench server, no restart")
            else:
                cluster = stack.enter_context(PrivateCluster())
                print(f"  PostgreSQL cluster of its own on port {cluster.port} (dropped at the end)")
        server = cluster.server_url if cluster else POSTGRES_SERVER_URL
        url, reference = faults_database(backend, server, tmp)
        if "import" in options.scenarios:
            result["import"] = import_with_kills(url, reference, options.import_kill, tmp)
        else:
            fill(url, reference, cluster is None)
        migrate(url)
        if "kill" in options.scenarios:
            result["kill"] = server_kill(url, options, tmp)
        if "pg-restart" in options.scenarios and backend == "PostgreSQL":
            if cluster is None:
                result["pg-restart"] = {"skipped": "no cluster of its own to restart"}
            else:
                result["pg-restart"] = pg_restart(url, cluster, options, tmp)
        if "disk" in options.scenarios and backend == "SQLite":
            result["disk"] = disk(url, options, tmp)
        if backend == "PostgreSQL" and cluster is None:
            drop_database(url)
    print(f"  {machine_note()}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated: " + ", ".join(SCENARIOS))
    parser.add_argument("--clients", type=int, default=4, help="clients writing during the kill and restart")
    parser.add_argument("--stream", type=int, default=60, help="seconds of writes in the kill and restart scenarios")
    parser.add_argument("--kills", type=int, default=3, help="SIGKILLs of the server during the stream")
    parser.add_argument("--import-kill", type=float, default=20, help="seconds into the first bootstrap to kill it")
    parser.add_argument("--shared-server", action="store_true", help="PostgreSQL: the bench server, no restart")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    options.scenarios = {s.strip() for s in options.scenarios.split(",") if s.strip()}
    results = []
    with tempfile.TemporaryDirectory(prefix="twinnings-faults-") as tmp:
        if options.backend in ("postgresql", "all"):
            results.append(run_backend("PostgreSQL", options, Path(tmp)))
        if options.backend in ("sqlite", "all"):
            results.append(run_backend("SQLite", options, Path(tmp)))
    write_json(options.json, results)
    problems = [p for r in results for s in r.values() if isinstance(s, dict) for p in s.get("problems", [])]
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
