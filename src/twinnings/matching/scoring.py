"""The score of every place as a partner of one query (serving).

The score is the linear model of `features.py`: for a candidate c, `ctx.rows([c]) @ weights`.
Building those rows for ~241k places would take a second; instead each part of the sum is
computed the cheapest way, once per query:

- what depends on the candidate alone (its twins, size, kind, country's size) is folded into
  one vector per kind of query when the weights are loaded (`Weights.fold`), and so is the
  own-twins term of a twinned candidate with no twin in the query's country or region;
- the country and region terms come from a per-query table over the (country, region) pairs
  that occur (a few thousand), through a pair number per place (`CandidateTables`);
- distances and population gaps are binned through fine grids of cells;
- these terms of every place are summed in compiled loops (`kernels.dense_scores`), and
  the ~24k places with twins get their own-twins, distance and size habit and nearest-twin
  terms in another (`kernels.active_scores`);
- the graph, the query's twins and same names touch only the few places they concern.

`tests/matching/test_scoring.py` checks the result against the feature rows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from twinnings.matching import kernels
from twinnings.matching.features import (
    BETA_PLACE,
    DISTANCE_CELL_BIN,
    F32,
    GAP_CELL_BIN,
    N_DEGREE,
    N_KIND2,
    N_POP,
    PROXIMITY_KM,
    SLICES,
    UNKNOWN_POPULATION,
    QueryContext,
    Statistics,
)
from twinnings.matching.network import KINDS

_DISTANCE_CELL_BIN = DISTANCE_CELL_BIN.astype(np.uint32)
_GAP_CELL_BIN = GAP_CELL_BIN.astype(np.uint32)


@dataclass
class Weights:
    """A fitted weight vector, with the candidate-only part folded into one score per place
    and kind of query."""

    vector: NDArray[np.float64]
    static_scores: NDArray[np.float32]  # kinds x n
    own_base: NDArray[np.float32]  # per place with twins: its `own` score without twins near the query
    distance_habit: NDArray[np.float32]  # flat (distance bins x places with twins): weighted lifts
    size_habit: NDArray[np.float32]  # flat (size-gap bins x places with twins)

    @classmethod
    def fold(cls, vector: NDArray[np.float64], stats: Statistics) -> Weights:
        base = stats.static @ vector[SLICES["static"]].astype(F32)
        kinds = vector[N_DEGREE + N_POP : N_DEGREE + N_POP + N_KIND2].reshape(len(KINDS), len(KINDS))
        static = np.stack([base + kinds[k].astype(F32)[stats.places.kind] for k in range(len(KINDS))])
        degree = stats.graph.degree[stats.active]
        own_base = vector[SLICES["own"]][0] * (np.log(BETA_PLACE) - np.log(degree + BETA_PLACE))
        return cls(
            vector=vector,
            static_scores=static.astype(F32),
            own_base=own_base.astype(F32),
            distance_habit=(vector[SLICES["habits"]][2] * stats.distance_lift.T).astype(F32).ravel(),
            size_habit=(vector[SLICES["habits"]][3] * stats.size_lift.T).astype(F32).ravel(),
        )

    def block(self, name: str) -> NDArray[np.float64]:
        return self.vector[SLICES[name]]


class CandidateTables:
    """The candidates arranged for scoring, once per `Statistics`."""

    def __init__(self, stats: Statistics) -> None:
        self.stats = stats
        width = stats.n_regions + 1
        pairs, pair = np.unique(stats.country.astype(np.int64) * width + stats.region, return_inverse=True)
        self.pair = pair.astype(np.uint32)  # the place's (country, region) pair
        self.pair_country, self.pair_region = pairs // width, pairs % width
        self.active = stats.active.astype(np.uint32)
        self.unlocated = np.flatnonzero(~stats.located)
        keys = stats.places.name_keys
        self.name_order = np.argsort(keys, kind="stable")
        self.sorted_names = keys[self.name_order]
        self._local = threading.local()

    def cells(self) -> tuple[NDArray[np.uint32], NDArray[np.uint32]]:
        """Arrays of a distance and a population-gap cell per place, reused by the calling thread
        from query to query."""
        cells: tuple[NDArray[np.uint32], NDArray[np.uint32]] | None = getattr(self._local, "cells", None)
        if cells is None:
            n = len(self.stats.places)
            cells = self._local.cells = (np.empty(n, dtype=np.uint32), np.empty(n, dtype=np.uint32))
        return cells

    def same_name(self, q: int) -> NDArray[np.int64]:
        key = self.stats.places.name_keys[q]
        lo, hi = np.searchsorted(self.sorted_names, [key, key + 1])
        return self.name_order[lo:hi]


def score_all(ctx: QueryContext, w: Weights, tables: CandidateTables) -> NDArray[np.float32]:
    """The score of every place for the query of `ctx` (a new array)."""
    score, (cells, gaps) = dense_scores(ctx, w, tables)
    if ctx.hood is not None:
        score[ctx.hood.nodes2] += (ctx.graph2 @ w.block("graph2")).astype(F32)
        score[ctx.hood.nodes3] += (ctx.graph3 @ w.block("graph3")).astype(F32)
    own = w.own_base.copy()
    (at_country, in_country), (at_region, in_region) = ctx.own_twins()
    w_own = w.block("own")
    own[at_country] = (w_own[0] * ctx.own_lift(at_country, in_country) + w_own[1] * np.log1p(in_country)).astype(F32)
    own[at_region] += (w_own[2] * np.log1p(in_region)).astype(F32)
    k = len(PROXIMITY_KM)
    proximity = w.block("proximity").astype(F32)
    kernels.active_scores(
        score,
        tables.active,
        own,
        cells,
        _DISTANCE_CELL_BIN,
        w.distance_habit,
        gaps,
        _GAP_CELL_BIN,
        w.size_habit,
        ctx.near_candidate_twin,
        np.append(proximity[:k], F32(0.0)),  # the last bin: farther
    )
    near, bins = ctx.near_your_twins(ordered=False)
    score[near] += proximity[k:][bins]
    score[tables.same_name(ctx.q)] += F32(w.block("name")[0])
    return score


def dense_scores(
    ctx: QueryContext, w: Weights, tables: CandidateTables
) -> tuple[NDArray[np.float32], tuple[NDArray[np.uint32], NDArray[np.uint32]]]:
    """The terms every place has (country and region, candidate alone, distance, size) as a new
    array, and the distance and population-gap cells of every place from the query's (the
    thread's reused arrays)."""
    s = ctx.stats
    country, region = ctx.country_table @ w.block("country"), ctx.region_table @ w.block("region")
    pair_table = (country[tables.pair_country] + region[tables.pair_region]).astype(F32)
    h = w.block("habits")
    distance_table = (w.block("distance") + h[0] * ctx.query_habits[0]).astype(F32)
    size_table = (w.block("gap") + h[1] * ctx.query_habits[1]).astype(F32)
    log_population_q = s.log_population[ctx.q]
    score, (cells, gaps) = np.empty(len(s.places), dtype=F32), tables.cells()
    kernels.dense_scores(
        *s.unit_columns,
        tables.unlocated,
        s.unit[ctx.q],
        ctx.located_q,
        s.log_population,
        log_population_q,
        bool(log_population_q != UNKNOWN_POPULATION),
        tables.pair,
        pair_table,
        w.static_scores[ctx.kind_q],
        size_table[GAP_CELL_BIN],
        distance_table[DISTANCE_CELL_BIN],
        score,
        cells,
        gaps,
    )
    return score, (cells, gaps)
