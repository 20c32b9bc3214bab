"""Reads the gazetteer and the registry into the arrays the matching package works on."""

from __future__ import annotations

import numpy as np
from django.db.models import OuterRef, Subquery
from numpy.typing import NDArray

from twinnings.matching.network import KINDS, Places
from twinnings.places.models import Country, Place, PlaceName
from twinnings.registry.models import Twinning


def load_places() -> Places:
    """Every place of the gazetteer, in id order, read in chunks straight into arrays."""
    countries = list(Country.objects.order_by("code").values_list("code", "name", "languages"))
    country_index = {code: i for i, (code, _, _) in enumerate(countries)}
    regions = list(Place.objects.filter(kind=Place.Kind.REGION).order_by("id").values_list("id", "name"))
    region_index = {pid: i for i, (pid, _) in enumerate(regions)}
    n = Place.objects.count()
    ids = np.zeros(n, dtype=np.int64)
    kind = np.zeros(n, dtype=np.int8)
    country = np.zeros(n, dtype=np.int16)
    region = np.full(n, -1, dtype=np.int32)
    latitude, longitude = np.zeros(n), np.zeros(n)
    population = np.zeros(n, dtype=np.int64)
    name_keys = np.zeros(n, dtype=np.int32)
    names: list[str] = []
    key_ids: dict[str, int] = {}
    primary = PlaceName.objects.filter(place_id=OuterRef("pk"), is_primary=True).values("key")[:1]
    rows = (
        Place.objects.order_by("id")
        .annotate(key=Subquery(primary))
        .values_list("id", "name", "kind", "country_id", "region_id", "latitude", "longitude", "population", "key")
    )
    kinds = {k: i for i, k in enumerate(KINDS)}
    i = -1
    for i, (pid, name, k, code, region_id, lat, lon, pop, key) in enumerate(rows.iterator(chunk_size=10_000)):
        if i >= n:  # places added while reading: left for the next build
            break
        ids[i], kind[i], country[i] = pid, kinds[k], country_index[code]
        own_region = pid if k == Place.Kind.REGION else region_id
        region[i] = region_index.get(own_region, -1) if own_region else -1
        latitude[i], longitude[i], population[i] = lat, lon, pop
        name_keys[i] = key_ids.setdefault(key or name.casefold(), len(key_ids))
        names.append(name)
    m = i + 1
    return Places(
        ids=ids[:m],
        names=names,
        name_keys=name_keys[:m],
        kind=kind[:m],
        country=country[:m],
        region=region[:m],
        latitude=latitude[:m],
        longitude=longitude[:m],
        population=population[:m],
        countries=[c[0] for c in countries],
        country_names=[c[1] for c in countries],
        country_languages=[tuple(code for code in c[2].split(",") if code) for c in countries],
        region_names=[name for _, name in regions],
    )


def load_edges(places: Places, source: str | None = None) -> NDArray[np.int64]:
    """Twinnings as pairs of place indices (optionally only those a given source attests)."""
    twinnings = Twinning.objects.all()
    if source:
        twinnings = twinnings.filter(attestations__source__name=source).distinct()
    pairs = np.array(list(twinnings.values_list("place_a_id", "place_b_id")), dtype=np.int64).reshape(-1, 2)
    index = np.searchsorted(places.ids, pairs)
    return index.reshape(-1, 2)
