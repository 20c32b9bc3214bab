from dataclasses import replace

import numpy as np
import pytest

from tests.matching.synthetic import synthetic_edges, synthetic_places
from twinnings.matching.features import SLICES, Statistics, distance_bins
from twinnings.matching.network import cosine_from_km


@pytest.fixture(scope="module")
def stats() -> Statistics:
    places = synthetic_places()
    return Statistics(places, synthetic_edges(places))


def test_one_hot_blocks_have_exactly_one_bin_set(stats: Statistics) -> None:
    rows = stats.context(5).rows(np.arange(len(stats.places)))
    for block in ("distance", "gap"):
        assert (rows[:, SLICES[block]].sum(axis=1) == 1).all()


def test_distance_bins_follow_the_kilometres() -> None:
    bins = distance_bins(cosine_from_km(np.array([0.0, 30.0, 120.0, 900.0, 15000.0])))
    assert list(bins) == sorted(bins)
    assert bins[0] == 0
    unknown_bin = SLICES["distance"].stop - SLICES["distance"].start - 1
    assert distance_bins(np.array([1.0]), np.array([False]))[0] == unknown_bin


def test_country_pair_statistics_come_from_the_given_twinnings_only() -> None:
    places = synthetic_places()
    empty = Statistics(places, np.zeros((0, 2), dtype=np.int64))
    assert empty.country_pair.sum() == 0
    assert empty.context(3).hood is None


def test_places_near_a_point_include_every_place_within_the_radius(stats: Statistics) -> None:
    from twinnings.matching.network import km_from_cosine

    for i in (0, 10, 120):
        near = set(stats.places_near(i, 200.0).tolist())
        km = km_from_cosine(stats.unit @ stats.unit[i])
        assert set(np.flatnonzero(km <= 195.0).tolist()) <= near


@pytest.mark.parametrize(
    "points",
    [
        [(0.0, 179.9), (0.0, -179.9), (1.0, -179.2)],  # across the date line
        [(89.5, 0.0), (89.5, 180.0), (89.9, -90.0)],  # round the pole
        [(-62.0, 178.0), (-62.5, -178.5), (-61.5, 179.5)],  # far south, where a degree of longitude is short
    ],
)
def test_places_near_a_point_are_found_across_the_date_line_and_round_the_poles(
    points: list[tuple[float, float]],
) -> None:
    from twinnings.matching.network import km_from_cosine

    p = synthetic_places()
    latitude, longitude = p.latitude.copy(), p.longitude.copy()
    for i, (lat, lon) in enumerate(points):
        latitude[i], longitude[i] = lat, lon
    stats = Statistics(replace(p, latitude=latitude, longitude=longitude), np.zeros((0, 2), dtype=np.int64))
    km = km_from_cosine(stats.unit[: len(points)] @ stats.unit[0])
    assert (km[1:] < 200.0).all()  # each within 200 km of the first
    assert set(range(len(points))) <= set(stats.places_near(0, 200.0).tolist())
