"""Reads the gazetteer and the registry into the arrays the matching package works on."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from twinnings.matching.network import KINDS, Places
from twinnings.places.models import Country, Place, PlaceName
from twinnings.registry.models import Twinning


def load_places() -> Places:
    """Every place of the gazetteer, in id order."""
    countries = list(Country.objects.order_by("code").values_list("code", "name", "languages"))
    country_index = {code: i for i, (code, _, _) in enumerate(countries)}
    rows = list(
        Place.objects.order_by("id").values_list(
            "id", "name", "kind", "country_id", "region_id", "latitude", "longitude", "population"
        )
    )
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    position = {pid: i for i, pid in enumerate(ids.tolist())}
    region_ids = sorted({r[0] for r in rows if r[2] == Place.Kind.REGION} | {r[4] for r in rows if r[4]})
    region_index = {pid: i for i, pid in enumerate(region_ids)}
    names = [r[1] for r in rows]
    region_names = [names[position[pid]] if pid in position else "" for pid in region_ids]
    keys = dict(PlaceName.objects.filter(is_primary=True).values_list("place_id", "key"))
    key_ids: dict[str, int] = {}
    name_keys = np.array(
        [key_ids.setdefault(keys.get(r[0], r[1].casefold()), len(key_ids)) for r in rows], dtype=np.int32
    )

    def region_of(row: tuple[Any, ...]) -> int:
        if row[2] == Place.Kind.REGION:
            return region_index[row[0]]
        return region_index.get(row[4], -1) if row[4] else -1

    return Places(
        ids=ids,
        names=names,
        name_keys=name_keys,
        kind=np.array([KINDS.index(r[2]) for r in rows], dtype=np.int8),
        country=np.array([country_index[r[3]] for r in rows], dtype=np.int16),
        region=np.array([region_of(r) for r in rows], dtype=np.int32),
        latitude=np.array([r[5] for r in rows], dtype=np.float64),
        longitude=np.array([r[6] for r in rows], dtype=np.float64),
        population=np.array([r[7] for r in rows], dtype=np.int64),
        countries=[c[0] for c in countries],
        country_names=[c[1] for c in countries],
        country_languages=[tuple(code for code in c[2].split(",") if code) for c in countries],
        region_names=region_names,
    )


def load_edges(places: Places, source: str | None = None) -> NDArray[np.int64]:
    """Twinnings as pairs of place indices (optionally only those a given source attests)."""
    twinnings = Twinning.objects.all()
    if source:
        twinnings = twinnings.filter(attestations__source__name=source).distinct()
    pairs = np.array(list(twinnings.values_list("place_a_id", "place_b_id")), dtype=np.int64).reshape(-1, 2)
    index = np.searchsorted(places.ids, pairs)
    return index.reshape(-1, 2)
