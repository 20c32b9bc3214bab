"""The input of the partner finder: places as parallel arrays, and twinnings as index pairs.

Everything here is plain numpy so that the ranker, the evaluation and the benchmarks can run
without a database. Indices (0..n-1) are positions in these arrays, never database ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

EARTH_RADIUS_KM = 6371.0088

KIND_CITY, KIND_REGION, KIND_AREA = 0, 1, 2
KINDS = ("city", "region", "area")


@dataclass
class Places:
    """Every candidate place. `region` is an index into `region_names` (-1 when unknown);
    `population` 0 means unknown; `latitude`/`longitude` NaN mean unknown."""

    ids: NDArray[np.int64]
    names: list[str]
    name_keys: NDArray[np.int32]  # equal numbers mean the same normalised name
    kind: NDArray[np.int8]
    country: NDArray[np.int16]  # index into `countries`
    region: NDArray[np.int32]  # index into `region_names`, -1 when unknown
    latitude: NDArray[np.float64]
    longitude: NDArray[np.float64]
    population: NDArray[np.int64]
    countries: list[str]  # ISO codes
    country_names: list[str]
    country_languages: list[tuple[str, ...]]  # official languages per country, ISO 639
    region_names: list[str]
    _index: dict[int, int] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def index_of(self, place_id: int) -> int | None:
        """Position of a database id, or None."""
        if not self._index:
            self._index = {int(pid): i for i, pid in enumerate(self.ids)}
        return self._index.get(int(place_id))

    @property
    def has_coordinates(self) -> NDArray[np.bool_]:
        return np.isfinite(self.latitude) & np.isfinite(self.longitude)

    def unit_vectors(self) -> NDArray[np.float32]:
        """Points on the unit sphere (n x 3, float32); zeros where coordinates are unknown."""
        lat = np.radians(np.nan_to_num(self.latitude))
        lon = np.radians(np.nan_to_num(self.longitude))
        xyz = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
        xyz[~self.has_coordinates] = 0.0
        return xyz.astype(np.float32)


def km_from_cosine(cosine: NDArray[np.floating] | float) -> NDArray[np.float64]:
    """Great-circle distance from the cosine of the central angle (a dot product of unit vectors)."""
    return np.asarray(EARTH_RADIUS_KM * np.arccos(np.clip(cosine, -1.0, 1.0)), dtype=np.float64)


def cosine_from_km(km: NDArray[np.floating] | float) -> NDArray[np.float64]:
    return np.asarray(np.cos(np.asarray(km, dtype=np.float64) / EARTH_RADIUS_KM), dtype=np.float64)


def canonical_edges(edges: NDArray[np.integer], n: int) -> NDArray[np.int64]:
    """Undirected pairs (i < j), without self-loops and duplicates, sorted."""
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if len(e) and (e.min() < 0 or e.max() >= n):
        raise ValueError("an edge refers to a place index out of range")
    e = np.sort(e, axis=1)
    e = e[e[:, 0] != e[:, 1]]
    return np.unique(e, axis=0) if len(e) else e.reshape(0, 2)
