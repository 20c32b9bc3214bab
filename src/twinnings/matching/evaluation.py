"""Offline evaluation of the partner finder against the classic link-prediction baselines.

Protocol: hold out twinnings; rebuild every statistic and fit the model on the remaining
(training) twinnings only; for each held-out pair, in both directions, rank the partner among
all places, excluding the query itself and its other known partners; ties take their mean rank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from twinnings.matching.graph import (
    Graph,
    Katz,
    LocalScorer,
    PersonalisedPageRank,
    PreferentialAttachment,
    Scorer,
    Vector,
)
from twinnings.matching.model import FitConfig
from twinnings.matching.network import Places, canonical_edges, km_from_cosine
from twinnings.matching.ranker import Ranker

HITS = (1, 10, 50)
DEGREE_GROUPS = ((0, 0, "0"), (1, 1, "1"), (2, 4, "2-4"), (5, 9, "5-9"), (10, 10**9, "10+"))
BASELINES = (
    "random",
    "preferential_attachment",
    "common_neighbours",
    "adamic_adar",
    "resource_allocation",
    "katz",
    "personalised_pagerank",
    "distance",
    "gravity",
)
PRODUCT = "twinnings"
METHODS = (PRODUCT, *BASELINES)


@dataclass
class Split:
    name: str
    train: NDArray[np.int64]  # canonical edges the methods may see
    queries: NDArray[np.int64]  # (query, partner to find) rows


def random_split(edges: NDArray[np.int64], fraction: float = 0.1, seed: int = 0) -> Split:
    """A random `fraction` of twinnings held out; each is asked from both ends."""
    rng = np.random.default_rng(seed)
    held = np.zeros(len(edges), dtype=bool)
    held[rng.choice(len(edges), size=int(round(fraction * len(edges))), replace=False)] = True
    test = edges[held]
    return Split("random", edges[~held], np.concatenate([test, test[:, ::-1]]))


def cold_split(edges: NDArray[np.int64], fraction: float = 0.1, seed: int = 0) -> Split:
    """Every twinning of a random `fraction` of the twinned places held out; those places ask."""
    rng = np.random.default_rng(seed)
    nodes = np.unique(edges)
    cold = np.zeros(int(edges.max()) + 1, dtype=bool)
    cold[rng.choice(nodes, size=int(round(fraction * len(nodes))), replace=False)] = True
    touched = cold[edges[:, 0]] | cold[edges[:, 1]]
    both = np.concatenate([edges[touched], edges[touched][:, ::-1]])
    return Split("cold", edges[~touched], both[cold[both[:, 0]]])


def holdout_split(edges: NDArray[np.int64], pairs: NDArray[np.int64], n: int) -> Split:
    """Given pairs held out (when in the registry) and asked from both ends (in any case)."""
    pairs = canonical_edges(pairs, n)
    held = {tuple(p) for p in pairs.tolist()}
    keep = np.array([tuple(e) not in held for e in edges.tolist()], dtype=bool)
    return Split("holdout", edges[keep], np.concatenate([pairs, pairs[:, ::-1]]))


# Baselines that need places, not only the graph


class DistanceScorer(Scorer):
    name = "distance"

    def __init__(self, places: Places) -> None:
        self.unit = places.unit_vectors()
        self.located = places.has_coordinates

    def score(self, q: int) -> Vector:
        if not self.located[q]:
            return np.zeros(len(self.unit))
        return np.where(self.located, self.unit @ self.unit[q], -2.0).astype(np.float64)


class GravityScorer(DistanceScorer):
    """Population of the candidate over the squared distance (the query's population is constant)."""

    name = "gravity"

    def __init__(self, places: Places) -> None:
        super().__init__(places)
        self.log_population = np.log1p(np.maximum(places.population, 0)).astype(np.float64)

    def score(self, q: int) -> Vector:
        if not self.located[q]:
            return self.log_population.copy()
        km = km_from_cosine(self.unit @ self.unit[q])
        return np.where(self.located, self.log_population - 2.0 * np.log1p(km), -1e9)


class RandomScorer(Scorer):
    name = "random"

    def __init__(self, n: int, seed: int) -> None:
        self.n, self.rng = n, np.random.default_rng(seed)

    def score(self, q: int) -> Vector:
        return self.rng.random(self.n)


class RankerScorer(Scorer):
    name = PRODUCT

    def __init__(self, ranker: Ranker) -> None:
        self.ranker = ranker

    def score(self, q: int) -> Vector:
        return self.ranker.scores(q).astype(np.float64)


def build_scorer(
    name: str, places: Places, train: NDArray[np.int64], seed: int, config: FitConfig | None = None
) -> Scorer:
    graph = Graph(len(places), train)
    factories: dict[str, Callable[[], Scorer]] = {
        PRODUCT: lambda: RankerScorer(Ranker.build(places, train, config)),
        "random": lambda: RandomScorer(len(places), seed),
        "preferential_attachment": lambda: PreferentialAttachment(graph),
        "common_neighbours": lambda: LocalScorer(graph, "common"),
        "adamic_adar": lambda: LocalScorer(graph, "adamic_adar"),
        "resource_allocation": lambda: LocalScorer(graph, "resource_allocation"),
        "katz": lambda: Katz(graph),
        "personalised_pagerank": lambda: PersonalisedPageRank(graph),
        "distance": lambda: DistanceScorer(places),
        "gravity": lambda: GravityScorer(places),
    }
    scorer = factories[name]()
    scorer.name = name
    return scorer


def mean_rank(scores: Vector, target: int) -> float:
    """1-based rank of `target`; places tied with it share the mean of their ranks.
    Excluded places must already hold -inf."""
    value = scores[target]
    greater = int(np.count_nonzero(scores > value))
    equal = int(np.count_nonzero(scores == value)) - 1
    return greater + 1 + equal / 2.0


def rank_queries(
    scorer: Scorer, split: Split, known: dict[int, set[int]], outside: NDArray[np.int64] | None = None
) -> NDArray[np.float64]:
    """The rank of each query's partner, in the order of `split.queries`; places in `outside`
    are not candidates."""
    queries = split.queries
    order = np.argsort(queries[:, 0], kind="stable")
    starts = np.flatnonzero(np.r_[True, queries[order][1:, 0] != queries[order][:-1, 0]])
    ends = np.r_[starts[1:], len(order)]
    unique = queries[order][starts, 0]
    ranks = np.zeros(len(queries))
    vectors: Iterator[Vector] = scorer.score_many(unique)
    for q, lo, hi, scores in zip(unique.tolist(), starts, ends, vectors):
        scores = np.array(scores, dtype=np.float64)
        targets = queries[order[lo:hi], 1]
        values = scores[targets]
        excluded = list(known.get(q, set()) | {q})
        scores[excluded] = -np.inf
        if outside is not None:
            scores[outside] = -np.inf
        for j, (t, v) in enumerate(zip(targets.tolist(), values.tolist())):
            scores[t] = v
            ranks[order[lo + j]] = mean_rank(scores, t)
            scores[t] = -np.inf
    return ranks


@dataclass
class Metrics:
    values: dict[str, float]
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)


