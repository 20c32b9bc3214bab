"""Wikidata P190 ("twinned administrative body") from the public SPARQL endpoint.

For machines with internet: `twinnings fetch-wikidata` saves the query's result pages as
JSON under `var/wikidata/`, and the `wikidata-live` source reads them like any other
dataset (so the import itself never touches the network). Pure apart from `fetch`.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from twinnings.registry.sources import Endpoint, SourceRow

ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = "Twinnings/0.1 (open registry of twinning agreements)"
PAGE_SIZE = 10000
FOLDER = "wikidata"

QUERY = """
SELECT ?item ?itemLabel ?countryLabel ?coord ?twin ?twinLabel ?twinCountryLabel ?twinCoord WHERE {
  ?item wdt:P190 ?twin .
  OPTIONAL { ?item wdt:P17 ?country . }
  OPTIONAL { ?item wdt:P625 ?coord . }
  OPTIONAL { ?twin wdt:P17 ?twinCountry . }
  OPTIONAL { ?twin wdt:P625 ?twinCoord . }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en,de,fr,es,it,pl". }
}
ORDER BY ?item ?twin
LIMIT %(limit)d OFFSET %(offset)d
"""

POINT = re.compile(r"Point\(\s*(-?[\d.]+(?:[eE]-?\d+)?)\s+(-?[\d.]+(?:[eE]-?\d+)?)\s*\)")

Opener = Callable[[str], bytes]


def _urlopen(url: str) -> bytes:
    request = urllib.request.Request(
        url, headers={"Accept": "application/sparql-results+json", "User-Agent": USER_AGENT}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return bytes(response.read())


def page_url(offset: int, limit: int = PAGE_SIZE) -> str:
    query = QUERY % {"limit": limit, "offset": offset}
    return ENDPOINT + "?" + urllib.parse.urlencode({"query": query, "format": "json"})


def fetch(folder: Path, opener: Opener = _urlopen, limit: int = PAGE_SIZE, max_pages: int = 100) -> int:
    """Save result pages until one comes back short; returns the number of bindings saved.
    Pages are written to a temporary name and renamed, so a partial fetch leaves whole pages."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("page-*.json"):
        stale.unlink()
    total = 0
    for page in range(max_pages):
        body = opener(page_url(page * limit, limit))
        bindings = json.loads(body)["results"]["bindings"]
        target = folder / f"page-{page:04d}.json"
        partial = target.with_suffix(".part")
        partial.write_bytes(body)
        partial.replace(target)
        total += len(bindings)
        if len(bindings) < limit:
            break
    return total


def _value(binding: dict[str, dict[str, str]], name: str) -> str:
    return binding.get(name, {}).get("value", "")


def parse_point(text: str) -> tuple[float | None, float | None]:
    """WKT 'Point(lon lat)' -> (lat, lon)."""
    match = POINT.search(text or "")
    if not match:
        return None, None
    lon, lat = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def _is_qid_label(label: str) -> bool:
    return bool(re.fullmatch(r"Q\d+", label))


def read_pages(root: Path) -> Iterator[SourceRow]:
    """Rows from saved result pages; a binding without labels is reported, not dropped."""
    for path in sorted((root / FOLDER).glob("page-*.json")):
        relative = str(path.relative_to(root))
        try:
            bindings = json.loads(path.read_text(encoding="utf-8"))["results"]["bindings"]
        except (ValueError, KeyError) as error:
            yield SourceRow(relative, 1, {}, error=f"not a SPARQL JSON result: {error}")
            continue
        for index, binding in enumerate(bindings, start=1):
            raw = {key: _value(binding, key) for key in binding}
            name_a, name_b = _value(binding, "itemLabel"), _value(binding, "twinLabel")
            if not name_a or not name_b or _is_qid_label(name_a) or _is_qid_label(name_b):
                yield SourceRow(relative, index, raw, error="an item has no label")
                continue
            a = Endpoint(name_a, _value(binding, "countryLabel") or None, *parse_point(_value(binding, "coord")))
            b = Endpoint(
                name_b, _value(binding, "twinCountryLabel") or None, *parse_point(_value(binding, "twinCoord"))
            )
            yield SourceRow(relative, index, raw, a, b)
