from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_a_reachable_migrated_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_migrations_are_pending(client: Client) -> None:
    MigrationRecorder.Migration.objects.filter(app="registry").order_by("-name")[:1].get().delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "1 pending"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_does_not_answer(client: Client) -> None:
    with mock.patch("twinnings.core.views.unapplied_migrations", side_effect=OperationalError("server closed")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable: OperationalError"


@pytest.mark.django_db
def test_favicon_redirects_to_the_icon_the_pages_link(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    page = client.get("/").content.decode()
    assert f'<link rel="icon" href="{response["Location"]}"' in page
