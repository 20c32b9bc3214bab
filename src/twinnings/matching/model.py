"""Fitting the ranker: a logistic regression over the pair features, on sampled negatives.

The model is fitted on the training twinnings alone. Their features must not see the pairs
they are asked to predict, so the training twinnings are split once more: features from one
part, positive examples from the other. Two weight vectors are fitted: one for places that
have twins ("warm": a random tenth of twinnings held out) and one for places that have none
("cold": every twinning of a tenth of the places held out), since the evidence differs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import optimize

from twinnings.matching.features import FEATURES, Statistics
from twinnings.matching.network import Places, canonical_edges


@dataclass(frozen=True)
class FitConfig:
    holdout: float = 0.1  # share of twinnings (warm) or of twinned places (cold) held out per round
    rounds: int = 1  # inner splits per model, each adding its positives
    negatives: int = 40  # places sampled per stratum and query
    max_queries: int = 3000  # query places per round
    l2: float = 1e-3
    seed: int = 0


def _neighbours(edges: NDArray[np.int64]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for a, b in edges.tolist():
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def inner_split(
    edges: NDArray[np.int64], mode: str, holdout: float, rng: np.random.Generator
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(feature edges, (query, partner) pairs to predict) for one round."""
    if mode == "warm":
        held = rng.random(len(edges)) < holdout
        kept = edges[~held]
        degree = np.bincount(kept.ravel(), minlength=int(edges.max()) + 1 if len(edges) else 0)
        pairs = np.concatenate([edges[held], edges[held][:, ::-1]])
        return kept, pairs[degree[pairs[:, 0]] > 0]
    nodes = np.unique(edges)
    cold = np.zeros(int(edges.max()) + 1 if len(edges) else 0, dtype=bool)
    cold[rng.choice(nodes, size=max(1, int(round(holdout * len(nodes)))), replace=False)] = True
    touched = cold[edges[:, 0]] | cold[edges[:, 1]]
    pairs = np.concatenate([edges[touched], edges[touched][:, ::-1]])
    return edges[~touched], pairs[cold[pairs[:, 0]]]


@dataclass
class Examples:
    """Feature rows grouped by query: the partners to find (`x_pos`) and sampled other places
    (`x_neg`, sorted by group), each standing for exp(`log_weight`) places of its stratum, so that
    the sum over samples estimates the sum over all places."""

    x_pos: NDArray[np.float32]
    pos_group: NDArray[np.int64]
    x_neg: NDArray[np.float32]
    neg_group: NDArray[np.int64]
    log_weight: NDArray[np.float32]


def _sample(pool: NDArray[np.int64], size: int, rng: np.random.Generator) -> tuple[NDArray[np.int64], float]:
    if len(pool) == 0:
        return pool, 0.0
    chosen = rng.choice(pool, size=min(size, len(pool)), replace=False)
    return chosen, len(pool) / len(chosen)


def query_examples(
    stats: Statistics, q: int, positives: NDArray[np.int64], exclude: set[int], per_stratum: int,
    rng: np.random.Generator,
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.float64]]:  # fmt: skip
    """Rows for one query: its positives, then samples of three strata of other places:
    the query's graph neighbourhood, other places with twins, places without twins."""
    n = len(stats.places)
    ctx = stats.context(q)
    banned = np.fromiter(exclude | {q}, dtype=np.int64)
    near = np.union1d(ctx.hood.nodes2, ctx.hood.nodes3) if ctx.hood is not None else np.zeros(0, dtype=np.int64)
    near = np.setdiff1d(near, banned)
    samples, weights = [], []
    chosen, stands_for = _sample(near, per_stratum, rng)
    samples.append(chosen)
    weights.append(np.full(len(chosen), stands_for))
    twinned = stats.graph.active[rng.integers(0, len(stats.graph.active), size=per_stratum * 2)]
    twinned = twinned[~np.isin(twinned, near) & ~np.isin(twinned, banned)][:per_stratum]
    samples.append(twinned)
    weights.append(np.full(len(twinned), (len(stats.graph.active) - len(near)) / max(len(twinned), 1)))
    others = rng.integers(0, n, size=per_stratum * 2)
    others = others[(stats.graph.degree[others] == 0) & ~np.isin(others, banned)][:per_stratum]
    untwinned = n - len(stats.graph.active)
    samples.append(others)
    weights.append(np.full(len(others), untwinned / max(len(others), 1)))
    candidates = np.concatenate([positives, *samples])
    weight = np.concatenate([np.ones(len(positives)), *weights])
    return ctx.rows(candidates), candidates, weight


