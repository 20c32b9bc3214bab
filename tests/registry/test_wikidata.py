"""The Wikidata P190 importer, on recorded SPARQL responses (never the network)."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from twinnings.registry import wikidata

DATA = Path(__file__).parent / "data"
PAGES = [(DATA / "wikidata_p190_page.json").read_bytes(), (DATA / "wikidata_p190_last_page.json").read_bytes()]


class RecordedEndpoint:
    """Serves the recorded pages in order and remembers the queries it was sent."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.queries.append(parse_qs(urlparse(url).query)["query"][0])
        return PAGES[len(self.queries) - 1]


def test_fetch_pages_until_a_short_page(tmp_path: Path) -> None:
    endpoint = RecordedEndpoint()
    saved = wikidata.fetch(tmp_path / "wikidata", opener=endpoint, limit=3)
    assert saved == 4
    assert sorted(p.name for p in (tmp_path / "wikidata").iterdir()) == ["page-0000.json", "page-0001.json"]
    assert "wdt:P190" in endpoint.queries[0]
    assert "LIMIT 3 OFFSET 0" in endpoint.queries[0] and "LIMIT 3 OFFSET 3" in endpoint.queries[1]


def test_read_pages_yields_endpoints_with_coordinates(tmp_path: Path) -> None:
    wikidata.fetch(tmp_path / "wikidata", opener=RecordedEndpoint(), limit=3)
    rows = list(wikidata.read_pages(tmp_path))
    assert len(rows) == 4
    lublin = rows[0]
    assert lublin.a is not None and lublin.b is not None
    assert (lublin.a.name, lublin.a.country, lublin.b.name, lublin.b.country) == ("Lublin", "Poland", "Lviv", "Ukraine")
    assert lublin.a.latitude == pytest.approx(51.2333, abs=1e-3) and lublin.a.longitude == pytest.approx(
        22.5667, abs=1e-3
    )
    assert rows[2].b is not None and rows[2].b.latitude is None  # "not a point" is no coordinate
    assert rows[3].error == "an item has no label"  # a bare Q-id label is reported, not imported


def test_a_page_that_is_not_sparql_json_is_reported(tmp_path: Path) -> None:
    (tmp_path / "wikidata").mkdir()
    (tmp_path / "wikidata" / "page-0000.json").write_text("<html>rate limited</html>")
    rows = list(wikidata.read_pages(tmp_path))
    assert len(rows) == 1 and rows[0].error.startswith("not a SPARQL JSON result")


def test_parse_point_rejects_out_of_range() -> None:
    assert wikidata.parse_point("Point(2.35 48.85)") == (48.85, 2.35)
    assert wikidata.parse_point("Point(200 48)") == (None, None)
    assert wikidata.parse_point("") == (None, None)


def test_recorded_pages_are_valid_sparql_json() -> None:
    for page in PAGES:
        assert "bindings" in json.loads(page)["results"]
