"""Production settings (TWINNINGS_DEBUG=0, a real secret key and hosts, TWINNINGS_HTTPS=1): Django's
deployment check finds nothing, and responses carry the security headers and secure cookies."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from tests.workspace import make_user
from twinnings import settings as project_settings

SECRET = "k3y-" + "x7Qp9Lm2Vt8Rw4Zs6Nc1Bd5Hf0Jg3Ka" * 2
PRODUCTION = {
    "TWINNINGS_DEBUG": "0",
    "TWINNINGS_SECRET_KEY": SECRET,
    "TWINNINGS_ALLOWED_HOSTS": "twinnings.example.org",
    "TWINNINGS_HTTPS": "1",
}
HOST = "twinnings.example.org"


def check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWINNINGS_")} | extra
    return subprocess.run(
        [sys.executable, "-m", "twinnings.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )


def production_settings(extra: dict[str, str] | None = None) -> dict[str, Any]:
    """The security settings that settings.py computes under the production environment."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (PRODUCTION | (extra or {})).items():
            patch.setenv(name, value)
        values = runpy.run_path(str(Path(project_settings.__file__)))
    prefixes = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_", "X_FRAME", "ALLOWED_HOSTS", "DEBUG")
    return {k: v for k, v in values.items() if k.startswith(prefixes) or k == "PROXY_COUNT"}


def test_the_deployment_check_finds_nothing_under_production_settings() -> None:
    result = check_deploy(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_the_deployment_check_does_warn_without_https() -> None:
    result = check_deploy(PRODUCTION | {"TWINNINGS_HTTPS": "0"})
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


@pytest.mark.django_db
def test_responses_over_https_carry_the_security_headers_and_secure_cookies() -> None:
    make_user("ana@example.org", password="a long enough password")
    with override_settings(**production_settings()):
        client = Client(HTTP_HOST=HOST)
        page = client.get("/account/login/", secure=True)
        assert page.status_code == 200
        assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert page["X-Frame-Options"] == "DENY"
        assert page["X-Content-Type-Options"] == "nosniff"
        assert page["Referrer-Policy"] == "same-origin"
        assert page["Cross-Origin-Opener-Policy"] == "same-origin"
        assert page.cookies["csrftoken"]["secure"]
        login = client.post(
            "/account/login/", {"username": "ana@example.org", "password": "a long enough password"}, secure=True
        )
        assert login.status_code == 302
        session = login.cookies["sessionid"]
        assert session["secure"] and session["httponly"]


@pytest.mark.django_db
def test_plain_http_is_redirected_except_the_health_check() -> None:
    with override_settings(**production_settings()):
        client = Client(HTTP_HOST=HOST)
        redirect = client.get("/countries/")
        assert redirect.status_code == 301 and redirect["Location"] == f"https://{HOST}/countries/"
        assert "Strict-Transport-Security" not in redirect  # only ever sent over TLS
        assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_its_forwarded_protocol_is_trusted() -> None:
    values = production_settings({"TWINNINGS_PROXY_COUNT": "1", "TWINNINGS_HSTS_SECONDS": "600"})
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    with override_settings(**values):
        client = Client(HTTP_HOST=HOST)
        response = client.get("/countries/", HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 200
        assert response["Strict-Transport-Security"].startswith("max-age=600;")
        assert client.get("/countries/", HTTP_X_FORWARDED_PROTO="http").status_code == 301


def test_without_a_proxy_the_forwarded_protocol_is_ignored() -> None:
    assert "SECURE_PROXY_SSL_HEADER" not in production_settings()
