"""Throwaway environments for bench_faults.py: a PostgreSQL cluster of its own (restarting it
disturbs nothing else on the machine) and a small tmpfs for a SQLite file (read-only or full).
Both need root; each says why when it cannot be had."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from types import TracebackType

from common import free_port

CLUSTER = "twinnings_faults"


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, check=False)


def private_cluster_unavailable() -> str | None:
    if os.geteuid() != 0:
        return "a cluster of its own needs root"
    missing = [tool for tool in ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster") if not shutil.which(tool)]
    if missing:
        return f"missing {', '.join(missing)} (Debian's postgresql-common)"
    return None


def _installed_version() -> str:
    """The major version of the first cluster listed (the server the tests use), e.g. 15."""
    listed = _run("pg_lsclusters", "-h").stdout.split()
    if listed:
        return listed[0]
    versions = sorted(p.name for p in Path("/usr/lib/postgresql").iterdir() if p.name.isdigit())
    return versions[-1]


class PrivateCluster:
    """`pg_createcluster VERSION twinnings_faults` on a free port, trusting 127.0.0.1 only; dropped at exit."""

    def __init__(self) -> None:
        self.version = _installed_version()
        self.port = free_port()

    @property
    def server_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/"

    @property
    def restart_command(self) -> list[str]:
        return ["pg_ctlcluster", self.version, CLUSTER, "restart"]

    def __enter__(self) -> PrivateCluster:
        _run("pg_dropcluster", "--stop", self.version, CLUSTER)  # left over from an interrupted run
        created = _run("pg_createcluster", self.version, CLUSTER, "-p", str(self.port))
        if created.returncode != 0:
            raise RuntimeError(f"pg_createcluster failed: {created.stderr.strip()}")
        hba = Path(f"/etc/postgresql/{self.version}/{CLUSTER}/pg_hba.conf")
        hba.write_text("local all postgres peer\nhost all all 127.0.0.1/32 trust\n")
        started = _run("pg_ctlcluster", self.version, CLUSTER, "start")
        if started.returncode != 0:
            raise RuntimeError(f"pg_ctlcluster start failed: {started.stderr.strip()}")
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while _run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port)).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the cluster on port {self.port} does not answer")
            time.sleep(0.3)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        _run("pg_dropcluster", "--stop", self.version, CLUSTER)


def mount_unavailable(probe: Path) -> str | None:
    probe.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(probe))
    if done.returncode != 0:
        return f"cannot mount a tmpfs ({done.stderr.strip() or 'not root'})"
    _run("umount", str(probe))
    return None


class Tmpfs:
    """A tmpfs of `size_bytes` at `path`, unmounted at exit."""

    def __init__(self, path: Path, size_bytes: int) -> None:
        self.path, self.size = path, size_bytes

    def __enter__(self) -> Tmpfs:
        self.path.mkdir(parents=True, exist_ok=True)
        done = _run("mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs", str(self.path))
        if done.returncode != 0:
            raise RuntimeError(f"mount failed: {done.stderr.strip()}")
        return self

    def remount(self, read_only: bool, attempts: int = 40) -> None:
        """Read-only or writable again; a file open for writing makes the kernel refuse for a moment."""
        for _ in range(attempts):
            done = _run("mount", "-o", f"remount,{'ro' if read_only else 'rw'}", str(self.path))
            if done.returncode == 0:
                return
            time.sleep(0.25)
        raise RuntimeError(f"remount failed: {done.stderr.strip()}")

    def fill(self) -> int:
        """Write a file of zeros until the filesystem is full; the bytes written."""
        written = 0
        block = b"\0" * (1 << 20)
        with (self.path / "filler").open("wb", buffering=0) as out:
            while block:
                try:
                    written += out.write(block) or 0
                except OSError:
                    block = block[: len(block) // 2]  # top up with smaller blocks until not a byte fits
        return written

    def unfill(self) -> None:
        (self.path / "filler").unlink(missing_ok=True)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        for _ in range(20):
            if _run("umount", str(self.path)).returncode == 0:
                return
            time.sleep(0.5)
        _run("umount", "-l", str(self.path))
