"""Features of a (query place, candidate place) pair, learned from training twinnings only.

`Statistics` counts the training twinnings by country, region and place; `QueryContext` holds
what one query needs (tables indexed by the candidate's country and region, the candidate's
own twins, the query's graph neighbourhood). The same context yields feature rows for chosen
candidates (`rows`, used to fit the model and to explain) and the linear score of every place
at once (`scoring.score_all`, used to serve); a test checks that both agree.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from twinnings.matching import kernels
from twinnings.matching.graph import Graph, Neighbourhood
from twinnings.matching.network import EARTH_RADIUS_KM, KINDS, Places, cosine_from_km

F32 = np.float32
DEGREE_EDGES = np.array([1, 2, 3, 5, 9, 17, 33])  # bins 0, 1, 2, 3-4, 5-8, 9-16, 17-32, 33+
POPULATION_EDGES = np.log10([1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000, np.inf])  # + unknown
DISTANCE_KM = np.array([25, 50, 100, 200, 350, 500, 750, 1000, 1500, 2000, 3000, 5000, 8000, 12000])
POPULATION_GAP_EDGES = np.array([0.15, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, np.inf])  # |log10 ratio|, + unknown
BETA_COUNTRY, BETA_REGION, BETA_PLACE = 20.0, 10.0, 3.0


def _block(name: str, size: int) -> list[str]:
    return [f"{name}[{i}]" for i in range(size)]


N_DEGREE, N_POP, N_KIND2 = len(DEGREE_EDGES) + 1, len(POPULATION_EDGES) + 1, len(KINDS) ** 2
N_DISTANCE, N_GAP = len(DISTANCE_KM) + 2, len(POPULATION_GAP_EDGES) + 1
STATIC = [
    *_block("degree", N_DEGREE),
    *_block("population", N_POP),
    *_block("kinds", N_KIND2),
    "country_places",
    "country_twinned_places",
    "country_twinnings",
]
COUNTRY = ["country_affinity", "country_affinity_reverse", "region_country_lift", "own_country_lift", "same_country"]
COUNTRY += ["shared_language"]
REGION = ["region_lift", "region_region_lift", "own_region_lift", "candidate_region_country_lift"]
OWN = ["candidate_country_lift", "candidate_country_twins", "candidate_region_twins"]
GRAPH2 = ["common_twins", "adamic_adar", "resource_allocation", "common_share"]
GRAPH3 = ["paths3", "walk3"]
DISTANCE = _block("distance", N_DISTANCE)  # last bin: unknown
GAP = _block("population_gap", N_GAP)  # last bin: unknown
NAME = ["same_name"]
PROXIMITY_KM = np.array([10.0, 30.0, 80.0, 200.0])  # 4 bins (as kernels.grid_near_points expects); farther: reference
MAX_TWINS_NEAR = 16  # the query's twins whose surroundings count (the first ones, by index)
PROXIMITY = [f"near_candidate_twin[{i}]" for i in range(len(PROXIMITY_KM))]
PROXIMITY += [f"near_your_twin[{i}]" for i in range(len(PROXIMITY_KM))]
HABITS = ["query_distance_habit", "query_size_habit", "candidate_distance_habit", "candidate_size_habit"]
BLOCKS: dict[str, list[str]] = {
    "static": STATIC,
    "country": COUNTRY,
    "region": REGION,
    "own": OWN,
    "graph2": GRAPH2,
    "graph3": GRAPH3,
    "distance": DISTANCE,
    "gap": GAP,
    "name": NAME,
    "habits": HABITS,
    "proximity": PROXIMITY,
}
FEATURES: list[str] = [name for names in BLOCKS.values() for name in names]
SLICES: dict[str, slice] = {}
_start = 0
for _name, _names in BLOCKS.items():
    SLICES[_name] = slice(_start, _start + len(_names))
    _start += len(_names)


# Distances and population gaps are binned through a fine grid of cells (a multiply and a
# lookup, much faster than a search over 235k values); the bin of a pair is the bin of its cell.
DISTANCE_CELLS = kernels.DISTANCE_CELLS  # cells of the chord length between two points of the unit sphere, 0..2
GAP_CELLS = kernels.GAP_CELLS  # cells of |log10 population ratio|, 0..10; one more cell for unknown


def _cell_table(centres: NDArray[np.floating], edges: NDArray[np.floating]) -> NDArray[np.intp]:
    return np.searchsorted(edges, centres, side="right")


_chord_edges = 2.0 * np.sin(DISTANCE_KM / EARTH_RADIUS_KM / 2.0)
DISTANCE_CELL_BIN = np.append(
    _cell_table((np.arange(DISTANCE_CELLS + 1) + 0.5) * 2.0 / DISTANCE_CELLS, _chord_edges), N_DISTANCE - 1
)  # the extra last cell: unknown coordinates
GAP_CELL_BIN = np.append(_cell_table((np.arange(GAP_CELLS + 1) + 0.5) / 20.0, POPULATION_GAP_EDGES), N_GAP - 1)
UNKNOWN_POPULATION = F32(-1000.0)


def distance_cells(cosine: NDArray[np.floating], known: NDArray[np.bool_] | bool = True) -> NDArray[np.int32]:
    """Cell of each pair's distance; the last cell means unknown coordinates."""
    chord = np.asarray(cosine, dtype=F32) * F32(-2.0)  # a new buffer, then in place
    np.add(chord, F32(2.0), out=chord)
    np.maximum(chord, F32(0.0), out=chord)
    np.sqrt(chord, out=chord)
    np.multiply(chord, F32(DISTANCE_CELLS / 2.0), out=chord)
    np.minimum(chord, F32(DISTANCE_CELLS), out=chord)
    cells = chord.astype(np.int32)
    if known is not True:
        cells[~np.broadcast_to(known, cells.shape)] = DISTANCE_CELLS + 1
    return cells


