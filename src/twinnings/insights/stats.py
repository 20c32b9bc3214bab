"""Statistics of the twinning network: pure computation on plain lists, no Django.

Places are opaque hashable ids, twinnings are undirected pairs of them, countries are codes.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from statistics import median

DISTANCE_EDGES_KM: tuple[float, ...] = (0, 50, 100, 250, 500, 1000, 2500, 5000, 10000)


def histogram(values: Iterable[float], edges: Sequence[float]) -> list[int]:
    """Counts per bin [edges[i], edges[i+1]); the last bin is [edges[-1], ∞). Values below
    edges[0] are counted in the first bin."""
    counts = [0] * len(edges)
    for value in values:
        counts[max(0, bisect_right(edges, value) - 1)] += 1
    return counts


def share(part: float, whole: float) -> float:
    """part / whole, 0 when whole is 0."""
    return part / whole if whole else 0.0


def domestic_count(country_pairs: Iterable[tuple[str, str]]) -> int:
    return sum(1 for a, b in country_pairs if a == b)


def country_ends(country_pairs: Iterable[tuple[str, str]]) -> Counter[str]:
    """Twinnings per country, a domestic twinning counted once for its country."""
    ends: Counter[str] = Counter()
    for a, b in country_pairs:
        ends[a] += 1
        if b != a:
            ends[b] += 1
    return ends


def country_matrix(country_pairs: Sequence[tuple[str, str]], top: int = 15) -> tuple[list[str], list[list[int]]]:
    """The `top` countries with most twinnings and the symmetric matrix of twinnings between
    them (the diagonal holds domestic twinnings)."""
    codes = [code for code, _ in sorted(country_ends(country_pairs).items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    index = {code: i for i, code in enumerate(codes)}
    matrix = [[0] * len(codes) for _ in codes]
    for a, b in country_pairs:
        if a in index and b in index:
            i, j = index[a], index[b]
            matrix[i][j] += 1
            if i != j:
                matrix[j][i] += 1
    return codes, matrix


def top_country_pairs(country_pairs: Iterable[tuple[str, str]], limit: int = 20) -> list[tuple[str, str, int]]:
    """Most frequent international country pairs, each pair in alphabetical order."""
    counts: Counter[tuple[str, str]] = Counter()
    for a, b in country_pairs:
        if a != b:
            counts[(a, b) if a < b else (b, a)] += 1
    return [(a, b, n) for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def degrees(edges: Iterable[tuple[Hashable, Hashable]]) -> Counter[Hashable]:
    """Number of twinnings per place."""
    degree: Counter[Hashable] = Counter()
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    return degree


def component_sizes(edges: Iterable[tuple[Hashable, Hashable]]) -> list[int]:
    """Sizes (in places) of the network's connected components, largest first (union–find)."""
    parent: dict[Hashable, Hashable] = {}

    def find(node: Hashable) -> Hashable:
        parent.setdefault(node, node)
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    for a, b in edges:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[root_a] = root_b
    sizes = Counter(find(node) for node in list(parent))
    return sorted(sizes.values(), reverse=True)


def size_distribution(sizes: Iterable[int]) -> list[tuple[int, int]]:
    """(component size, number of components of that size), smallest size first."""
    return sorted(Counter(sizes).items())


@dataclass(frozen=True)
class DegreeBin:
    low: int  # inclusive
    high: int  # exclusive
    count: int  # places with a degree in [low, high)
    density: float  # share of places per unit of degree: count / (high - low) / all places


def log_binned(values: Iterable[int], base: float = 2.0) -> list[DegreeBin]:
    """Logarithmic bins [1, 2), [2, 4), [4, 8)… of positive integers (for heavy-tailed
    degree distributions); empty bins are kept so the series is regular."""
    data = [v for v in values if v >= 1]
    if not data:
        return []
    top = max(data)
    bounds = [1]
    while bounds[-1] <= top:
        bounds.append(max(bounds[-1] + 1, math.ceil(bounds[-1] * base)))
    counts = [0] * (len(bounds) - 1)
    for value in data:
        counts[bisect_right(bounds, value) - 1] += 1
    return [
        DegreeBin(bounds[i], bounds[i + 1], n, n / (bounds[i + 1] - bounds[i]) / len(data))
        for i, n in enumerate(counts)
    ]


def summary(distances: Sequence[float]) -> dict[str, float]:
    """Median and mean of distances (km), 0 for an empty list."""
    if not distances:
        return {"median": 0.0, "mean": 0.0}
    return {"median": float(median(distances)), "mean": sum(distances) / len(distances)}
