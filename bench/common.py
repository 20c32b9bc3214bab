"""Helpers shared by the benchmarks: paths, percentiles, subprocesses, servers and wrk.

The benchmarks print figures; they assert nothing about speed. Each one can also write its
figures as JSON (`--json PATH`) so that `run_all.py` can print one summary table.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TWINNINGS = str(BIN / "twinnings")
DATA_DIR = Path(os.environ.get("TWINNINGS_DATA_DIR") or PROJECT_DIR.parent / "shared" / "data")
HEKMAN_DIR = DATA_DIR / "sources" / "Hekman__twincities"

BENCH_SRC = os.environ.get("TWINNINGS_BENCH_SRC", "")
if BENCH_SRC:
    sys.path.insert(0, BENCH_SRC)

POSTGRES_SERVER_URL = os.environ.get("TWINNINGS_BENCH_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432/")
POSTGRES_BENCH_DB = os.environ.get("TWINNINGS_BENCH_POSTGRES_DB", "twinnings_bench")
POSTGRES_BENCH_URL = POSTGRES_SERVER_URL.rstrip("/") + "/" + POSTGRES_BENCH_DB


def project_sqlite_file() -> Path:
    """The SQLite file `twinnings` uses when TWINNINGS_DATABASE_URL is unset (as settings.py says)."""
    return Path(os.environ.get("TWINNINGS_VAR_DIR") or PROJECT_DIR / "var") / "twinnings.sqlite3"


def heading(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def machine_note() -> str:
    """Cores and load: other work on the machine moves every figure, so print it beside them."""
    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.2f} (1 min) {five:.2f} (5 min)"


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50": statistics.median(ms),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms),
    }


def write_json(path: str | None, payload: Any) -> None:
    if path:
        Path(path).write_text(json.dumps(payload, indent=2, default=str))


def twinnings_env(database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment for a `twinnings` subprocess: a database URL, or the project's default.

    TWINNINGS_BENCH_SRC=<checkout>/src benchmarks another checkout (e.g. an exported commit)
    with this virtualenv; its settings still use this project's var/ and node_modules/."""
    env = {k: v for k, v in os.environ.items() if k != "TWINNINGS_DATABASE_URL"}
    if database_url:
        env["TWINNINGS_DATABASE_URL"] = database_url
    env.setdefault("TWINNINGS_DATA_DIR", str(DATA_DIR))
    env.setdefault("TWINNINGS_RATE_LIMITS", "0")  # load from one address is the point here, not abuse
    if BENCH_SRC:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [BENCH_SRC, env.get("PYTHONPATH", "")]))
        env.setdefault("TWINNINGS_VAR_DIR", str(PROJECT_DIR / "var"))
        env.setdefault("TWINNINGS_NODE_MODULES", str(PROJECT_DIR / "node_modules"))
    env.update(extra)
    return env


def run_timed(
    args: Sequence[str], env: dict[str, str], timeout: float
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run a command to completion; return its wall-clock seconds and the completed process."""
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, cwd=PROJECT_DIR)
    return time.perf_counter() - started, done


def migrate(database_url: str | None) -> bool:
    """Bring a database to the code's schema (the code may have moved on since it was filled)."""
    done = subprocess.run(
        [TWINNINGS, "migrate", "--no-input", "-v0"],
        env=twinnings_env(database_url),
        capture_output=True,
        text=True,
        timeout=900,
        cwd=PROJECT_DIR,
    )
    if done.returncode != 0:
        print(f"  migrate failed: {(done.stderr or done.stdout).strip()[-500:]}")
    return done.returncode == 0


# --- PostgreSQL ---------------------------------------------------------------------------


def postgres_available(url: str = POSTGRES_SERVER_URL + "postgres") -> str | None:
    """None when a server answers at `url`, else the reason it does not."""
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as error:
        return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"
    return None


def postgres_bench_ready() -> bool:
    """True when the bench database exists and holds a migrated, imported registry."""
    if postgres_available(POSTGRES_BENCH_URL) is not None:
        return False
    import psycopg

    try:
        with psycopg.connect(POSTGRES_BENCH_URL, connect_timeout=3) as conn:
            return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM registry_twinning)").fetchone()[0])  # type: ignore[index]
    except Exception:
        return False