def distance_bins(cosine: NDArray[np.floating], known: NDArray[np.bool_] | bool = True) -> NDArray[np.intp]:
    """Bin 0 is the nearest; the last bin means unknown coordinates."""
    return DISTANCE_CELL_BIN[distance_cells(cosine, known)]


def gap_cells(log_pop: NDArray[np.float32], log_pop_q: float) -> NDArray[np.int32]:
    """Cell of |log10(pop / pop_q)|; unknown populations (UNKNOWN_POPULATION) fall in the last cell."""
    if log_pop_q == UNKNOWN_POPULATION:
        return np.full(len(log_pop), GAP_CELLS + 1, dtype=np.int32)
    gap = np.subtract(log_pop, F32(log_pop_q))
    np.abs(gap, out=gap)
    np.multiply(gap, F32(20.0), out=gap)
    np.minimum(gap, F32(GAP_CELLS + 1), out=gap)
    return gap.astype(np.int32)


PROXIMITY_COSINE = cosine_from_km(PROXIMITY_KM).astype(F32)


def _radius(km: float) -> float:
    """An angle (radians) a little wider than `km` along the Earth's surface, for grid searches."""
    return 1.001 * km / EARTH_RADIUS_KM


def proximity_bins(cosine: NDArray[np.floating]) -> NDArray[np.intp]:
    """0: within 10 km ... 3: within 200 km, 4: farther (a cosine below PROXIMITY_COSINE[-1])."""
    c = np.asarray(cosine, dtype=F32)
    bins = np.zeros(c.shape, dtype=np.intp)
    for t in PROXIMITY_COSINE:
        bins += c < t
    return bins


def _dense_row(matrix: sparse.csr_matrix, i: int) -> NDArray[np.float64]:
    """Row `i` of a CSR matrix as a dense vector, without the cost of scipy's indexing."""
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    row = np.bincount(matrix.indices[lo:hi], weights=matrix.data[lo:hi], minlength=matrix.shape[1])
    return np.asarray(row, dtype=np.float64)


def sparse_value(matrix: sparse.csr_matrix, i: int, j: int) -> float:
    """matrix[i, j], without the cost of scipy's indexing."""
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    return float(matrix.data[lo:hi][matrix.indices[lo:hi] == j].sum())


def _sparse_column(matrix: sparse.csc_matrix, j: int) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
    lo, hi = matrix.indptr[j], matrix.indptr[j + 1]
    return matrix.indices[lo:hi], matrix.data[lo:hi]


