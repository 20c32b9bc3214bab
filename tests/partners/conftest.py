from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

from twinnings.partners import services


@pytest.fixture(autouse=True)
def model_dir(tmp_path: Path, settings: Settings) -> Iterator[Path]:
    """Each test builds its own model in a temporary var/ and forgets it afterwards."""
    settings.VAR_DIR = tmp_path
    services.forget()
    yield tmp_path / "matching"
    services.forget()
