import numpy as np
import pytest

from tests.matching.synthetic import synthetic_edges, synthetic_places
from twinnings.matching.evaluation import (
    BASELINES,
    PRODUCT,
    cold_split,
    evaluate,
    holdout_split,
    mean_rank,
    random_split,
)
from twinnings.matching.model import FitConfig
from twinnings.matching.network import canonical_edges


def test_ties_take_their_mean_rank() -> None:
    scores = np.array([5.0, 3.0, 3.0, 3.0, 1.0, -np.inf])
    assert mean_rank(scores, 0) == 1.0
    assert mean_rank(scores, 2) == 3.0  # ranks 2, 3 and 4 shared
    assert mean_rank(np.zeros(10), 4) == 5.5


def test_random_split_holds_out_a_tenth_asked_both_ways() -> None:
    edges = canonical_edges(synthetic_edges(synthetic_places()), 200)
    split = random_split(edges, 0.1, seed=3)
    assert len(split.train) + len(split.queries) // 2 == len(edges)
    train = {tuple(e) for e in split.train.tolist()}
    assert not any((min(a, b), max(a, b)) in train for a, b in split.queries.tolist())
    assert {tuple(q) for q in split.queries.tolist()} == {(b, a) for a, b in split.queries.tolist()}


def test_cold_split_leaves_its_query_places_without_twins() -> None:
    edges = canonical_edges(synthetic_edges(synthetic_places()), 200)
    split = cold_split(edges, 0.1, seed=3)
    trained = set(split.train.ravel().tolist())
    assert split.queries.size
    assert not trained & set(split.queries[:, 0].tolist())


def test_holdout_pairs_leave_training_and_new_pairs_are_still_asked() -> None:
    edges = canonical_edges(synthetic_edges(synthetic_places()), 200)
    known = set(map(tuple, edges.tolist()))
    new_pair = next((a, b) for a in range(200) for b in range(a + 1, 200) if (a, b) not in known)
    split = holdout_split(edges, np.array([edges[0], new_pair]), 200)
    assert len(split.train) == len(edges) - 1
    assert len(split.queries) == 4


@pytest.mark.parametrize("kind", ["random", "cold"])
def test_every_method_is_reported_with_intervals(kind: str) -> None:
    places = synthetic_places()
    edges = canonical_edges(synthetic_edges(places), len(places))
    split = random_split(edges, 0.15, 1) if kind == "random" else cold_split(edges, 0.15, 1)
    report = evaluate(places, edges, split, seed=1, samples=50, config=FitConfig(negatives=20, max_queries=200))
    summary = report.as_json()
    assert summary["split"] == kind
    assert set(summary["methods"]) == {PRODUCT, *BASELINES}  # type: ignore[arg-type]
    for values in summary["methods"].values():  # type: ignore[attr-defined]
        assert set(values) == {"hits@1", "hits@10", "hits@50", "mrr"}
        assert all(0.0 <= v <= 1.0 for v in values.values())
    ours = report.results[PRODUCT]
    if kind == "random":
        assert ours.overall.values["mrr"] > report.results["random"].overall.values["mrr"]
    lo, hi = ours.overall.intervals["hits@10"]
    assert lo <= ours.overall.values["hits@10"] <= hi
    if kind == "cold":
        assert report.results["common_neighbours"].overall.values["hits@10"] == 0.0


def test_ranking_among_twinned_places_only_shrinks_the_pool() -> None:
    places = synthetic_places()
    edges = canonical_edges(synthetic_edges(places), len(places))
    split = random_split(edges, 0.15, 2)
    every = evaluate(places, edges, split, ["distance"], samples=0)
    twinned = evaluate(places, edges, split, ["distance"], samples=0, candidates="twinned")
    assert twinned.places == len(np.unique(edges)) < every.places
    assert (twinned.results["distance"].ranks <= every.results["distance"].ranks).all()
