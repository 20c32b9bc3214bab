import numpy as np

from twinnings.matching.graph import Graph, Katz, LocalScorer, PersonalisedPageRank, PreferentialAttachment

# 0-1, 0-2, 1-3, 2-3, 3-4: a square with a tail; 5 is isolated
EDGES = np.array([[0, 1], [0, 2], [1, 3], [2, 3], [3, 4], [1, 0]])


def test_edges_are_undirected_and_deduplicated() -> None:
    graph = Graph(6, EDGES)
    assert len(graph.edges) == 5
    assert list(graph.degree) == [2, 2, 2, 3, 1, 0]


def test_neighbourhood_counts_paths() -> None:
    hood = Graph(6, EDGES).neighbourhood(0)
    common = dict(zip(hood.nodes2.tolist(), hood.common.tolist()))
    assert common == {0: 2.0, 3: 2.0}
    adamic = dict(zip(hood.nodes2.tolist(), hood.adamic_adar.tolist()))
    assert np.isclose(adamic[3], 2 / np.log(2))
    paths3 = dict(zip(hood.nodes3.tolist(), hood.paths3.tolist()))
    assert paths3[4] == 2.0 and paths3[1] == 4.0
    assert np.isclose(hood.walk3.sum(), 1.0)


def test_baselines_score_every_place() -> None:
    graph = Graph(6, EDGES)
    scorers = (LocalScorer(graph, "common"), PreferentialAttachment(graph), Katz(graph), PersonalisedPageRank(graph))
    for scorer in scorers:
        scores = scorer.score(0)
        assert scores.shape == (6,)
        assert scores[3] > scores[5]
    ppr = list(PersonalisedPageRank(graph).score_many(np.array([0, 4, 5])))
    assert ppr[2].sum() == 0  # an isolated place reaches nothing
    assert np.isclose(ppr[0].sum(), 1.0, atol=1e-3)
