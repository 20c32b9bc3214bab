"""Partner recommendations: build the model from the registry, keep it under var/, serve it.

The model (places as arrays, the twinnings, the fitted weights) is written to
`VAR_DIR/matching/model.npz` by `twinnings build-matching`, and by `twinnings bootstrap` when the
file is missing or older than the registry. A process loads it on first use and rebuilds it when
the registry or the gazetteer has changed since (checked at most every `CHECK_EVERY` seconds), so
recommendations never lag behind an import for long; the processes of a server build it once.
"""

from __future__ import annotations

import fcntl
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Max
from threadpoolctl import threadpool_limits

from twinnings.matching import kernels
from twinnings.matching.model import FitConfig, FittedWeights
from twinnings.matching.network import Places
from twinnings.matching.ranker import Candidate, Filters, Ranker
from twinnings.partners.network import load_edges, load_places
from twinnings.places.models import Place
from twinnings.registry.services import registry_version

CHECK_EVERY = 30.0  # seconds a process trusts its model before looking at the registry again
SEPARATOR = "\x1f"


def model_path() -> Path:
    return Path(settings.VAR_DIR) / "matching" / "model.npz"


def data_version() -> str:
    """Changes whenever twinnings or places are added or removed."""
    places = Place.objects.order_by().aggregate(n=Count("id"), last=Max("id"))
    return f"{registry_version()}|{places['n']}.{places['last'] or 0}"


@dataclass
class Model:
    version: str
    ranker: Ranker
    built_seconds: float = 0.0


def _join(values: list[str]) -> NDArrayStr:
    return np.array(SEPARATOR.join(values))


NDArrayStr = Any


def save(model: Model, path: Path) -> None:
    p, fitted = model.ranker.places, model.ranker.fitted
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(
        tmp,
        version=np.array(model.version),
        ids=p.ids,
        names=_join(p.names),
        name_keys=p.name_keys,
        kind=p.kind,
        country=p.country,
        region=p.region,
        latitude=p.latitude,
        longitude=p.longitude,
        population=p.population,
        countries=_join(p.countries),
        country_names=_join(p.country_names),
        country_languages=_join([",".join(langs) for langs in p.country_languages]),
        region_names=_join(p.region_names),
        edges=model.ranker.stats.graph.edges,
        warm=fitted.warm,
        cold=fitted.cold,
    )
    tmp.replace(path)


def load(path: Path) -> Model:
    with np.load(path) as f:

        def split(name: str) -> list[str]:
            text = str(f[name])
            return text.split(SEPARATOR) if text else []

        places = Places(
            ids=f["ids"],
            names=split("names"),
            name_keys=f["name_keys"],
            kind=f["kind"],
            country=f["country"],
            region=f["region"],
            latitude=f["latitude"],
            longitude=f["longitude"],
            population=f["population"],
            countries=split("countries"),
            country_names=split("country_names"),
            country_languages=[tuple(c for c in langs.split(",") if c) for langs in split("country_languages")],
            region_names=split("region_names"),
        )
        ranker = Ranker(places, f["edges"], FittedWeights(warm=f["warm"], cold=f["cold"]))
        return Model(str(f["version"]), ranker)


def build(path: Path | None = None, config: FitConfig | None = None) -> Model:
    """Read the gazetteer and the registry, fit the ranker, write the model file."""
    started = time.perf_counter()
    version = data_version()
    places = load_places()
    ranker = Ranker.build(places, load_edges(places), config)
    model = Model(version, ranker, time.perf_counter() - started)
    save(model, path or model_path())
    return model


class _Cache:
    lock = threading.Lock()
    model: Model | None = None
    checked_at = 0.0
    serving = False  # the process is set up to answer queries


def forget() -> None:
    """Drop the model this process holds (tests, or after a rebuild by another process)."""
    with _Cache.lock:
        _Cache.model, _Cache.checked_at = None, 0.0


def prepare_to_serve() -> None:
    """One BLAS thread in a serving process, and the scoring kernels compiled (or read from
    their cache) before the first request rather than during it. A request scores one query; its
    matrix-vector products are far too small to gain from threads, and on a machine whose cores
    are busy with other work a threaded product waits for a core: the distances to ~241k places
    took 20-60 ms at the 95th percentile instead of 0.2 ms, measured under load."""
    threadpool_limits(limits=1, user_api="blas")
    kernels.warm_up()


def current() -> Model:
    """The model for the registry as it is now: held, read from disk, or rebuilt."""
    with _Cache.lock:
        now = time.monotonic()
        if _Cache.model is not None and now - _Cache.checked_at < CHECK_EVERY:
            return _Cache.model
        if not _Cache.serving:
            prepare_to_serve()
            _Cache.serving = True
        version = data_version()
        if _Cache.model is None or _Cache.model.version != version:
            _Cache.model, _ = _read_or_build(version)
        _Cache.checked_at = now
        return _Cache.model


def _read_or_build(version: str) -> tuple[Model, bool]:
    """The model file if it is of `version`, else a new one built and written (True). One process
    at a time: the workers of a server that all find the registry changed build it once, the
    others wait for it and read the file."""
    path = model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        model = load(path) if path.exists() else None
        if model is not None and model.version == version:
            return model, False
        return build(path), True


def build_if_stale() -> bool:
    """Writes the model file unless it is already of the registry as it is now (after an import,
    so that no request waits for the build); True if it built one."""
    return _read_or_build(data_version())[1]


@dataclass
class Recommendation:
    place: Place
    score: float
    distance_km: float | None
    reasons: list[Any]


def recommend(place: Place, filters: Filters, limit: int = 10) -> list[Recommendation]:
    """Ranked partners for `place`, with their Place rows and reasons (InvalidFilters on bad filters)."""
    model = current()
    q = model.ranker.places.index_of(place.pk)
    if q is None:  # a place created after the model: check the registry again
        forget()
        model = current()
        q = model.ranker.places.index_of(place.pk)
        if q is None:
            return []
    candidates: list[Candidate] = model.ranker.recommend(q, limit, filters)
    rows = Place.objects.select_related("country", "region").in_bulk([c.place_id for c in candidates])
    return [
        Recommendation(rows[c.place_id], c.score, c.distance_km, c.reasons) for c in candidates if c.place_id in rows
    ]


def reason_data(reason: Any) -> dict[str, Any]:
    from twinnings.partners.reasons import reason_text

    params = {k: v for k, v in reason.params.items() if isinstance(v, (str, int, float, list))}
    return {"code": reason.code, "text": reason_text(reason), "contribution": reason.contribution, "params": params}


def recommendation_data(r: Recommendation) -> dict[str, Any]:
    p = r.place
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "country": p.country_id,
        "country_name": p.country.name,
        "region": p.region.name if p.region_id and p.region else None,
        "population": p.population or None,
        "latitude": round(p.latitude, 5),
        "longitude": round(p.longitude, 5),
        "twin_count": p.twin_count,
        "score": round(r.score, 4),
        "distance_km": round(r.distance_km, 1) if r.distance_km is not None else None,
        "reasons": [reason_data(reason) for reason in r.reasons],
    }
