"""The score of every place as a partner of one query (serving).

The score is the linear model of `features.py`: for a candidate c, `ctx.rows([c]) @ weights`.
Building those rows for ~241k places would take a second; instead each part of the sum is
computed the cheapest way, once per query:

- what depends on the candidate alone (its twins, size, kind, country's size) is folded into
  one vector per kind of query when the weights are loaded (`Weights.fold`), and so is the
  own-twins term of a twinned candidate with no twin in the query's country or region;
- the country and region terms are one gather from a per-query table over the (country, region)
  pairs that occur (a few thousand), through a pair number per place (`CandidateTables`);
- distances go through a matrix-vector product and a fine grid of cells; population gaps are
  binned once per distinct population (some 43k) and gathered;
- the graph, the query's and the candidate's twins and same names touch only the few places
  they concern, and the ~24k places with twins get their distance and size habits.

Temporary arrays of the size of the gazetteer are reused, one set per thread.
`tests/matching/test_scoring.py` checks the result against the feature rows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from twinnings.matching.features import (
    BETA_PLACE,
    DISTANCE_CELL_BIN,
    DISTANCE_CELLS,
    F32,
    GAP_CELL_BIN,
    N_DEGREE,
    N_DISTANCE,
    N_KIND2,
    N_POP,
    PROXIMITY_KM,
    SLICES,
    QueryContext,
    Statistics,
    gap_cells,
)
from twinnings.matching.network import KINDS


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


class _Scratch:
    """Arrays of the size of the gazetteer, reused by one thread from query to query."""

    def __init__(self, n: int) -> None:
        self.values = np.empty(n, dtype=F32)
        self.cells = np.empty(n, dtype=np.intp)


class CandidateTables:
    """The candidates arranged for scoring, once per `Statistics`."""

    def __init__(self, stats: Statistics) -> None:
        self.stats = stats
        width = stats.n_regions + 1
        pairs, pair = np.unique(stats.country.astype(np.int64) * width + stats.region, return_inverse=True)
        self.pair = pair.astype(np.intp)  # the place's (country, region) pair
        self.pair_country, self.pair_region = pairs // width, pairs % width
        populations, population = np.unique(stats.log_population, return_inverse=True)
        self.populations = populations.astype(F32)  # distinct log10 populations
        self.population = population.astype(np.intp)
        self.population_active = self.population[stats.active]
        keys = stats.places.name_keys
        self.name_order = np.argsort(keys, kind="stable")
        self.sorted_names = keys[self.name_order]
        self.active_offsets = np.arange(len(stats.active), dtype=np.intp)
        self.unlocated = np.flatnonzero(~stats.located)
        self._local = threading.local()

    def scratch(self) -> _Scratch:
        scratch: _Scratch | None = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _Scratch(len(self.stats.places))
        return scratch

    def same_name(self, q: int) -> NDArray[np.int64]:
        key = self.stats.places.name_keys[q]
        lo, hi = np.searchsorted(self.sorted_names, [key, key + 1])
        return self.name_order[lo:hi]


def score_all(ctx: QueryContext, w: Weights, tables: CandidateTables) -> NDArray[np.float32]:
    """The score of every place for the query of `ctx` (a new array)."""
    s, scratch = ctx.stats, tables.scratch()
    country, region = ctx.country_table @ w.block("country"), ctx.region_table @ w.block("region")
    pair_table = (country[tables.pair_country] + region[tables.pair_region]).astype(F32)
    score = np.take(pair_table, tables.pair)
    score += w.static_scores[ctx.kind_q]
    if ctx.hood is not None:
        score[ctx.hood.nodes2] += (ctx.graph2 @ w.block("graph2")).astype(F32)
        score[ctx.hood.nodes3] += (ctx.graph3 @ w.block("graph3")).astype(F32)
    h = w.block("habits")
    distance_table = (w.block("distance") + h[0] * ctx.query_habits[0]).astype(F32)
    m = len(s.active)  # habits are stored bin by bin: (bin * m + position)
    if ctx.located_q:
        cells = _distance_cells(ctx, tables, scratch)
        np.take(distance_table[DISTANCE_CELL_BIN], cells, out=scratch.values, mode="clip")
        score += scratch.values
        distance_habits = np.take(DISTANCE_CELL_BIN * m, cells[s.active])
    else:
        score += distance_table[-1]
        distance_habits = np.full(m, (N_DISTANCE - 1) * m, dtype=np.intp)
    size_table = (w.block("gap") + h[1] * ctx.query_habits[1]).astype(F32)
    population_cells = gap_cells(tables.populations, float(s.log_population[ctx.q]))
    np.take(size_table[GAP_CELL_BIN[population_cells]], tables.population, out=scratch.values, mode="clip")
    score += scratch.values
    size_habits = np.take(GAP_CELL_BIN * m, population_cells[tables.population_active])
    # places with twins: their own twins near the query's, habits, and twins near the query
    active = w.own_base.copy()
    (at_country, in_country), (at_region, in_region) = ctx.own_twins()
    w_own = w.block("own")
    active[at_country] = (w_own[0] * ctx.own_lift(at_country, in_country) + w_own[1] * np.log1p(in_country)).astype(F32)
    active[at_region] += (w_own[2] * np.log1p(in_region)).astype(F32)
    distance_habits += tables.active_offsets
    size_habits += tables.active_offsets
    active += np.take(w.distance_habit, distance_habits)
    active += np.take(w.size_habit, size_habits)
    k = len(PROXIMITY_KM)
    proximity = w.block("proximity").astype(F32)
    active += np.append(proximity[:k], F32(0.0))[ctx.near_candidate_twin]  # the last bin: farther
    score[s.active] += active
    near, bins = ctx.near_your_twins()
    score[near] += proximity[k:][bins]
    score[tables.same_name(ctx.q)] += F32(w.block("name")[0])
    return score


# `features.distance_cells` computes a cell as min(sqrt(max(2 - 2 * cosine, 0)) * 512, 1024) in
# float32. Scaling the query's point by -2 * 512**2 scales every product and sum of the
# matrix-vector product by that power of two, exactly; so does adding 2 * 512**2, and sqrt turns
# the factor 512**2 into 512 exactly: the same cells, two passes fewer. The cosine of two
# float32 unit vectors exceeds 1 by a few units in the last place at most, so the scaled value
# lies above -1 (the absolute value gives cell 0 as the bound at 0 did) and its cell never
# exceeds 1024.0001 (the integer part needs no upper bound).
_CELL_SCALE = F32(-2.0 * (DISTANCE_CELLS / 2.0) ** 2)


def _distance_cells(ctx: QueryContext, tables: CandidateTables, scratch: _Scratch) -> NDArray[np.intp]:
    """The distance cell of every place from the query, as `features.distance_cells` (in the
    thread's scratch arrays)."""
    s, values = ctx.stats, scratch.values
    np.matmul(s.unit, s.unit[ctx.q] * _CELL_SCALE, out=values)
    np.add(values, -_CELL_SCALE, out=values)
    np.abs(values, out=values)
    np.sqrt(values, out=values)
    np.copyto(scratch.cells, values, casting="unsafe")
    scratch.cells[tables.unlocated] = DISTANCE_CELLS + 1
    return scratch.cells
