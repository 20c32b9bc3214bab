"""Latency of partner recommendations over every place of the gazetteer, beside networkx.

Builds the partner-finder model from the project's database (`twinnings build-matching`, in a
subprocess: wall time and peak memory), then, warm and in-process, for a seeded sample of
places (half with twins, half without):

- scoring alone: the score of every place (~241k) for the query;
- top-10 with reasons: scoring, filtering out the place and its twins, the ten best and their
  reasons (what the API and the page call, without the database round trip);
- the same through `partners.services.recommend` (adds reading the ten places from the database);
- networkx on the same graph and query, as the baseline a first version would write:
  `adamic_adar_index` over every candidate pair, and `pagerank` personalised on the query
  (bounded: --networkx-queries queries).

Targets (issue 5): top-10 with reasons p95 <= 20 ms, scoring alone p95 <= 5 ms, build < 60 s and
< 500 MB. Prints p50/p95/p99/max in milliseconds; asserts nothing.

    .venv/bin/python bench/bench_recommend.py [--queries 300] [--networkx-queries 5] [--json PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import TWINNINGS, heading, latency_summary, machine_note, twinnings_env, write_json


def build_model() -> dict[str, float]:
    started = time.perf_counter()
    done = subprocess.run([TWINNINGS, "build-matching"], env=twinnings_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"build-matching failed: {done.stderr[-2000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(done.stdout.strip())
    print(f"build-matching: {seconds:.1f} s wall, peak memory {peak_mb:.0f} MB")
    return {"seconds": seconds, "peak_mb": peak_mb}


def show(label: str, seconds: list[float]) -> dict[str, float]:
    s = latency_summary(seconds)
    figures = "  ".join(f"{k} {s[k]:8.2f}" for k in ("p50", "p95", "p99", "max"))
    print(f"{label:<44} n={s['n']:<5} {figures} ms")
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--networkx-queries", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-build", action="store_true", help="Use the model already under var/")
    parser.add_argument("--json")
    args = parser.parse_args()

    heading("partner recommendations")
    print(machine_note())
    results: dict[str, object] = {}
    if not args.skip_build:
        results["build"] = build_model()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinnings.settings")
    import django

    django.setup()
    from twinnings.matching.ranker import Filters
    from twinnings.partners import services
    from twinnings.places.models import Place

    started = time.perf_counter()
    model = services.current()
    print(f"model loaded in {time.perf_counter() - started:.1f} s")
    ranker = model.ranker
    rng = np.random.default_rng(args.seed)
    twinned = ranker.stats.graph.active
    untwinned = np.flatnonzero(ranker.stats.graph.degree == 0)
    half = args.queries // 2
    queries = np.concatenate([rng.choice(twinned, half, replace=False), rng.choice(untwinned, args.queries - half)])
    rng.shuffle(queries)
    for q in queries[:20]:  # warm up
        ranker.recommend(int(q), 10)

    scoring, top10, service = [], [], []
    for q in queries.tolist():
        t = time.perf_counter()
        ranker.scores(q)
        scoring.append(time.perf_counter() - t)
        t = time.perf_counter()
        ranker.recommend(q, 10)
        top10.append(time.perf_counter() - t)
    places = Place.objects.select_related("country").in_bulk([int(ranker.places.ids[q]) for q in queries[:100]])
    for place in places.values():
        t = time.perf_counter()
        services.recommend(place, Filters(), 10)
        service.append(time.perf_counter() - t)
    print(f"{len(ranker.places):,} candidate places, {len(ranker.stats.graph.edges):,} twinnings")
    results["scoring"] = show("scoring alone (every place)", scoring)
    results["top10"] = show("top-10 with reasons", top10)
    results["service"] = show("top-10 with reasons + database (service)", service)

    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(len(ranker.places)))
    graph.add_edges_from(ranker.stats.graph.edges.tolist())
    chosen = [int(q) for q in queries if ranker.stats.graph.degree[q] > 0][: args.networkx_queries]
    adamic, pagerank = [], []
    for q in chosen:
        t = time.perf_counter()
        scores = nx.adamic_adar_index(graph, ((q, c) for c in range(len(ranker.places)) if c != q))
        best = sorted(scores, key=lambda item: -item[2])[:10]
        adamic.append(time.perf_counter() - t)
        t = time.perf_counter()
        ranks = nx.pagerank(graph, personalization={q: 1.0})
        best = sorted(ranks.items(), key=lambda item: -item[1])[:10]
        pagerank.append(time.perf_counter() - t)
        assert best
    if chosen:
        results["networkx_adamic_adar"] = show("networkx adamic_adar_index, top-10", adamic)
        results["networkx_pagerank"] = show("networkx personalised pagerank, top-10", pagerank)
    write_json(args.json, results)


if __name__ == "__main__":
    main()
