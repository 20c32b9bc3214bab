"""The network statistics are pure functions: tested on plain lists, without a database."""

from __future__ import annotations

import pytest

from twinnings.insights import stats


def test_histogram_counts_half_open_bins_and_an_open_last_bin() -> None:
    assert stats.histogram([0, 49.9, 50, 99, 100, 20_000, -1], [0, 50, 100]) == [3, 2, 2]
    assert stats.histogram([], [0, 50]) == [0, 0]


def test_domestic_twinnings_and_country_ends() -> None:
    pairs = [("FR", "DE"), ("DE", "DE"), ("PL", "DE")]
    assert stats.domestic_count(pairs) == 1
    assert stats.country_ends(pairs) == {"DE": 3, "FR": 1, "PL": 1}
    assert stats.share(1, 3) == pytest.approx(1 / 3)
    assert stats.share(1, 0) == 0.0


def test_country_matrix_is_symmetric_with_domestic_on_the_diagonal() -> None:
    pairs = [("FR", "DE"), ("DE", "FR"), ("FR", "FR"), ("PL", "DE"), ("IT", "JP")]
    codes, matrix = stats.country_matrix(pairs, top=3)
    assert codes == ["DE", "FR", "IT"]  # DE 3, FR 3, then ties by code
    assert matrix == [[0, 2, 0], [2, 1, 0], [0, 0, 0]]


def test_top_country_pairs_merge_both_orders_and_skip_domestic() -> None:
    pairs = [("FR", "DE"), ("DE", "FR"), ("FR", "FR"), ("PL", "DE")]
    assert stats.top_country_pairs(pairs) == [("DE", "FR", 2), ("DE", "PL", 1)]


def test_component_sizes_largest_first() -> None:
    edges = [(1, 2), (2, 3), (4, 5), (6, 7), (7, 8), (8, 6), (3, 1)]
    assert stats.component_sizes(edges) == [3, 3, 2]
    assert stats.size_distribution([3, 3, 2]) == [(2, 1), (3, 2)]
    assert stats.component_sizes([]) == []


def test_component_sizes_on_a_long_chain_do_not_recurse() -> None:
    edges = [(i, i + 1) for i in range(50_000)]
    assert stats.component_sizes(edges) == [50_001]


def test_degrees_count_both_ends() -> None:
    assert stats.degrees([("a", "b"), ("a", "c")]) == {"a": 2, "b": 1, "c": 1}


def test_log_binned_degrees() -> None:
    bins = stats.log_binned([1, 1, 2, 3, 4, 7, 8, 100])
    assert [(b.low, b.high, b.count) for b in bins] == [
        (1, 2, 2),
        (2, 4, 2),
        (4, 8, 2),
        (8, 16, 1),
        (16, 32, 0),
        (32, 64, 0),
        (64, 128, 1),
    ]
    assert sum(b.count for b in bins) == 8
    assert bins[0].density == pytest.approx(2 / 1 / 8)
    assert bins[1].density == pytest.approx(2 / 2 / 8)
    assert stats.log_binned([]) == []


def test_distance_summary() -> None:
    assert stats.summary([100.0, 300.0, 200.0]) == {"median": 200.0, "mean": 200.0}
    assert stats.summary([]) == {"median": 0.0, "mean": 0.0}
