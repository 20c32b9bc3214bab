"""TWINNINGS_LOG_FORMAT=json: one JSON object per line (time, level, logger, message), with the
method, path, status and duration of each request; plain lines by default."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from tests.factories import TinyGazetteer
from twinnings.core.logs import JsonFormatter

SNIPPET = """
import logging, django
django.setup()
log = logging.getLogger("twinnings.example")
log.warning("disk %s%% full", 91)
try:
    1 / 0
except ZeroDivisionError:
    log.exception("could not divide")
"""


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TWINNINGS_LOG_FORMAT"}
    environment |= {"DJANGO_SETTINGS_MODULE": "twinnings.settings", **env}
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)


@pytest.fixture
def request_log() -> Iterator[io.StringIO]:
    """What the request logger writes, through the JSON formatter, while the test runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("twinnings.request")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_json_logs_are_one_object_per_line_with_the_exception() -> None:
    result = run_python(SNIPPET, TWINNINGS_LOG_FORMAT="json")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    warning, error = (json.loads(line) for line in lines)
    assert warning["message"] == "disk 91% full" and warning["level"] == "WARNING"
    assert warning["logger"] == "twinnings.example" and warning["time"].endswith("+00:00")
    assert error["level"] == "ERROR" and "ZeroDivisionError: division by zero" in error["exception"]


def test_plain_logs_by_default_and_an_unknown_format_refused() -> None:
    plain = run_python(SNIPPET).stderr
    assert "WARNING twinnings.example: disk 91% full" in plain and "Traceback" in plain
    refused = run_python(SNIPPET, TWINNINGS_LOG_FORMAT="xml")
    assert refused.returncode != 0 and "TWINNINGS_LOG_FORMAT='xml': expected one of plain, json" in refused.stderr


@pytest.mark.django_db
def test_each_request_is_logged_with_method_path_status_and_duration(
    client: Client, request_log: io.StringIO, tiny_gazetteer: TinyGazetteer
) -> None:
    client.get("/countries/")
    client.get("/api/v1/places/999999")
    first, second = (json.loads(line) for line in request_log.getvalue().splitlines())
    assert {k: first[k] for k in ("level", "logger", "method", "path", "status")} == {
        "level": "INFO",
        "logger": "twinnings.request",
        "method": "GET",
        "path": "/countries/",
        "status": 200,
    }
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    assert first["message"].startswith("GET /countries/ 200 ")
    assert (second["path"], second["status"]) == ("/api/v1/places/999999", 404)


def test_django_request_records_carry_the_request() -> None:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x",), None)
    record.request = RequestFactory().post("/x")
    record.status_code = 404
    entry = json.loads(JsonFormatter().format(record))
    assert (entry["message"], entry["method"], entry["path"], entry["status"]) == ("Not Found: /x", "POST", "/x", 404)


def test_serve_writes_json_lines_only(tmp_path: Path) -> None:
    """gunicorn's own lines and the requests' lines, all JSON, from `twinnings serve`."""
    port = 18000 + os.getpid() % 1000
    # As systemd runs it: stdout is not a terminal and Python buffers it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWINNINGS_") and k != "PYTHONUNBUFFERED"}
    env |= {"TWINNINGS_LOG_FORMAT": "json", "TWINNINGS_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "twinnings.manage", "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            status = _get(f"http://127.0.0.1:{port}/healthz", deadline=time.monotonic() + 60)
            main_process = Path(f"/proc/{server.pid}/cmdline").read_bytes().split(b"\0")
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = log.read_text().splitlines()
    assert status == 503  # an empty database: migrations pending
    entries = [json.loads(line) for line in lines[1:]]  # the first line is the command's own banner
    assert lines[0].startswith("Twinnings at http://127.0.0.1:")  # once, before gunicorn's lines
    assert any(e["logger"] == "gunicorn.error" and "Listening at" in e["message"] for e in entries)
    assert any(e.get("path") == "/healthz" and e.get("status") == 503 for e in entries)
    # The command became gunicorn's main process (same pid, for systemd), a fresh interpreter.
    assert main_process[1:4] == [b"-m", b"gunicorn", b"twinnings.wsgi:application"]


def test_gunicorns_main_process_loads_no_django() -> None:
    """Its workers are forked from it: a reload (SIGHUP) after an upgrade must start them on the new
    code, so the main process imports neither Django nor the apps, only the JSON log formatter."""
    code = "import sys, twinnings.core.gunicorn_logging; print(*sorted(m for m in sys.modules if 'django' in m))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _get(url: str, deadline: float) -> int:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