def postgres_statistics_note(url: str = POSTGRES_BENCH_URL) -> str:
    """Whether the planner has statistics for the registry: they change plans (and timings)."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            autovacuum = conn.execute("SHOW autovacuum").fetchone()[0]  # type: ignore[index]
            analysed = conn.execute(
                "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('registry_twinning', "
                "'registry_attestation', 'places_placename') AND coalesce(last_analyze, last_autoanalyze) IS NOT NULL"
            ).fetchone()[0]  # type: ignore[index]
    except Exception as error:
        return f"statistics unknown ({type(error).__name__})"
    return f"autovacuum {autovacuum}; {analysed} of 3 large tables (twinnings, attestations, names) analysed"


def recreate_postgres_database(name: str = POSTGRES_BENCH_DB) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_SERVER_URL + "postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(name: str = POSTGRES_BENCH_DB) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_SERVER_URL + "postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- servers and wrk ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, timeout: float = 60.0, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
            if error.code < 500:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = str(error)
        time.sleep(0.3)
    raise RuntimeError(f"no answer from {url} within {timeout:.0f} s ({last})")


def serve(
    database_url: str | None,
    log: Path,
    workers: int = 2,
    threads: int = 2,
    port: int | None = None,
    respect_permissions: bool = False,
) -> tuple[subprocess.Popen[bytes], int]:
    """`twinnings serve` (gunicorn) on 127.0.0.1, answering; returns the process and its port."""
    port = port or free_port()
    args = [TWINNINGS, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    server = start_server([*args, "--threads", str(threads)], twinnings_env(database_url), log, respect_permissions)
    wait_for_http(f"http://127.0.0.1:{port}/healthz", process=server)
    return server, port


def kill_server(process: subprocess.Popen[bytes]) -> None:
    """kill -9 of the server's whole process group: the gunicorn master and every worker."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def http_get(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return int(error.code), error.read()


def start_server(
    args: Sequence[str], env: dict[str, str], log_path: Path, respect_permissions: bool = False
) -> subprocess.Popen[bytes]:
    """Start a server in its own process group (so that stopping it stops its workers).

    `respect_permissions`: under root, without the capability to override file permissions
    (setpriv), so that a file made read-only is read-only for the server too."""
    if respect_permissions and os.geteuid() == 0:
        args = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *args]
    log = log_path.open("wb")
    return subprocess.Popen(
        args, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT_DIR, start_new_session=True
    )


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@dataclass
class WrkResult:
    url: str
    requests_per_second: float
    requests: int
    p50_ms: float
    p75_ms: float
    p90_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int
    transfer_per_second: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unexpected wrk duration {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(url: str, output: str) -> WrkResult:
    """Read requests/s, the latency distribution (--latency) and errors from wrk's report."""
    dist = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    transfer = re.search(r"^Transfer/sec:\s+(\S+)", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if not (rps and total and len(dist) == 4):
        raise ValueError(f"could not parse wrk output for {url}:\n{output}")
    return WrkResult(
        url=url,
        requests_per_second=float(rps.group(1)),
        requests=int(total.group(1)),
        p50_ms=_to_ms(dist["50"]),
        p75_ms=_to_ms(dist["75"]),
        p90_ms=_to_ms(dist["90"]),
        p99_ms=_to_ms(dist["99"]),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(g) for g in errors.groups()) if errors else 0,
        transfer_per_second=transfer.group(1) if transfer else "",
    )


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(url: str, connections: int = 16, threads: int = 2, duration: int = 10) -> WrkResult:
    """One bounded wrk run (`-d` seconds, plus a hard timeout) against a loopback URL."""
    if not url.startswith(("http://127.0.0.1:", "http://localhost:", "http://[::1]:")):
        raise ValueError(f"load is only sent to this machine's loopback, not {url}")
    binary = wrk_path()
    if binary is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install -y wrk)")
    args = [binary, f"-c{connections}", f"-t{threads}", f"-d{duration}s", "--timeout", "10s", "--latency", url]
    done = subprocess.run(args, capture_output=True, text=True, timeout=duration + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    return parse_wrk(url, done.stdout)


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"
