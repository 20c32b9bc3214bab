import numpy as np
import pytest

from tests.matching.synthetic import PER_COUNTRY, synthetic_edges, synthetic_places
from twinnings.matching.features import FEATURES, SLICES
from twinnings.matching.model import FitConfig, FittedWeights
from twinnings.matching.ranker import Filters, InvalidFilters, Ranker

CONFIG = FitConfig(negatives=20, max_queries=200)


@pytest.fixture(scope="module")
def ranker() -> Ranker:
    places = synthetic_places()
    return Ranker.build(places, synthetic_edges(places), CONFIG)


def test_recommendations_leave_out_the_place_and_its_twins(ranker: Ranker) -> None:
    q = int(ranker.stats.graph.active[0])
    found = ranker.recommend(q, 20)
    indices = {c.index for c in found}
    assert len(found) == 20
    assert q not in indices
    assert not indices & set(ranker.stats.graph.neighbours(q).tolist())
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_existing_twins_can_be_kept(ranker: Ranker) -> None:
    q = int(ranker.stats.graph.active[0])
    found = ranker.recommend(q, len(ranker.places), Filters(exclude_twins=False))
    assert set(ranker.stats.graph.neighbours(q).tolist()) <= {c.index for c in found}


def test_a_place_without_twins_gets_partners_with_reasons(ranker: Ranker) -> None:
    lonely = PER_COUNTRY - 1  # a German place without twins
    assert ranker.stats.graph.degree[lonely] == 0
    found = ranker.recommend(lonely, 10)
    assert len(found) == 10
    assert all(c.reasons for c in found)
    assert all(c.reasons[-1].code == "distance" for c in found)
    codes = {r.code for c in found for r in c.reasons}
    assert codes & {"most_common_pair", "country_pair", "candidate_twins_in_country"}


def test_a_place_without_coordinates_gets_partners(ranker: Ranker) -> None:
    places = synthetic_places()
    places.latitude[3] = np.nan
    lost = Ranker(places, synthetic_edges(places), ranker.fitted)
    found = lost.recommend(3, 5)
    assert len(found) == 5
    assert all(c.distance_km is None for c in found)
    with pytest.raises(InvalidFilters, match="no coordinates"):
        lost.recommend(3, 5, Filters(max_km=100))


def test_twins_of_twins_are_explained(ranker: Ranker) -> None:
    graph = ranker.stats.graph
    q = int(graph.active[np.argmax(graph.degree[graph.active])])
    reasons = [r for c in ranker.recommend(q, 10) for r in c.reasons]
    common = [r for r in reasons if r.code in ("common_twins", "common_twin")]
    assert common
    assert "twinned with" in common[0].text


def test_filters_restrict_the_candidates(ranker: Ranker) -> None:
    p = ranker.places
    q = 5
    found = ranker.recommend(
        q, 50, Filters(countries=["FR"], min_population=5_000, max_population=500_000, max_km=1500, kinds=["city"])
    )
    assert found
    for c in found:
        assert p.countries[p.country[c.index]] == "FR"
        assert 5_000 <= p.population[c.index] <= 500_000
        assert c.distance_km is not None and c.distance_km <= 1500
    speakers = ranker.recommend(q, 30, Filters(languages=["de"]))
    assert {p.countries[p.country[c.index]] for c in speakers} <= {"DE", "AT"}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(min_population=10, max_population=5), "larger than the maximum"),
        (Filters(max_km=-1), "positive"),
        (Filters(kinds=["village"]), "unknown kind"),
    ],
)
def test_contradictory_filters_are_refused(ranker: Ranker, filters: Filters, message: str) -> None:
    with pytest.raises(InvalidFilters, match=message):
        ranker.recommend(1, 10, filters)


def test_filters_that_match_nothing_give_an_empty_list(ranker: Ranker) -> None:
    assert ranker.recommend(1, 10, Filters(countries=["JP"])) == []


def test_same_name_is_a_reason(ranker: Ranker) -> None:
    found = ranker.recommend(7, len(ranker.places), Filters(countries=["FR"]))
    neustadt = next(c for c in found if c.index == 60)
    assert "same_name" in {r.code for r in neustadt.reasons}


def test_a_partner_of_a_neighbour_is_explained() -> None:
    places = synthetic_places()
    weights = np.zeros(len(FEATURES))
    weights[SLICES["proximity"]] = 1.0
    ranker = Ranker(places, synthetic_edges(places), FittedWeights(warm=weights, cold=weights))
    graph, unit = ranker.stats.graph, ranker.stats.unit
    pairs = [
        (q, c)
        for c in graph.active.tolist()
        for t in graph.neighbours(c).tolist()
        for q in range(len(places))
        if q not in (c, t) and q not in graph.neighbours(c) and unit[q] @ unit[t] > np.cos(25 / 6371)
    ]
    q, c = pairs[0]
    reasons = next(x.reasons for x in ranker.recommend(q, len(places)) if x.index == c)
    near = [r for r in reasons if r.code == "candidate_twin_near_you"]
    assert near and "km from you" in near[0].text


def test_places_with_equal_scores_are_ranked_by_index() -> None:
    places = synthetic_places()
    weights = np.zeros(len(FEATURES))  # every place scores 0
    ranker = Ranker(places, synthetic_edges(places), FittedWeights(warm=weights, cold=weights))
    q = int(ranker.stats.graph.active[3])
    left_out = {q, *ranker.stats.graph.neighbours(q).tolist()}
    expected = [i for i in range(len(places)) if i not in left_out][:10]
    assert [c.index for c in ranker.recommend(q, 10)] == expected
    polish = [i for i in range(len(places)) if places.countries[places.country[i]] == "PL" and i not in left_out]
    assert [c.index for c in ranker.recommend(q, 10, Filters(countries=["PL"]))] == polish[:10]