def metrics(ranks: NDArray[np.float64]) -> dict[str, float]:
    if len(ranks) == 0:
        return {**{f"hits@{k}": 0.0 for k in HITS}, "mrr": 0.0}
    out = {f"hits@{k}": float(np.mean(ranks <= k)) for k in HITS}
    out["mrr"] = float(np.mean(1.0 / ranks))
    return out


def bootstrap(ranks: NDArray[np.float64], samples: int, seed: int) -> dict[str, tuple[float, float]]:
    """95% intervals, resampling the queries."""
    if len(ranks) == 0 or samples <= 0:
        return {}
    rng = np.random.default_rng(seed)
    columns = {f"hits@{k}": (ranks <= k).astype(np.float64) for k in HITS}
    columns["mrr"] = 1.0 / ranks
    out: dict[str, list[float]] = {}
    for lo in range(0, samples, 200):
        idx = rng.integers(0, len(ranks), size=(min(200, samples - lo), len(ranks)))
        for name, column in columns.items():
            out.setdefault(name, []).extend(column[idx].mean(axis=1).tolist())
    return {name: (float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))) for name, v in out.items()}


@dataclass
class MethodResult:
    name: str
    ranks: NDArray[np.float64]
    overall: Metrics
    by_degree: dict[str, dict[str, float]]
    seconds: float


@dataclass
class Report:
    split: str
    places: int
    train_edges: int
    queries: int
    query_degree: NDArray[np.int64]
    results: dict[str, MethodResult]

    def as_json(self) -> dict[str, object]:
        return {
            "split": self.split,
            "methods": {name: r.overall.values for name, r in self.results.items()},
        }


def evaluate(
    places: Places,
    edges: NDArray[np.int64],
    split: Split,
    methods: Sequence[str] = METHODS,
    *,
    seed: int = 0,
    samples: int = 1000,
    config: FitConfig | None = None,
    candidates: str = "all",
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Rank every query's partner with each method. `candidates="twinned"` ranks among the places
    with at least one twinning (held out or not), as link-prediction studies of the network do;
    "all" ranks among every place of the gazetteer (the product's setting)."""
    import time

    known: dict[int, set[int]] = {}
    for a, b in np.concatenate([edges, split.queries]).tolist():
        known.setdefault(a, set()).add(b)
        known.setdefault(b, set()).add(a)
    degree = np.bincount(split.train.ravel(), minlength=len(places))
    query_degree = degree[split.queries[:, 0]] if len(split.queries) else np.zeros(0, dtype=np.int64)
    outside = None
    if candidates == "twinned":
        twinned = np.zeros(len(places), dtype=bool)
        twinned[edges.ravel()] = True
        twinned[split.queries.ravel()] = True
        outside = np.flatnonzero(~twinned)
    results = {}
    for name in methods:
        started = time.perf_counter()
        scorer = build_scorer(name, places, split.train, seed, config)
        ranks = rank_queries(scorer, split, known, outside)
        by_degree = {}
        for lo, hi, label in DEGREE_GROUPS:
            chosen = (query_degree >= lo) & (query_degree <= hi)
            if chosen.any():
                by_degree[label] = {**metrics(ranks[chosen]), "queries": float(chosen.sum())}
        overall = Metrics(metrics(ranks), bootstrap(ranks, samples, seed))
        results[name] = MethodResult(name, ranks, overall, by_degree, time.perf_counter() - started)
        if progress:
            progress(f"{name}: {overall.values} ({results[name].seconds:.1f} s)")
    pool = len(places) if outside is None else len(places) - len(outside)
    return Report(split.name, pool, len(split.train), len(split.queries), query_degree, results)
