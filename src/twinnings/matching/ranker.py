"""The partner finder: every place scored for a query, filtered, the best explained."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from twinnings.matching.features import QueryContext, Statistics
from twinnings.matching.model import FitConfig, FittedWeights, fit
from twinnings.matching.network import KINDS, Places, km_from_cosine
from twinnings.matching.reasons import Reason, explain
from twinnings.matching.scoring import CandidateTables, Weights, score_all


class InvalidFilters(ValueError):
    """Filters that contradict each other or name unknown values."""


@dataclass(frozen=True)
class Filters:
    countries: Collection[str] = ()  # ISO codes; empty: any
    languages: Collection[str] = ()  # ISO 639 codes, one of the candidate country's official languages
    kinds: Collection[str] = ()  # city, region, area
    min_population: int | None = None
    max_population: int | None = None
    max_km: float | None = None
    exclude_twins: bool = True

    def check(self) -> None:
        if self.min_population is not None and self.min_population < 0:
            raise InvalidFilters("the minimum population cannot be negative")
        if self.max_population is not None and self.max_population < 0:
            raise InvalidFilters("the maximum population cannot be negative")
        if (
            self.min_population is not None
            and self.max_population is not None
            and self.min_population > self.max_population
        ):
            raise InvalidFilters(
                f"the minimum population ({self.min_population}) is larger than the maximum ({self.max_population})"
            )
        if self.max_km is not None and not self.max_km > 0:
            raise InvalidFilters("the maximum distance must be a positive number of kilometres")
        unknown = sorted(set(self.kinds) - set(KINDS))
        if unknown:
            raise InvalidFilters(f"unknown kind {unknown[0]!r}: expected one of {', '.join(KINDS)}")


@dataclass
class Candidate:
    index: int
    place_id: int
    score: float
    distance_km: float | None
    reasons: list[Reason] = field(default_factory=list)


class Ranker:
    """Statistics of the twinnings it was given, and the two fitted weight vectors."""

    def __init__(self, places: Places, edges: NDArray[np.integer], weights: FittedWeights) -> None:
        self.places = places
        self.stats = Statistics(places, edges)
        self.fitted = weights
        self.warm = Weights.fold(weights.warm, self.stats)
        self.cold = Weights.fold(weights.cold, self.stats)
        self.tables = CandidateTables(self.stats)
        self._country_index = {code: i for i, code in enumerate(places.countries)}

    @classmethod
    def build(cls, places: Places, edges: NDArray[np.integer], config: FitConfig | None = None) -> Ranker:
        return cls(places, edges, fit(places, edges, config))

    def weights_for(self, ctx: QueryContext) -> Weights:
        return self.warm if ctx.degree_q > 0 else self.cold

    def scores(self, q: int) -> NDArray[np.float32]:
        """The score of every place as a partner of place `q` (higher is better)."""
        ctx = self.stats.context(q)
        return score_all(ctx, self.weights_for(ctx), self.tables)

    def mask(self, q: int, filters: Filters) -> NDArray[np.bool_] | None:
        """Places the filters allow (None: all), the query and (by default) its twins excluded later."""
        filters.check()
        p, keep = self.places, None

        def both(m: NDArray[np.bool_]) -> NDArray[np.bool_]:
            return m if keep is None else keep & m

        if filters.countries:
            wanted = np.zeros(len(p.countries), dtype=bool)
            wanted[[self._country_index[c] for c in filters.countries if c in self._country_index]] = True
            keep = both(wanted[p.country])
        if filters.languages:
            wanted = np.array([bool(set(filters.languages) & set(langs)) for langs in p.country_languages])
            keep = both(wanted[p.country])
        if filters.kinds:
            keep = both(np.isin(p.kind, [KINDS.index(k) for k in filters.kinds]))
        if filters.min_population is not None:
            keep = both(p.population >= filters.min_population)
        if filters.max_population is not None:
            keep = both(p.population <= filters.max_population)
        if filters.max_km is not None:
            if not self.stats.located[q]:
                raise InvalidFilters("the place has no coordinates: a maximum distance cannot apply")
            cosine = self.stats.unit @ self.stats.unit[q]
            keep = both((km_from_cosine(cosine) <= filters.max_km) & self.stats.located)
        return keep

    def recommend(self, q: int, limit: int = 10, filters: Filters | None = None) -> list[Candidate]:
        filters = filters or Filters()
        ctx = self.stats.context(q)
        weights = self.weights_for(ctx)
        score = score_all(ctx, weights, self.tables)
        keep = self.mask(q, filters)
        if keep is not None:
            score[~keep] = -np.inf
        score[q] = -np.inf
        if filters.exclude_twins:
            score[self.stats.graph.neighbours(q)] = -np.inf
        limit = max(0, min(limit, len(score)))
        if limit == 0:
            return []
        if limit < len(score):  # the places at least as good as the limit-th, ties included
            top = np.flatnonzero(score >= np.partition(score, len(score) - limit)[len(score) - limit])
        else:
            top = np.arange(len(score))
        top = top[np.isfinite(score[top])]
        top = top[np.lexsort((top, -score[top]))][:limit]  # ties by index
        rows = ctx.rows(top)
        out = []
        for i, c in enumerate(top.tolist()):
            distance = (
                float(km_from_cosine(self.stats.unit[c] @ self.stats.unit[q]))
                if self.stats.located[c] and self.stats.located[q]
                else None
            )
            reasons = explain(ctx, c, rows[i], weights.vector, distance)
            out.append(Candidate(c, int(self.places.ids[c]), float(score[c]), distance, reasons))
        return out
