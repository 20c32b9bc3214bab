"""Fixtures for the public directory's pages."""

from __future__ import annotations

import pytest

from tests.factories import TinyGazetteer, make_place, make_twinning


@pytest.fixture
def hostile_place(tiny_registry: TinyGazetteer) -> TinyGazetteer:
    """A place whose name is markup, twinned with Cologne."""
    g = tiny_registry
    g.places["hostile"] = make_place(
        '<script>alert("x")</script> Town', "DE", latitude=50.0, longitude=7.0, alternate_names=["Scriptville"]
    )
    make_twinning(g["hostile"], g["cologne"])
    return g
