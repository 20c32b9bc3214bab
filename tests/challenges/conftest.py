"""The tiny gazetteer with real time zones, and New York for pairs across the Atlantic."""

from __future__ import annotations

import pytest

from tests.factories import TinyGazetteer, make_country, make_place
from twinnings.places.models import Place

REAL_ZONES = {"lyon": "Europe/Paris", "paris": "Europe/Paris", "tokyo": "Asia/Tokyo", "liverpool": "Europe/London"}


@pytest.fixture
def gazetteer(tiny_gazetteer: TinyGazetteer) -> TinyGazetteer:
    """Köln, Lyon, Tokyo… in their own zones, the regions without one (as the import makes them), and New York."""
    g = tiny_gazetteer
    for label, zone in REAL_ZONES.items():
        Place.objects.filter(pk=g[label].pk).update(timezone=zone)
        g[label].refresh_from_db()
    us = make_country("US", "United States", continent="NA", languages="en")
    g.countries["US"] = us
    g.places["new_york"] = make_place(
        "New York", us, latitude=40.71427, longitude=-74.00597, population=8_804_190, timezone="America/New_York"
    )
    return g