def gap_cells_pairs(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.int32]:
    """Like `gap_cells` for pairs of arrays."""
    gap = np.minimum(np.abs(a - b) * F32(20.0), F32(GAP_CELLS + 1)).astype(np.int32)
    return np.where((a == UNKNOWN_POPULATION) | (b == UNKNOWN_POPULATION), GAP_CELLS + 1, gap).astype(np.int32)


def population_gap_bins(log_pop: NDArray[np.float32], log_pop_q: float) -> NDArray[np.intp]:
    return GAP_CELL_BIN[gap_cells(log_pop, log_pop_q)]


class Statistics:
    """Counts of the training twinnings: by pair of countries, region and country, place and country."""

    def __init__(self, places: Places, edges: NDArray[np.integer]) -> None:
        self.places = places
        self.graph = Graph(len(places), edges)
        n, k = len(places), len(places.countries)
        r = len(places.region_names)
        self.n_regions = r
        self.region = np.where(places.region < 0, r, places.region).astype(np.intp)  # r: no region
        self.country = places.country.astype(np.intp)
        e = self.graph.edges
        ends = np.concatenate([e, e[:, ::-1]])  # each endpoint with its partner
        me, partner = ends[:, 0], ends[:, 1]
        country = places.country.astype(np.int64)
        ones = np.ones(len(ends))
        self.place_country = sparse.csr_matrix((ones, (me, country[partner])), shape=(n, k))
        self.place_region = sparse.csr_matrix((ones, (me, self.region[partner])), shape=(n, r + 1))
        self.country_pair = np.zeros((k, k))
        np.add.at(self.country_pair, (country[me], country[partner]), 1.0)
        self.country_total = self.country_pair.sum(axis=1)
        self.share = (self.country_total + 1.0) / (self.country_total.sum() + k)
        self.region_country = np.zeros((r + 1, k))
        np.add.at(self.region_country, (self.region[me], country[partner]), 1.0)
        self.region_country[r] = 0.0
        self.region_total = self.region_country.sum(axis=1)
        rr = sparse.csr_matrix((ones, (self.region[me], self.region[partner])), shape=(r + 1, r + 1))
        self.region_pair = rr.tocsr()
        # the country of each region, and each region's share of its country's twinnings
        self.region_country_of = np.zeros(r + 1, dtype=np.int64)
        located = places.region >= 0
        self.region_country_of[places.region[located]] = country[located]
        regions_per_country = np.bincount(self.region_country_of[:r], minlength=k).astype(np.float64)
        share = (self.region_total[:r] + 1.0) / (
            self.country_total[self.region_country_of[:r]] + regions_per_country[self.region_country_of[:r]]
        )
        self.region_share = np.append(share, 1.0)
        # the same, arranged for reading per query country (`QueryContext._region_table`)
        self.log_region_share = np.log(self.region_share)
        self.region_country_by_country = np.ascontiguousarray(self.region_country.T)
        self.country_pair_by_column = np.ascontiguousarray(self.country_pair.T)
        self.region_country_total = self.country_total[self.region_country_of]
        # candidates that have twins, and their own counts by column (country, region) for fast lookup
        self.active = self.graph.active
        self.active_position = np.full(n, -1, dtype=np.int64)
        self.active_position[self.active] = np.arange(len(self.active))
        self.active_offsets = np.arange(len(self.active))
        self.active_region, self.active_degree = self.region[self.active], self.graph.degree[self.active]
        self.place_country_by_col = self.place_country[self.active].tocsc()
        self.place_region_by_col = self.place_region[self.active].tocsc()
        self.place_country_by_col.sum_duplicates()
        self.place_region_by_col.sum_duplicates()
        # candidate-only features
        self.log_population = np.where(
            places.population > 0, np.log10(np.maximum(places.population, 1)), UNKNOWN_POPULATION
        ).astype(F32)
        self.unit = places.unit_vectors()
        self.located = places.has_coordinates
        self.all_located = bool(self.located.all())
        self.country_places = np.bincount(places.country, minlength=k)
        self.static = self._static_features()
        self._habits(ends)
        self._grid()
        k = len(places.countries)
        languages = [set(codes) for codes in places.country_languages]
        self.shared_language = np.array(
            [[bool(languages[a] & languages[b]) for b in range(k)] for a in range(k)], dtype=np.float64
        )

    def _habits(self, ends: NDArray[np.int64]) -> None:
        """How far away and how different in size each place's twins are, as histograms of bins."""
        me, partner = ends[:, 0], ends[:, 1]
        cosine = np.einsum("ij,ij->i", self.unit[me], self.unit[partner])
        d_bin = distance_bins(cosine, self.located[me] & self.located[partner])
        g_bin = GAP_CELL_BIN[gap_cells_pairs(self.log_population[me], self.log_population[partner])]
        m = len(self.active)
        pos = self.active_position[me]
        self.distance_habit = np.zeros((m, N_DISTANCE))
        np.add.at(self.distance_habit, (pos, d_bin), 1.0)
        self.size_habit = np.zeros((m, N_GAP))
        np.add.at(self.size_habit, (pos, g_bin), 1.0)
        self.distance_prior = (self.distance_habit.sum(axis=0) + 1.0) / (len(ends) + N_DISTANCE)
        self.size_prior = (self.size_habit.sum(axis=0) + 1.0) / (len(ends) + N_GAP)
        degree = self.graph.degree[self.active][:, None]
        self.distance_lift = self._lift(self.distance_habit, self.distance_prior, degree)
        self.size_lift = self._lift(self.size_habit, self.size_prior, degree)
        twins = self.graph.adj.indices
        self.partner_columns = tuple(np.ascontiguousarray(self.unit[twins, i]) for i in range(3))  # per adjacency entry
        self.partner_of = np.repeat(np.arange(len(self.active)), self.graph.degree[self.active])  # its candidate

    @staticmethod
    def _lift(hist: NDArray[np.float64], prior: NDArray[np.float64], degree: NDArray[np.int64]) -> NDArray[np.float32]:
        lift = np.log((hist + BETA_PLACE * prior) / (degree + BETA_PLACE)) - np.log(prior)
        lift[:, -1] = 0.0  # unknown distance or size
        return lift.astype(F32)

    def _grid(self) -> None:
        """Places sorted by 1-degree cells (row-major), to find those near a point quickly."""
        p = self.places
        lat = np.clip(np.floor(np.nan_to_num(p.latitude)), -90, 89).astype(np.int64) + 90
        lon = np.clip(np.floor(np.nan_to_num(p.longitude)), -180, 179).astype(np.int64) + 180
        cell = np.where(self.located, lat * 360 + lon, 180 * 360)
        self.grid_order = np.argsort(cell, kind="stable")
        self.grid_start = np.searchsorted(cell[self.grid_order], np.arange(180 * 360 + 2))
        x, y, z = (np.ascontiguousarray(self.unit[:, i]) for i in range(3))
        self.unit_columns = (x, y, z)
        self.grid_unit = (x[self.grid_order], y[self.grid_order], z[self.grid_order])  # in the grid's order

    def places_near(self, i: int, km: float) -> NDArray[np.int64]:
        """Places within about `km` of place `i` (a superset: whole 1-degree cells)."""
        p = self.places
        slices = kernels.grid_slices(float(p.latitude[i]), float(p.longitude[i]), _radius(km), self.grid_start)
        return np.concatenate([np.zeros(0, dtype=np.int64), *(self.grid_order[lo:hi] for lo, hi in slices)])

    def cosines(self, candidates: NDArray[np.int64], points: NDArray[np.int64]) -> NDArray[np.float32]:
        """len(candidates) x len(points) cosines, computed the same way for any subset."""
        x, y, z = self.unit_columns
        c = candidates[:, None]
        return x[c] * x[points][None, :] + y[c] * y[points][None, :] + z[c] * z[points][None, :]

    def habit_lift(self, kind: str, rows: NDArray[np.int64], bins: NDArray[np.intp]) -> NDArray[np.float64]:
        """log p(bin | the place's twins) - log p(bin), for positions `rows` among places with twins."""
        table = self.distance_lift if kind == "distance" else self.size_lift
        return np.take(table.ravel(), rows * table.shape[1] + bins).astype(np.float64)

    def _static_features(self) -> NDArray[np.float32]:
        """n x len(STATIC): the candidate-only block, without the kinds one-hot."""
        p = self.places
        n = len(p)
        base = np.zeros((n, len(STATIC)), dtype=F32)
        rows = np.arange(n)
        base[rows, np.searchsorted(DEGREE_EDGES, self.graph.degree, side="right")] = 1.0
        unknown = self.log_population == UNKNOWN_POPULATION
        pop_bin = np.where(unknown, N_POP - 1, np.searchsorted(POPULATION_EDGES, self.log_population))
        base[rows, N_DEGREE + pop_bin] = 1.0
        k = len(p.countries)
        places_per_country = np.bincount(p.country, minlength=k)
        twinned = np.bincount(p.country[self.graph.degree > 0], minlength=k)
        at = N_DEGREE + N_POP + N_KIND2
        base[:, at] = np.log1p(places_per_country[p.country])
        base[:, at + 1] = np.log1p(twinned[p.country])
        base[:, at + 2] = np.log1p(self.country_total[p.country])
        return base  # the kinds columns are set per query (kind of query x kind of candidate)

    def context(self, q: int) -> QueryContext:
        return QueryContext(self, q)


