"""A small synthetic world for the matching tests: four countries, eight regions, 200 places,
and twinnings that favour Germany–France and Germany–Poland, nearby places and twins of twins."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from twinnings.matching.network import KIND_CITY, KIND_REGION, Places

COUNTRIES = [("DE", "Germany", ("de",), 51.0, 10.0), ("FR", "France", ("fr",), 47.0, 2.0)]
COUNTRIES += [("PL", "Poland", ("pl",), 52.0, 19.0), ("AT", "Austria", ("de",), 47.5, 14.0)]
PER_COUNTRY = 50


def synthetic_places(seed: int = 0) -> Places:
    rng = np.random.default_rng(seed)
    n = PER_COUNTRY * len(COUNTRIES)
    country = np.repeat(np.arange(len(COUNTRIES)), PER_COUNTRY).astype(np.int16)
    lat = np.array([COUNTRIES[c][3] for c in country]) + rng.normal(0, 1.0, n)
    lon = np.array([COUNTRIES[c][4] for c in country]) + rng.normal(0, 1.5, n)
    region = (country.astype(np.int32) * 2 + (lon > np.array([COUNTRIES[c][4] for c in country]))).astype(np.int32)
    population = np.round(10 ** rng.uniform(3, 6, n)).astype(np.int64)
    kind = np.full(n, KIND_CITY, dtype=np.int8)
    kind[::PER_COUNTRY] = KIND_REGION  # the first place of each country is a region
    names = [f"Town {i}" for i in range(n)]
    names[7] = names[60] = "Neustadt"
    keys = {name: i for i, name in enumerate(dict.fromkeys(names))}
    return Places(
        ids=np.arange(1, n + 1, dtype=np.int64) * 10,
        names=names,
        name_keys=np.array([keys[name] for name in names], dtype=np.int32),
        kind=kind,
        country=country,
        region=region,
        latitude=lat,
        longitude=lon,
        population=population,
        countries=[c[0] for c in COUNTRIES],
        country_names=[c[1] for c in COUNTRIES],
        country_languages=[c[2] for c in COUNTRIES],
        region_names=[f"Region {r}" for r in range(2 * len(COUNTRIES))],
    )


def synthetic_edges(places: Places, seed: int = 0, count: int = 260) -> NDArray[np.int64]:
    """Twinnings drawn with a preference for DE–FR and DE–PL, short distances and triangles;
    the last ten places of each country stay untwinned."""
    rng = np.random.default_rng(seed)
    affinity = np.array([[0.2, 3.0, 2.0, 0.5], [3.0, 0.1, 0.3, 0.3], [2.0, 0.3, 0.1, 0.3], [0.5, 0.3, 0.3, 0.1]])
    twinnable = np.flatnonzero(np.arange(len(places)) % PER_COUNTRY < PER_COUNTRY - 10)
    edges: set[tuple[int, int]] = set()
    while len(edges) < count:
        a, b = (int(x) for x in rng.choice(twinnable, 2, replace=False))
        weight = affinity[places.country[a], places.country[b]]
        if rng.random() < weight / 3.0:
            edges.add((min(a, b), max(a, b)))
            # a twin of a twin sometimes closes the triangle
            twins = [y for x, y in edges if x == b] + [x for x, y in edges if y == b]
            if twins and rng.random() < 0.3:
                c = int(rng.choice(twins))
                if c != a:
                    edges.add((min(a, c), max(a, c)))
    return np.array(sorted(edges), dtype=np.int64)
