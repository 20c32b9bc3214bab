from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_a_reachable_migrated_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_migrations_are_pending(client: Client) -> None:
    with mock.patch("twinnings.core.views.MigrationExecutor") as executor:
        executor.return_value.migration_plan.return_value = [("a migration", False)]
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "1 pending"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_does_not_answer(client: Client) -> None:
    with mock.patch("twinnings.core.views.MigrationExecutor", side_effect=OperationalError("server closed")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable: OperationalError"
