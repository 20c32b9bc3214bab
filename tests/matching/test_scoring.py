"""Serving scores (`scoring.score_all`) against the model's formula, the feature rows."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from tests.matching.synthetic import PER_COUNTRY, synthetic_edges, synthetic_places
from twinnings.matching.features import (
    DISTANCE_CELLS,
    FEATURES,
    PROXIMITY_KM,
    QueryContext,
    Statistics,
    distance_cells,
    gap_cells,
    proximity_bins,
)
from twinnings.matching.network import Places
from twinnings.matching.scoring import CandidateTables, Weights, dense_scores, score_all

UNLOCATED, NO_POPULATION, NO_REGION = [5, 71, 130], [8, 90, 151], [3, 120, 199]
UNTWINNED = PER_COUNTRY - 1  # the last places of each country have no twins


def gazetteer_with_gaps() -> Places:
    """The synthetic places, some without coordinates, population or region."""
    p = synthetic_places()
    latitude, longitude = p.latitude.copy(), p.longitude.copy()
    latitude[UNLOCATED] = np.nan
    longitude[UNLOCATED] = np.nan
    population, region = p.population.copy(), p.region.copy()
    population[NO_POPULATION] = 0
    region[NO_REGION] = -1
    return replace(p, latitude=latitude, longitude=longitude, population=population, region=region)


@pytest.fixture(scope="module", params=["complete", "with gaps"])
def stats(request: pytest.FixtureRequest) -> Statistics:
    places = synthetic_places() if request.param == "complete" else gazetteer_with_gaps()
    return Statistics(places, synthetic_edges(places))


def queries(stats: Statistics) -> list[int]:
    twinned = stats.graph.active[:: max(1, len(stats.graph.active) // 12)].tolist()
    return sorted({*twinned, UNTWINNED, 2 * PER_COUNTRY - 1, *UNLOCATED, *NO_POPULATION, *NO_REGION, 7, 60})


def reference_scores(ctx: QueryContext, vector: NDArray[np.float64]) -> NDArray[np.float64]:
    """The model's score of every place, straight from its definition: feature rows times weights."""
    return ctx.rows(np.arange(len(ctx.stats.places))) @ vector


def test_scores_of_every_place_equal_feature_rows_times_weights(stats: Statistics) -> None:
    tables = CandidateTables(stats)
    rng = np.random.default_rng(7)
    for seed in range(3):
        vector = rng.normal(size=len(FEATURES)) * (1 + seed)
        weights = Weights.fold(vector, stats)
        for q in queries(stats):
            ctx = stats.context(q)
            expected = reference_scores(ctx, vector)
            got = score_all(ctx, weights, tables)
            assert got.dtype == np.float32
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-4 * (1 + seed), err_msg=f"query {q}")


def test_the_queries_cover_every_kind_of_term(stats: Statistics) -> None:
    """The comparison above is only as good as the terms it meets."""
    contexts = [stats.context(q) for q in queries(stats)]
    assert any(ctx.hood is not None for ctx in contexts)
    assert any(ctx.hood is None for ctx in contexts)
    assert any((ctx.near_candidate_twin < len(PROXIMITY_KM)).any() for ctx in contexts)
    assert any(len(ctx.near_your_twins()[0]) for ctx in contexts)
    assert any(len(ctx.own_twins()[1][0]) for ctx in contexts)
    assert stats.places.name_keys[7] == stats.places.name_keys[60]


def test_distance_and_size_cells_are_the_feature_rows_cells(stats: Statistics) -> None:
    tables = CandidateTables(stats)
    weights = Weights.fold(np.zeros(len(FEATURES)), stats)
    everyone = np.arange(len(stats.places))
    for q in queries(stats):
        ctx = stats.context(q)
        _, (cells, gaps) = dense_scores(ctx, weights, tables)
        if stats.located[q]:
            assert np.array_equal(cells, distance_cells(stats.cosines(everyone, np.array([q]))[:, 0], stats.located))
            assert cells[q] == 0
        else:
            assert (cells == DISTANCE_CELLS + 1).all()
        assert np.array_equal(gaps, gap_cells(stats.log_population, float(stats.log_population[q])))


def test_nearest_twin_of_each_candidate_is_found_among_the_twins_near_the_query(stats: Statistics) -> None:
    adjacency = stats.graph.adj
    for q in queries(stats):
        ctx = stats.context(q)
        cosine = stats.cosines(adjacency.indices, np.array([q]))[:, 0]  # every twin of every candidate
        nearest = np.maximum.reduceat(cosine, adjacency.indptr[stats.active])
        expected = proximity_bins(nearest) if stats.located[q] else np.full(len(stats.active), len(PROXIMITY_KM))
        assert np.array_equal(ctx.near_candidate_twin, expected)


def test_places_near_the_query_twins_have_the_bins_of_the_feature_rows(stats: Statistics) -> None:
    everyone = np.arange(len(stats.places))
    for q in queries(stats):
        ctx = stats.context(q)
        expected = ctx._near_your_twins(everyone)
        near, bins = ctx.near_your_twins()
        assert np.array_equal(near, np.flatnonzero(expected < len(PROXIMITY_KM)))
        assert np.array_equal(bins, expected[near])


def test_candidates_without_twins_near_the_query_have_the_base_lift(stats: Statistics) -> None:
    for q in queries(stats):
        ctx = stats.context(q)
        (at_country, in_country), (at_region, in_region) = ctx.own_twins()
        own = ctx.own_at(np.arange(len(stats.active)))
        assert np.array_equal(np.flatnonzero(own[:, 1]), np.sort(at_country))
        assert np.array_equal(own[at_country, 1], np.log1p(in_country))
        assert np.array_equal(own[at_region, 2], np.log1p(in_region))
        assert np.array_equal(np.flatnonzero(own[:, 2]), np.sort(at_region))
        others = np.setdiff1d(np.arange(len(stats.active)), at_country)
        degree = stats.graph.degree[stats.active[others]]
        np.testing.assert_allclose(own[others, 0], np.log(3.0 / (degree + 3.0)), rtol=1e-12)


def test_scores_are_new_arrays_and_threads_do_not_share_them(stats: Statistics) -> None:
    tables = CandidateTables(stats)
    weights = Weights.fold(np.random.default_rng(3).normal(size=len(FEATURES)), stats)
    qs = queries(stats)

    def score(q: int) -> NDArray[np.float32]:
        return score_all(stats.context(q), weights, tables)

    alone = [score(q) for q in qs]
    assert not any(np.shares_memory(alone[0], other) for other in alone[1:])
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(score, qs * 4))
    for i, got in enumerate(together):
        assert np.array_equal(got, alone[i % len(qs)])
