"""Insights on the registry: reads plain data from the database, computes with `stats`,
and caches the result until the registry changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from twinnings.insights import stats
from twinnings.registry.models import Attestation, Twinning
from twinnings.registry.services import cached_for_registry

MATRIX_COUNTRIES = 15


@dataclass(frozen=True)
class Insights:
    twinnings: int
    places: int
    countries: int
    domestic: int
    distance_median_km: float
    distance_mean_km: float
    distance_edges_km: list[float]
    distance_counts: list[int]
    matrix_countries: list[str]
    matrix: list[list[int]]
    top_pairs: list[tuple[str, str, int]]
    component_sizes: list[int]
    component_distribution: list[tuple[int, int]]
    degree_bins: list[stats.DegreeBin]
    mean_degree: float
    sources_per_twinning: dict[int, int] = field(default_factory=dict)

    @property
    def international(self) -> int:
        return self.twinnings - self.domestic

    @property
    def domestic_share(self) -> float:
        return stats.share(self.domestic, self.twinnings)

    @property
    def largest_component(self) -> int:
        return self.component_sizes[0] if self.component_sizes else 0

    @property
    def largest_component_share(self) -> float:
        return stats.share(self.largest_component, self.places)

    @property
    def matrix_max(self) -> int:
        return max((max(row) for row in self.matrix), default=0)


def compute() -> Insights:
    """Read every twinning once (ids, countries, distance) and every attestation's source."""
    rows = list(
        Twinning.objects.order_by().values_list(
            "id", "place_a_id", "place_b_id", "place_a__country_id", "place_b__country_id", "distance_km"
        )
    )
    edges = [(a, b) for _, a, b, _, _, _ in rows]
    country_pairs = [(ca, cb) for _, _, _, ca, cb, _ in rows]
    distances = [d for *_, d in rows]
    degree = stats.degrees(edges)
    sizes = stats.component_sizes(edges)
    codes, matrix = stats.country_matrix(country_pairs, MATRIX_COUNTRIES)
    histogram_edges = list(stats.DISTANCE_EDGES_KM)
    summary = stats.summary(distances)
    sources: dict[int, set[int]] = {}
    for twinning_id, source_id in Attestation.objects.order_by().values_list("twinning_id", "source_id"):
        sources.setdefault(twinning_id, set()).add(source_id)
    per_twinning = stats.histogram((len(s) for s in sources.values()), [1, 2, 3, 4])
    return Insights(
        twinnings=len(rows),
        places=len(degree),
        countries=len(stats.country_ends(country_pairs)),
        domestic=stats.domestic_count(country_pairs),
        distance_median_km=summary["median"],
        distance_mean_km=summary["mean"],
        distance_edges_km=histogram_edges,
        distance_counts=stats.histogram(distances, histogram_edges),
        matrix_countries=codes,
        matrix=matrix,
        top_pairs=stats.top_country_pairs(country_pairs, 20),
        component_sizes=sizes,
        component_distribution=stats.size_distribution(sizes),
        degree_bins=stats.log_binned(degree.values()),
        mean_degree=stats.share(2 * len(rows), len(degree)),
        sources_per_twinning={n: c for n, c in zip([1, 2, 3, 4], per_twinning) if c},
    )


def insights() -> Insights:
    return cached_for_registry("insights", compute)