class QueryContext:
    """Everything one query needs, computed once; then `rows(candidates)`, or the score of every
    place (`scoring.score_all`)."""

    def __init__(self, stats: Statistics, q: int) -> None:
        self.stats, self.q = stats, q
        p = stats.places
        cq, rq = int(p.country[q]), int(stats.region[q])
        self.country_q, self.region_q, self.kind_q = cq, rq, int(p.kind[q])
        self.degree_q = int(stats.graph.degree[q])
        self.country_table = self._country_table(cq, rq)
        self.region_table = self._region_table(cq, rq)
        self.hood: Neighbourhood | None = stats.graph.neighbourhood(q) if self.degree_q else None
        self.graph2, self.graph3 = self._graph()
        self.located_q = bool(stats.located[q])
        self.query_habits = self._query_habits()
        self.near_candidate_twin, self.twins_near = self._proximity()
        self._country_reference: float | None = None

    # country-level: p(country_c | query) backed off from place to region to country

    def _p_country_given_country(self, cq: int) -> NDArray[np.float64]:
        s = self.stats
        return (s.country_pair[cq] + BETA_COUNTRY * s.share) / (s.country_total[cq] + BETA_COUNTRY)

    def _country_table(self, cq: int, rq: int) -> NDArray[np.float64]:
        s, p = self.stats, self.stats.places
        k = len(p.countries)
        p_country = self._p_country_given_country(cq)
        p_region = (s.region_country[rq] + BETA_REGION * p_country) / (s.region_total[rq] + BETA_REGION)
        own = _dense_row(s.place_country, self.q)
        p_place = (own + BETA_PLACE * p_region) / (own.sum() + BETA_PLACE)
        reverse = (s.country_pair[:, cq] + BETA_COUNTRY * s.share[cq]) / (s.country_total + BETA_COUNTRY)
        shared = s.shared_language[cq]
        same = np.zeros(k)
        same[cq] = 1.0
        columns = [
            np.log(p_country),
            np.log(reverse),
            np.log(p_region) - np.log(p_country),
            np.log(p_place) - np.log(p_region),
            same,
            shared,
        ]
        self.p_region_country = p_region  # kept for the region table
        self.own_country_counts = own
        return np.stack(columns, axis=1)

    def _region_table(self, cq: int, rq: int) -> NDArray[np.float64]:
        """Per candidate region: how much more than its share the query's country, region and
        twins link to it; the last row (no region) is zero."""
        s = self.stats
        r = s.n_regions
        of = s.region_country_of
        from_country = s.region_country_by_country[cq]  # s.region_country[:, cq]
        p1 = (from_country + BETA_REGION * s.region_share) / (s.country_pair[cq][of] + BETA_REGION)
        if rq < r:
            from_region = _dense_row(s.region_pair, rq)
            p2 = (from_region + BETA_REGION * p1) / (s.region_country[rq][of] + BETA_REGION)
        else:
            p2 = p1
        own = _dense_row(s.place_region, self.q)
        p3 = (own + BETA_PLACE * p2) / (self.own_country_counts[of] + BETA_PLACE)
        p_country_c = (s.country_pair_by_column[cq][of] + BETA_COUNTRY * s.share[cq]) / (
            s.region_country_total + BETA_COUNTRY
        )
        p_region_c = (from_country + BETA_REGION * p_country_c) / (s.region_total + BETA_REGION)
        self.p_from_region = p_region_c  # p(country_q | candidate's region), for the own block
        log_p1, log_p2 = np.log(p1), np.log(p2)
        table = np.stack(
            [log_p1 - s.log_region_share, log_p2 - log_p1, np.log(p3) - log_p2, np.log(p_region_c)], axis=1
        )
        table[:, 3] -= np.log(p_country_c)
        table[r] = 0.0
        return table

    def own_at(self, at: NDArray[np.integer]) -> NDArray[np.float64]:
        """The `own` block of the candidates at positions `at` among places with twins (in the
        order of `Statistics.active`): how much more than its region's habit each is twinned with
        the query's country, and its twins in the query's country and region."""
        m = len(self.stats.active)
        in_country, in_region = np.zeros(m), np.zeros(m)
        (at_country, country), (at_region, region) = self.own_twins()
        in_country[at_country] = country
        in_region[at_region] = region
        lift = self.own_lift(at, in_country[at])
        return np.stack([lift, np.log1p(in_country[at]), np.log1p(in_region[at])], axis=1)

    def own_twins(self) -> tuple[tuple[NDArray[np.int32], NDArray[np.float64]], ...]:
        """(positions among places with twins, counts) of the candidates twinned with places of
        the query's country, and of the query's region. The other candidates have none: their
        lift, log((0 + BETA_PLACE * parent) / (degree + BETA_PLACE)) - log(parent), is
        log(BETA_PLACE / (degree + BETA_PLACE)) whatever their region."""
        s = self.stats
        country = _sparse_column(s.place_country_by_col, self.country_q)
        if self.region_q < s.n_regions:
            return country, _sparse_column(s.place_region_by_col, self.region_q)
        return country, (np.zeros(0, dtype=np.int32), np.zeros(0))

    def own_lift(self, at: NDArray[np.integer], in_country: NDArray[np.float64]) -> NDArray[np.float64]:
        """The lift of the candidates at positions `at` among places with twins, given their twins
        in the query's country."""
        s = self.stats
        parent = self.p_from_region[s.active_region[at]]
        degree = s.active_degree[at]
        return np.log((in_country + BETA_PLACE * parent) / (degree + BETA_PLACE)) - np.log(parent)

    def _query_habits(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Lift of each distance bin and each size-gap bin among the query's own twins."""
        s, at = self.stats, int(self.stats.active_position[self.q])
        if at < 0:
            return np.zeros(N_DISTANCE), np.zeros(N_GAP)
        rows = np.full(N_DISTANCE, at)
        distance = s.habit_lift("distance", rows, np.arange(N_DISTANCE))
        size = s.habit_lift("size", np.full(N_GAP, at), np.arange(N_GAP))
        return distance, size

    def country_pair_reference(self, weights: NDArray[np.float64]) -> float:
        """The country-pair part of the score for the average place (log-probabilities are negative,
        so a reason compares with this), computed once per query."""
        if self._country_reference is None:
            part = self.country_table[:, [0, 1, 4]] @ weights[SLICES["country"]][[0, 1, 4]]
            self._country_reference = float(self.stats.country_places @ part) / len(self.stats.places)
        return self._country_reference

    def _proximity(self) -> tuple[NDArray[np.intp], NDArray[np.int64]]:
        """Bins of how close the query is to each twinned candidate's nearest twin, and the
        query's twins (at most MAX_TWINS_NEAR) whose surroundings are looked at.

        Bins only grow with the distance, so the bin of a candidate's nearest twin is the least
        bin over its twins; only twins within the farthest bin change it, and they are few."""
        s, far = self.stats, len(PROXIMITY_KM)
        bins = np.full(len(s.active), far, dtype=np.intp)
        if not self.located_q or len(s.active) == 0:
            return bins, np.zeros(0, dtype=np.int64)
        x, y, z = s.partner_columns
        xq, yq, zq = s.unit[self.q]
        cosine = x * xq  # per (candidate, twin) pair, as `cosines` computes it
        cosine += y * yq
        cosine += z * zq
        close = np.flatnonzero(cosine >= PROXIMITY_COSINE[-1])
        np.minimum.at(bins, s.partner_of[close], proximity_bins(cosine[close]))
        twins = s.graph.neighbours(self.q).astype(np.int64)
        twins = twins[s.located[twins]][:MAX_TWINS_NEAR]
        return bins, twins

    def _near_your_twins(self, candidates: NDArray[np.int64]) -> NDArray[np.intp]:
        """Proximity bin of each candidate to the nearest of the query's twins."""
        if len(self.twins_near) == 0:
            return np.full(len(candidates), len(PROXIMITY_KM), dtype=np.intp)
        return proximity_bins(self.stats.cosines(candidates, self.twins_near).max(axis=1))

    def near_your_twins(self, ordered: bool = True) -> tuple[NDArray[np.int64], NDArray[np.intp]]:
        """The places within the farthest proximity bin of one of the query's twins, each with its
        bin to the nearest of them (the same bins as `_near_your_twins`); every other place is
        farther. In increasing order of place, unless not `ordered`."""
        s, p, twins = self.stats, self.stats.places, self.twins_near
        if len(twins) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.intp)
        at, bins = kernels.grid_near_points(
            *s.grid_unit,
            s.grid_start,
            p.latitude[twins],
            p.longitude[twins],
            s.unit[twins],
            PROXIMITY_COSINE,
            _radius(float(PROXIMITY_KM[-1])),
            np.full(len(p), len(PROXIMITY_KM), dtype=np.uint8),
        )
        places = s.grid_order[at]
        if not ordered:
            return places, bins
        order = np.argsort(places)
        return places[order], bins[order]

    def _graph(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        h = self.hood
        if h is None:
            return np.zeros((0, len(GRAPH2))), np.zeros((0, len(GRAPH3)))
        g2 = np.stack(
            [np.log1p(h.common), h.adamic_adar, h.resource_allocation, h.common / max(self.degree_q, 1)], axis=1
        )
        g3 = np.stack([np.log1p(h.paths3), np.log1p(1000.0 * h.walk3)], axis=1)
        return g2, g3

    # feature rows for chosen candidates (fitting, explaining)

    def rows(self, candidates: NDArray[np.integer]) -> NDArray[np.float64]:
        s, p = self.stats, self.stats.places
        c = np.asarray(candidates, dtype=np.int64)
        out = np.zeros((len(c), len(FEATURES)))
        out[:, SLICES["static"]] = s.static[c]
        out[np.arange(len(c)), N_DEGREE + N_POP + self.kind_q * len(KINDS) + p.kind[c]] = 1.0
        out[:, SLICES["country"]] = self.country_table[p.country[c]]
        out[:, SLICES["region"]] = self.region_table[s.region[c]]
        pos = s.active_position[c]
        has = pos >= 0
        out[np.flatnonzero(has), SLICES["own"]] = self.own_at(pos[has])
        if self.hood is not None:
            for nodes, values, block in (
                (self.hood.nodes2, self.graph2, "graph2"),
                (self.hood.nodes3, self.graph3, "graph3"),
            ):
                at = np.minimum(np.searchsorted(nodes, c), max(len(nodes) - 1, 0))
                hit = (nodes[at] == c) if len(nodes) else np.zeros(len(c), dtype=bool)
                out[np.flatnonzero(hit), SLICES[block]] = values[at[hit]]
        cosine = s.cosines(c, np.array([self.q]))[:, 0]
        known = s.located[c] & self.located_q
        out[np.arange(len(c)), SLICES["distance"].start + distance_bins(cosine, known)] = 1.0
        gap = population_gap_bins(s.log_population[c], float(s.log_population[self.q]))
        out[np.arange(len(c)), SLICES["gap"].start + gap] = 1.0
        out[:, SLICES["name"].start] = p.name_keys[c] == p.name_keys[self.q]
        d_bin = distance_bins(cosine, known)
        at = SLICES["habits"].start
        out[:, at] = self.query_habits[0][d_bin]
        out[:, at + 1] = self.query_habits[1][gap]
        idx = np.flatnonzero(has)
        out[idx, at + 2] = s.habit_lift("distance", pos[has], d_bin[has])
        out[idx, at + 3] = s.habit_lift("size", pos[has], gap[has])
        at, k = SLICES["proximity"].start, len(PROXIMITY_KM)
        near = self.near_candidate_twin[pos[has]]
        close = near < k
        out[idx[close], at + near[close]] = 1.0
        near = self._near_your_twins(c)
        close = near < k
        out[np.flatnonzero(close), at + k + near[close]] = 1.0
        return out
