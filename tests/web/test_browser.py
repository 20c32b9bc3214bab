"""Real pages in headless Chromium: the maps draw from the site's own data, with no internet.

Needs Debian's `chromium` (the `chromium` fixture of tests/web/conftest.py): skipped with a message when
it is missing, a failure under CI=true.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.factories import TinyGazetteer


def rendered_dom(chromium: str, url: str) -> str:
    """The page's DOM after its scripts ran, with every request outside the test server refused."""
    offline = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-extensions", "--no-first-run", offline,
        "--virtual-time-budget=10000", "--window-size=1280,900", "--dump-dom", url,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_place_map_draws_lines_to_twins_without_internet(
    chromium: str, live_server: object, tiny_registry: TinyGazetteer
) -> None:
    dom = rendered_dom(chromium, f"{live_server}{tiny_registry['cologne'].get_absolute_url()}")
    assert "leaflet-container" in dom  # Leaflet came from the site's static files
    assert dom.count("<canvas") >= 2  # the dotted basemap's tiles and the lines' canvas
    assert "tile.openstreetmap.org" not in dom  # tiles are off by default


@pytest.mark.django_db(transaction=True)
def test_home_map_draws_the_world_network(chromium: str, live_server: object, tiny_registry: TinyGazetteer) -> None:
    dom = rendered_dom(chromium, f"{live_server}/")
    assert "leaflet-container" in dom
    assert "map-error" not in dom  # the JSON endpoints answered
    assert dom.count("<canvas") >= 2
