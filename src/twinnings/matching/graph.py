"""The twinning graph and the classic link-prediction scores computed on it.

Scores for one query come back as dense vectors over all places (the evaluation ranks every
place) or, for the local ones, as the few places they reach (the ranker adds them to its score).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from twinnings.matching.network import canonical_edges

Vector = NDArray[np.float64]


@dataclass
class Neighbourhood:
    """Places reached from a query by paths of length two and three, with path statistics."""

    nodes2: NDArray[np.int64]  # places at the end of a 2-path (may include the query and its twins)
    common: NDArray[np.float64]  # common neighbours (number of 2-paths)
    adamic_adar: NDArray[np.float64]
    resource_allocation: NDArray[np.float64]
    via: NDArray[np.int64]  # for each of nodes2, one common neighbour (the best connected)
    nodes3: NDArray[np.int64]
    paths3: NDArray[np.float64]  # number of 3-paths
    walk3: NDArray[np.float64]  # probability of a 3-step random walk from the query


class Graph:
    """Undirected graph on `n` places given as index pairs."""

    def __init__(self, n: int, edges: NDArray[np.integer]) -> None:
        self.n = n
        self.edges = canonical_edges(edges, n)
        rows = np.concatenate([self.edges[:, 0], self.edges[:, 1]])
        cols = np.concatenate([self.edges[:, 1], self.edges[:, 0]])
        self.adj = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, n))
        self.adj.sort_indices()
        self.degree = np.diff(self.adj.indptr).astype(np.int64)
        safe = np.maximum(self.degree, 1).astype(np.float64)
        self._inv_degree = 1.0 / safe
        self._inv_log_degree = np.where(self.degree > 1, 1.0 / np.log(np.maximum(self.degree, 2)), 0.0)
        self.active = np.flatnonzero(self.degree > 0)  # places with at least one twin

    def neighbours(self, i: int) -> NDArray[np.int32]:
        return self.adj.indices[self.adj.indptr[i] : self.adj.indptr[i + 1]]

    def _expand(self, nodes: NDArray[np.int64], weights: NDArray[np.float64]) -> tuple[NDArray[np.int64], ...]:
        """Neighbours of `nodes`, each occurrence tagged with its origin's position and weight."""
        starts, ends = self.adj.indptr[nodes], self.adj.indptr[nodes + 1]
        lengths = ends - starts
        origin = np.repeat(np.arange(len(nodes)), lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        targets = self.adj.indices[np.repeat(starts, lengths) + offsets].astype(np.int64)
        return targets, origin, np.repeat(weights, lengths)

    def neighbourhood(self, q: int) -> Neighbourhood:
        first = self.neighbours(q).astype(np.int64)
        targets, origin, _ = self._expand(first, np.ones(len(first)))
        nodes2, inverse = np.unique(targets, return_inverse=True)
        mids = first[origin]
        common = np.bincount(inverse, minlength=len(nodes2)).astype(np.float64)
        adamic_adar = np.bincount(inverse, weights=self._inv_log_degree[mids], minlength=len(nodes2))
        resource = np.bincount(inverse, weights=self._inv_degree[mids], minlength=len(nodes2))
        # the common neighbour with the most twins, as the example a reason quotes
        order = np.lexsort((-self.degree[mids], inverse))
        first_of_group = np.ones(len(order), dtype=bool)
        first_of_group[1:] = inverse[order][1:] != inverse[order][:-1]
        via = mids[order][first_of_group]
        # 3-paths and a 3-step random walk, from the 2-path counts
        walk2 = np.bincount(inverse, weights=self._inv_degree[q] * self._inv_degree[mids], minlength=len(nodes2))
        t3, o3, w3 = self._expand(nodes2, common)
        nodes3, inv3 = np.unique(t3, return_inverse=True)
        paths3 = np.bincount(inv3, weights=w3, minlength=len(nodes3))
        walk3 = np.bincount(inv3, weights=(walk2 * self._inv_degree[nodes2])[o3], minlength=len(nodes3))
        return Neighbourhood(
            nodes2,
            common,
            np.asarray(adamic_adar, dtype=np.float64),
            np.asarray(resource, dtype=np.float64),
            via,
            nodes3,
            np.asarray(paths3, dtype=np.float64),
            np.asarray(walk3, dtype=np.float64),
        )


# Baselines: each yields one dense score vector over all places per query.


class Scorer:
    name = "scorer"

    def score(self, q: int) -> Vector:
        raise NotImplementedError

    def score_many(self, queries: NDArray[np.int64]) -> Iterator[Vector]:
        for q in queries:
            yield self.score(int(q))


class LocalScorer(Scorer):
    """Common neighbours, Adamic–Adar or resource allocation (zero beyond two steps)."""

    def __init__(self, graph: Graph, statistic: str) -> None:
        self.graph, self.statistic, self.name = graph, statistic, statistic

    def score(self, q: int) -> Vector:
        hood = self.graph.neighbourhood(q)
        out = np.zeros(self.graph.n)
        out[hood.nodes2] = getattr(hood, self.statistic)
        return out


class PreferentialAttachment(Scorer):
    name = "preferential_attachment"

    def __init__(self, graph: Graph) -> None:
        self.degree = graph.degree.astype(np.float64)

    def score(self, q: int) -> Vector:
        return self.degree * max(self.degree[q], 1.0)


class _CompactWalks(Scorer):
    """Scores computed for a batch of queries at once on the places that have twins."""

    batch = 256

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.active = graph.active
        self.position = np.full(graph.n, -1, dtype=np.int64)
        self.position[self.active] = np.arange(len(self.active))
        self.adj = graph.adj[self.active][:, self.active].tocsr()

    def _batch(self, starts: NDArray[np.float64]) -> NDArray[np.float64]:
        raise NotImplementedError

    def score_many(self, queries: NDArray[np.int64]) -> Iterator[Vector]:
        for lo in range(0, len(queries), self.batch):
            chunk = np.asarray(queries[lo : lo + self.batch], dtype=np.int64)
            starts = np.zeros((len(self.active), len(chunk)))
            known = self.position[chunk] >= 0
            starts[self.position[chunk[known]], np.flatnonzero(known)] = 1.0
            result = self._batch(starts) if len(self.active) else starts
            for j in range(len(chunk)):
                out = np.zeros(self.graph.n)
                out[self.active] = result[:, j]
                yield out

    def score(self, q: int) -> Vector:
        return next(self.score_many(np.array([q])))


class PersonalisedPageRank(_CompactWalks):
    name = "personalised_pagerank"

    def __init__(self, graph: Graph, restart: float = 0.15, iterations: int = 30) -> None:
        super().__init__(graph)
        self.restart, self.iterations = restart, iterations
        degree = np.asarray(self.adj.sum(axis=0)).ravel()
        self.transition = (self.adj @ sparse.diags(1.0 / np.maximum(degree, 1.0))).tocsr()

    def _batch(self, starts: NDArray[np.float64]) -> NDArray[np.float64]:
        x = starts.copy()
        for _ in range(self.iterations):
            x = self.restart * starts + (1.0 - self.restart) * (self.transition @ x)
        return x


class Katz(_CompactWalks):
    name = "katz"

    def __init__(self, graph: Graph, beta: float = 0.01, length: int = 4) -> None:
        super().__init__(graph)
        self.beta, self.length = beta, length

    def _batch(self, starts: NDArray[np.float64]) -> NDArray[np.float64]:
        total = np.zeros_like(starts)
        x = starts
        for step in range(1, self.length + 1):
            x = self.adj @ x
            total += self.beta**step * x
        return total
