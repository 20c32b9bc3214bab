"""Latency of the pure parts of partner search, on seeded synthetic data (no database):

- the consortium finder (`matching/consortium.py`) on pools the size the service builds: a place,
  its twins, their best-linked twins and the recommendations (50, 150 and 350 places; about three
  twinnings per place, 20 + 8 x 5 recommendations), 30 countries;
- the mutual matching of one notice (`matching/notices.py`) against 1,000 and 10,000 open notices
  (the service first keeps those sharing an area, so this bounds the notice page's work).

Prints p50/p95/max in milliseconds; asserts nothing.

    .venv/bin/python bench/bench_notices.py [--queries 50] [--json PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import heading, latency_summary, machine_note, write_json

from twinnings.matching.consortium import build_links, find_consortia
from twinnings.matching.notices import NoticeFacts, PlaceFacts, Seeking, mutual_matches

AREAS = ["culture", "economy", "tourism", "education", "research", "environment", "sport", "health"]
COUNTRIES = [f"C{i:02d}" for i in range(30)]


def consortium_pool(rng: np.random.Generator, size: int) -> tuple[dict[int, str], list[tuple[int, int]], list]:
    countries = {i: COUNTRIES[int(rng.integers(len(COUNTRIES)))] for i in range(size)}
    twins = [(0, int(j)) for j in rng.choice(np.arange(1, size), size=min(size - 1, 12), replace=False)]
    twins += [(int(a), int(b)) for a, b in rng.integers(1, size, size=(size * 3 // 2, 2)) if a != b]
    recommended = [(0, int(j), 0.8 / (1 + rank / 5)) for rank, j in enumerate(rng.integers(1, size, size=20))]
    for twin in range(1, 9):
        recommended += [(twin, int(j), 0.8 / (1 + r / 5)) for r, j in enumerate(rng.integers(1, size, size=5))]
    return countries, twins, recommended


def bench_consortia(queries: int) -> dict[str, dict[str, float]]:
    figures = {}
    for size in (50, 150, 350):
        rng = np.random.default_rng(size)
        times, found = [], 0
        for _ in range(queries):
            countries, twins, recommended = consortium_pool(rng, size)
            started = time.perf_counter()
            groups = find_consortia(0, countries, build_links(twins, recommended))
            times.append(time.perf_counter() - started)
            found += len(groups)
        figures[f"pool {size}"] = {**latency_summary(times), "groups per query": found / queries}
    return figures


def random_notice(rng: np.random.Generator, i: int) -> NoticeFacts:
    country = COUNTRIES[int(rng.integers(len(COUNTRIES)))]
    place = PlaceFacts(i, f"P{i}", country, population=int(rng.integers(1_000, 2_000_000)), languages=(country,))
    sought = frozenset(COUNTRIES[int(c)] for c in rng.integers(len(COUNTRIES), size=int(rng.integers(0, 4))))
    areas = frozenset(AREAS[int(a)] for a in rng.integers(len(AREAS), size=int(rng.integers(1, 4))))
    return NoticeFacts(i, place, areas, Seeking(countries=sought, min_population=10_000))


def bench_matching(queries: int) -> dict[str, dict[str, float]]:
    figures = {}
    for n in (1_000, 10_000):
        rng = np.random.default_rng(n)
        board = [random_notice(rng, i) for i in range(n)]
        times = []
        for q in range(queries):
            started = time.perf_counter()
            mutual_matches(board[q], board)
            times.append(time.perf_counter() - started)
        figures[f"{n} notices"] = latency_summary(times)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--json")
    args = parser.parse_args()
    print(machine_note())
    results = {"consortium": bench_consortia(args.queries), "notice matching": bench_matching(args.queries)}
    for section, rows in results.items():
        heading(section)
        for name, row in rows.items():
            extra = f", {row['groups per query']:.1f} groups" if "groups per query" in row else ""
            print(f"{name:>14}: p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, max {row['max']:.1f} ms{extra}")
    write_json(args.json, results)


if __name__ == "__main__":
    main()
