"""The loops over every place of one query, compiled (numba): one pass each over the gazetteer
where numpy would make a dozen, each reading and writing arrays of its whole size.

They compute exactly what `features.py` defines, in the same float32 operations and order:
a cosine is `(x * xq + y * yq) + z * zq` (as `Statistics.cosines`), a distance cell is
`features.distance_cells` of it. Compiled without `fastmath`, nothing is fused or reordered, so
the cells are equal, not close (`tests/matching/test_scoring.py`). They release the GIL: the
threads of a serving process score in parallel.

numba (about 140 MB of memory) is imported and the kernels compiled on the first call, or by
`warm_up` when a serving process loads its model: processes that never score, such as
`build-matching`, do without it. Compiled code is cached beside this file, or under
NUMBA_CACHE_DIR, or in the user's cache directory; where none is writable (a read-only install)
each process compiles, in a few seconds.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

F32 = np.float32
DISTANCE_CELLS = 1024  # cells of the chord length between two points of the unit sphere, 0..2
GAP_CELLS = 200  # cells of |log10 population ratio|, 0..10; one more cell for unknown
_MINUS_TWO, _TWO, _ZERO = F32(-2.0), F32(2.0), F32(0.0)
_HALF_CELLS, _CELLS = F32(DISTANCE_CELLS / 2.0), F32(DISTANCE_CELLS)
_GAP_SCALE, _LAST_GAP = F32(20.0), F32(GAP_CELLS + 1)

Function = TypeVar("Function", bound=Callable[..., Any])
_PYTHON: dict[str, Callable[..., Any]] = {}  # the kernels' Python source, by name
_lock = threading.Lock()
_compiled_all = threading.Event()


def _compiled(function: Function) -> Function:
    """A kernel: compiled with all the others on the first call of any (a kernel may call
    another: it finds the compiled one among the module's globals)."""
    _PYTHON[function.__name__] = function

    @functools.wraps(function)
    def first_call(*args: Any) -> Any:
        _compile_all()
        return globals()[function.__name__](*args)

    return cast(Function, first_call)


def _compile_all() -> None:
    with _lock:
        if _compiled_all.is_set():
            return
        import numba

        for name, function in _PYTHON.items():
            # error_model="numpy": no Python exceptions for float errors, so the loops vectorise
            try:
                compiled = numba.njit(cache=True, nogil=True, error_model="numpy")(function)
            except RuntimeError:  # no writable cache directory
                compiled = numba.njit(nogil=True, error_model="numpy")(function)
            globals()[name] = compiled
        _compiled_all.set()


@_compiled
def dense_scores(
    x: NDArray[np.float32],
    y: NDArray[np.float32],
    z: NDArray[np.float32],
    unlocated: NDArray[np.int64],
    point: NDArray[np.float32],
    located_q: bool,
    log_population: NDArray[np.float32],
    log_population_q: np.float32,
    population_known_q: bool,
    pair: NDArray[np.uint32],
    pair_table: NDArray[np.float32],
    static: NDArray[np.float32],
    size_table: NDArray[np.float32],
    distance_table: NDArray[np.float32],
    score: NDArray[np.float32],
    cells: NDArray[np.uint32],
    gaps: NDArray[np.uint32],
) -> None:
    """The terms every place has, into `score`:
    `pair_table[pair] + static + distance_table[cell] + size_table[gap]`, with the place's
    distance cell from `point` into `cells` and its population-gap cell from the query's into
    `gaps` (x, y, z: the coordinates of the places' points on the unit sphere). The last entry
    of each table is the cell of an unknown value: the place's coordinates (`unlocated`) or
    population, or the query's."""
    n = score.shape[0]
    unknown = np.uint32(distance_table.shape[0] - 1)
    if not located_q:
        cells[:] = unknown
    else:
        xq, yq, zq = point[0], point[1], point[2]
        for i in range(n):
            cosine = (x[i] * xq + y[i] * yq) + z[i] * zq
            chord = cosine * _MINUS_TWO + _TWO
            if chord < _ZERO:
                chord = _ZERO
            chord = np.sqrt(chord) * _HALF_CELLS
            if chord > _CELLS:
                chord = _CELLS
            cells[i] = np.uint32(chord)
        for i in unlocated:
            cells[i] = unknown
    if not population_known_q:
        gaps[:] = np.uint32(size_table.shape[0] - 1)
    else:
        for i in range(n):
            gap = np.abs(log_population[i] - log_population_q) * _GAP_SCALE
            if gap > _LAST_GAP:
                gap = _LAST_GAP
            gaps[i] = np.uint32(gap)
    for i in range(n):
        score[i] = ((pair_table[pair[i]] + static[i]) + distance_table[cells[i]]) + size_table[gaps[i]]


@_compiled
def active_scores(
    score: NDArray[np.float32],
    active: NDArray[np.uint32],
    own: NDArray[np.float32],
    cells: NDArray[np.uint32],
    distance_cell_bin: NDArray[np.uint32],
    distance_habit: NDArray[np.float32],
    gaps: NDArray[np.uint32],
    gap_cell_bin: NDArray[np.uint32],
    size_habit: NDArray[np.float32],
    near_twin: NDArray[np.int64],
    proximity: NDArray[np.float32],
) -> None:
    """Adds the terms of the places with twins (`active`, m of them): their own score `own`, the
    lift of the query's distance and size bins among their twins (habits stored bin by bin,
    `bin * m + position`), and how near the query is to their nearest twin."""
    m = active.shape[0]
    for j in range(m):
        i = active[j]
        value = own[j] + distance_habit[distance_cell_bin[cells[i]] * m + j]
        value += size_habit[gap_cell_bin[gaps[i]] * m + j]
        value += proximity[near_twin[j]]
        score[i] += value


@_compiled
def grid_slices(latitude: float, longitude: float, radius: float, grid_start: NDArray[np.int64]) -> NDArray[np.int64]:
    """Ranges (start, stop) of `grid_start`'s order covering every place within `radius`
    (radians) of the point: whole 1-degree cells (row-major, 360 per row of latitude), across
    the date line and, near a pole, all the way round."""
    row0 = int(max(np.floor(latitude - np.degrees(radius)), -90.0)) + 90
    row1 = int(min(np.floor(latitude + np.degrees(radius)), 89.0)) + 90
    reach = np.sin(radius) / np.cos(np.radians(latitude))  # sine of the widest longitude gap
    if abs(latitude) + np.degrees(radius) >= 90.0 or reach >= 1.0:
        west, east = -180, 179
    else:
        half = np.degrees(np.arcsin(reach))
        west, east = int(np.floor(longitude - half)), int(np.floor(longitude + half))
    pieces = [(max(west, -180), min(east, 179))]
    if west < -180:
        pieces.append((west + 360, 179))
    if east > 179:
        pieces.append((-180, east - 360))
    out = np.empty((len(pieces) * (row1 - row0 + 1), 2), dtype=np.int64)
    k = 0
    for row in range(row0, row1 + 1):
        for first, last in pieces:
            out[k, 0] = grid_start[row * 360 + first + 180]
            out[k, 1] = grid_start[row * 360 + last + 181]
            k += 1
    return out


@_compiled
def grid_near_points(
    x: NDArray[np.float32],
    y: NDArray[np.float32],
    z: NDArray[np.float32],
    grid_start: NDArray[np.int64],
    latitude: NDArray[np.float64],
    longitude: NDArray[np.float64],
    points: NDArray[np.float32],
    thresholds: NDArray[np.float32],
    radius: float,
    best: NDArray[np.uint8],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The places within the last of the four `thresholds` (cosines, decreasing; `radius`
    radians is a little farther) of one of the points (`latitude`, `longitude` and `points`,
    their unit vectors), each with its proximity bin to the nearest of them: the number of
    thresholds its cosine is below. Places are numbered by their position in the grid (x, y, z:
    the unit vectors in that order), and `best` (one entry per place, 4 everywhere) is left as
    it was given."""
    if thresholds.shape[0] != 4:
        raise ValueError("four proximity thresholds expected")
    t0, t1, t2, last = thresholds[0], thresholds[1], thresholds[2], thresholds[3]
    far = np.uint8(4)
    slices = [grid_slices(latitude[t], longitude[t], radius, grid_start) for t in range(points.shape[0])]
    total = 0
    for ranges in slices:
        for s in range(ranges.shape[0]):
            total += ranges[s, 1] - ranges[s, 0]
    touched = np.empty(total, dtype=np.int64)
    count = 0
    for t in range(points.shape[0]):
        xt, yt, zt = points[t, 0], points[t, 1], points[t, 2]
        ranges = slices[t]
        for s in range(ranges.shape[0]):
            for k in range(ranges[s, 0], ranges[s, 1]):
                cosine = (x[k] * xt + y[k] * yt) + z[k] * zt
                if cosine >= last:
                    b = np.uint8((cosine < t0) + (cosine < t1) + (cosine < t2))
                    before = best[k]
                    if before == far:
                        touched[count] = k
                        count += 1
                    if b < before:
                        best[k] = b
    bins = np.empty(count, dtype=np.int64)
    for i in range(count):
        bins[i] = best[touched[i]]
        best[touched[i]] = far
    return touched[:count], bins


def warm_up() -> None:
    """Compiles (or loads from the cache) every kernel on tiny arrays, before the first query."""
    f32, f64 = np.zeros(2, dtype=F32), np.zeros(1)
    u32, i64 = np.zeros(1, dtype=np.uint32), np.zeros(1, dtype=np.int64)
    dense_scores(
        f32, f32, f32, i64, f32, True, f32, F32(0.0), True, u32, f32, f32, f32, f32, f32[:1], u32.copy(), u32.copy()
    )
    active_scores(f32, u32, f32, u32, u32, f32, u32, u32, f32, i64, f32)
    unit = np.zeros((1, 3), dtype=F32)
    grid = np.zeros(180 * 360 + 2, dtype=np.int64)
    grid_near_points(f32, f32, f32, grid, f64, f64, unit, np.zeros(4, dtype=F32), 0.01, np.zeros(1, dtype=np.uint8))
