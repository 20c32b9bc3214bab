"""bench_faults.py's import scenario: `twinnings bootstrap` killed with SIGKILL twice, then run
to the end, and its row counts compared with those of an uninterrupted bootstrap."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

from common import PROJECT_DIR, TWINNINGS, heading, migrate, twinnings_env
from databases import fixture_step

STATE_SQL = {
    "places": "SELECT count(*) FROM places_place",
    "twinnings": "SELECT count(*) FROM registry_twinning",
    "sources": "SELECT count(*) FROM registry_source WHERE imported_at IS NOT NULL",
}


def state(url: str) -> dict[str, int]:
    """What an import has committed so far."""
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(f"file:{url.removeprefix('sqlite:///')}?mode=ro", uri=True, timeout=30)
        try:
            return {k: int(conn.execute(sql).fetchone()[0]) for k, sql in STATE_SQL.items()}
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as server:
        return {k: int(server.execute(sql).fetchone()[0]) for k, sql in STATE_SQL.items()}  # type: ignore[index]


def _bootstrap(url: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [TWINNINGS, "bootstrap", "-v0"],
        env=twinnings_env(url),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        cwd=PROJECT_DIR,
        start_new_session=True,
    )


def _kill(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL to the import's process group; False when it had already finished."""
    if process.poll() is not None:
        return False
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return True


def _kill_when(url: str, log: Path, ready: Any, timeout: float = 3600) -> dict[str, Any]:
    process = _bootstrap(url, log)
    started = time.monotonic()
    while process.poll() is None and time.monotonic() - started < timeout:
        if ready(time.monotonic() - started):
            break
        time.sleep(0.5)
    killed = _kill(process)
    return {"after_s": round(time.monotonic() - started, 1), "killed": killed, "committed": state(url)}


def import_with_kills(url: str, reference_url: str | None, kill_after: float, tmp: Path) -> dict[str, Any]:
    heading("kill -9 of `twinnings bootstrap` (twice), then a run to the end")
    if not migrate(url):
        return {"failed": "migrate"}
    log = tmp / "bootstrap.log"
    first = _kill_when(url, log, lambda elapsed: elapsed >= kill_after)
    print(f"  1st run killed after {first['after_s']} s: committed {first['committed']}", flush=True)
    second = _kill_when(url, log, lambda elapsed: state(url)["sources"] >= 1)
    print(f"  2nd run killed after {second['after_s']} s: committed {second['committed']}", flush=True)
    started = time.monotonic()
    final = subprocess.run(
        [TWINNINGS, "bootstrap", "-v0"], env=twinnings_env(url), capture_output=True, text=True, cwd=PROJECT_DIR
    )
    seconds = time.monotonic() - started
    print(f"  3rd run: exit {final.returncode} after {seconds:.0f} s; committed {state(url)}")
    ours, reference = fixture_step(url, "counts", tmp), fixture_step(reference_url, "counts", tmp)
    differences = [
        f"{group} {name}: {ours[group].get(name)} after the kills, {value} uninterrupted"
        for group in ("tables", "sources")
        for name, value in reference[group].items()
        if ours[group].get(name) != value
    ]
    print(f"  {'table':<28} {'killed twice':>12} {'uninterrupted':>13}")
    for name, value in reference["tables"].items():
        mark = "" if ours["tables"].get(name) == value else "  !!"
        print(f"  {name:<28} {ours['tables'].get(name, 0):>12} {value:>13}{mark}")
    print(f"  sources imported: {sorted(ours['sources'])} (uninterrupted: {sorted(reference['sources'])})")
    print(f"  counts equal to the uninterrupted import: {'yes' if not differences else 'NO'}")
    for difference in differences[:20]:
        print(f"    !! {difference}")
    return {
        "kills": [first, second],
        "final_exit": final.returncode,
        "final_s": round(seconds, 1),
        "counts": ours["tables"],
        "problems": differences + ([f"bootstrap exit {final.returncode}"] if final.returncode else []),
    }