def training_examples(
    places: Places, edges: NDArray[np.int64], mode: str, config: FitConfig, rng: np.random.Generator
) -> Examples:
    """Rows for the pairs of `config.rounds` inner splits, written into arrays allocated once
    (the rows of a full build take a few hundred megabytes)."""
    known = _neighbours(edges)
    splits = []
    for _ in range(config.rounds):
        kept, pairs = inner_split(edges, mode, config.holdout, rng)
        pairs = pairs[np.argsort(pairs[:, 0], kind="stable")]
        starts = np.flatnonzero(np.r_[True, pairs[1:, 0] != pairs[:-1, 0]]) if len(pairs) else np.zeros(0, int)
        ends = np.r_[starts[1:], len(pairs)]
        chosen = np.sort(rng.permutation(len(starts))[: config.max_queries])
        splits.append((kept, pairs, starts[chosen], ends[chosen]))
    n_pos = sum(int((hi - lo).sum()) for _, _, lo, hi in splits)
    n_neg = sum(len(lo) for _, _, lo, _ in splits) * 3 * config.negatives  # three strata at most
    x_pos = np.zeros((n_pos, len(FEATURES)), dtype=np.float32)
    x_neg = np.zeros((n_neg, len(FEATURES)), dtype=np.float32)
    pos_group, neg_group = np.zeros(n_pos, dtype=np.int64), np.zeros(n_neg, dtype=np.int64)
    log_weight = np.zeros(n_neg, dtype=np.float32)
    at_pos = at_neg = group = 0
    for kept, pairs, lows, highs in splits:
        stats = Statistics(places, kept)
        for lo, hi in zip(lows.tolist(), highs.tolist()):
            q = int(pairs[lo, 0])
            positives = pairs[lo:hi, 1]
            x, _, weight = query_examples(stats, q, positives, known.get(q, set()), config.negatives, rng)
            k, m = len(positives), len(x) - len(positives)
            if m == 0:
                continue
            x_pos[at_pos : at_pos + k], pos_group[at_pos : at_pos + k] = x[:k], group
            x_neg[at_neg : at_neg + m], neg_group[at_neg : at_neg + m] = x[k:], group
            log_weight[at_neg : at_neg + m] = np.log(weight[k:])
            at_pos, at_neg, group = at_pos + k, at_neg + m, group + 1
    return Examples(x_pos[:at_pos], pos_group[:at_pos], x_neg[:at_neg], neg_group[:at_neg], log_weight[:at_neg])


def fit_softmax(ex: Examples, l2: float) -> NDArray[np.float64]:
    """Weights maximising the likelihood of each partner among all places (a sampled softmax:
    each sampled place stands for its stratum), with an L2 penalty."""
    if len(ex.x_pos) == 0 or len(ex.x_neg) == 0:
        return np.zeros(ex.x_pos.shape[1])
    starts = np.flatnonzero(np.r_[True, ex.neg_group[1:] != ex.neg_group[:-1]])
    sizes = np.diff(np.r_[starts, len(ex.neg_group)])
    slot = np.full(int(max(ex.neg_group.max(), ex.pos_group.max())) + 1, -1)
    slot[ex.neg_group[starts]] = np.arange(len(starts))
    pos_slot = slot[ex.pos_group]
    x_pos, x_neg = ex.x_pos.astype(np.float64), ex.x_neg
    log_w = ex.log_weight.astype(np.float64)
    count = len(x_pos)

    def loss(w: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        s_pos = x_pos @ w
        v = (x_neg @ w.astype(np.float32)).astype(np.float64) + log_w
        top = np.maximum.reduceat(v, starts)
        e = np.exp(v - np.repeat(top, sizes))
        total = np.add.reduceat(e, starts)
        lse = top + np.log(total)
        z = np.logaddexp(s_pos, lse[pos_slot])
        value = float(np.sum(z - s_pos)) / count + 0.5 * l2 * float(w @ w)
        rest = np.exp(lse[pos_slot] - z)  # 1 - probability of the positive among its group
        per_group = np.bincount(pos_slot, weights=rest, minlength=len(starts))
        coef_neg = e / np.repeat(total, sizes) * np.repeat(per_group, sizes)
        grad = (-(x_pos.T @ rest) + (x_neg.T @ coef_neg.astype(np.float32)).astype(np.float64)) / count + l2 * w
        return value, grad

    result = optimize.minimize(loss, np.zeros(x_pos.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 200})
    return np.asarray(result.x)


@dataclass
class FittedWeights:
    warm: NDArray[np.float64]
    cold: NDArray[np.float64]


def fit(places: Places, edges: NDArray[np.integer], config: FitConfig | None = None) -> FittedWeights:
    """Weights for warm and cold queries, from `edges` alone."""
    config = config or FitConfig()
    rng = np.random.default_rng(config.seed)
    e = canonical_edges(edges, len(places))
    weights = {}
    for mode in ("warm", "cold"):
        if len(e) < 10:
            weights[mode] = np.zeros(len(FEATURES))
            continue
        weights[mode] = fit_softmax(training_examples(places, e, mode, config, rng), config.l2)
    return FittedWeights(warm=weights["warm"], cold=weights["cold"])
