"""Tests of the read API (/api/v1/)."""

from __future__ import annotations

from typing import Any

PLACE_FIELDS = {"id", "geonames_id", "name", "country", "kind", "population", "lat", "lon"}


def assert_error(body: Any) -> None:
    """An error body: `{"detail": "<a readable message>", ...}`."""
    assert isinstance(body, dict), body
    assert isinstance(body["detail"], str) and body["detail"].strip(), body
