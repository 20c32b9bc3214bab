"""Tests leave the project's var/ alone (its database, partner-finder model and files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from twinnings.partners import services
from twinnings.places.models import Place


def test_files_written_by_tests_go_to_a_var_of_their_own() -> None:
    project_var = Path(__file__).resolve().parents[2] / "var"
    for name in ("VAR_DIR", "ATTACHMENTS_DIR", "BACKUP_DIR", "EMAIL_FILE_PATH"):
        assert not Path(getattr(settings, name)).resolve().is_relative_to(project_var), name


@pytest.mark.django_db
def test_a_model_built_during_a_test_is_written_to_the_test_var(tiny_registry: object, client: Client) -> None:
    place = Place.objects.get(name="Lyon")
    assert client.get(f"/api/v1/places/{place.pk}/recommendations").status_code == 200
    assert services.model_path().exists()
    assert services.model_path().is_relative_to(Path(settings.VAR_DIR))
