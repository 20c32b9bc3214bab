"""Latency of partner recommendations over every place of the gazetteer, beside networkx.

Builds the partner-finder model from the project's database (`twinnings build-matching`, in a
subprocess: wall time and peak memory), then, warm and in-process, for a seeded sample of
places (half with twins, half without):

- scoring alone: the score of every place (~241k) for the query;
- the same with the scoring code of an earlier commit (--baseline, by default the last one
  before the current scoring path), on the same model and queries, timed alternately with it
  in the same process; and whether both give the same top 50 for every query;
- top-10 with reasons: scoring, filtering out the place and its twins, the ten best and their
  reasons (what the API and the page call, without the database round trip);
- the same through `partners.services.recommend` (adds reading the ten places from the database);
- networkx on the same graph and query, as the baseline a first version would write:
  `adamic_adar_index` over every candidate pair, and `pagerank` personalised on the query
  (bounded: --networkx-queries queries).

Targets (issue 5): top-10 with reasons p95 <= 20 ms, scoring alone p95 <= 5 ms, build < 60 s and
< 500 MB. Prints p50/p95/p99/max of the wall time in milliseconds, and p50/p95 of the calling
thread's CPU time (on a machine shared with other work, closer to what an idle one would take);
asserts nothing. The code of another checkout runs with TWINNINGS_BENCH_SRC=<checkout>/src
(then --baseline none).

    .venv/bin/python bench/bench_recommend.py [--queries 300] [--networkx-queries 5] [--json PATH]
        [--baseline REV|none] [--skip-build]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PROJECT_DIR, TWINNINGS, heading, latency_summary, machine_note, twinnings_env, write_json

BASELINE = "f4dfe763a9bd"  # the last commit that scored with QueryContext.score_all
TOP = 50  # the ranks compared with the baseline


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


def baseline_features(rev: str) -> types.ModuleType:
    """`matching/features.py` as it was at commit `rev`, imported under another name (its own
    imports, the graph and the places, come from the current code)."""
    path = "src/twinnings/matching/features.py"
    source = subprocess.run(
        ["git", "show", f"{rev}:{path}"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType("baseline_features")
    module.__file__ = f"{rev}:{path}"
    sys.modules[module.__name__] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


class Baseline:
    """The earlier scoring code, on the same places, twinnings and fitted weights as `ranker`."""

    def __init__(self, ranker: Any, rev: str) -> None:
        old = baseline_features(rev)
        self.stats = old.Statistics(ranker.places, ranker.stats.graph.edges)
        self.warm = old.Weights.fold(ranker.fitted.warm, self.stats)
        self.cold = old.Weights.fold(ranker.fitted.cold, self.stats)

    def scores(self, q: int) -> np.ndarray:
        ctx = self.stats.context(q)
        return ctx.score_all(self.warm if ctx.degree_q > 0 else self.cold)


def top_places(score: np.ndarray, top: int = TOP) -> np.ndarray:
    """The `top` best places, ties broken by index (as the ranker breaks them)."""
    return np.lexsort((np.arange(len(score)), -score))[:top]


def distance_from_model(ranker: Any, q: int, now: np.ndarray, then: np.ndarray) -> dict[str, float]:
    """How far each scoring is from the model's definition, `ctx.rows(c) @ weights`, at the best
    places of both and wherever they differ."""
    places = np.unique(np.concatenate([top_places(now), top_places(then), np.flatnonzero(np.abs(now - then) > 1e-4)]))
    ctx = ranker.stats.context(q)
    reference = ctx.rows(places) @ ranker.weights_for(ctx).vector
    return {"now": float(np.abs(now[places] - reference).max()), "then": float(np.abs(then[places] - reference).max())}


class Timings:
    """Wall time of each call, and the CPU time of the calling thread: on a machine shared with
    other work the wall time includes waiting for a core, the CPU time much less so."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __call__(self, function: Any, *args: Any) -> Any:
        wall, cpu = time.perf_counter(), time.thread_time()
        result = function(*args)
        self.cpu.append(time.thread_time() - cpu)
        self.wall.append(time.perf_counter() - wall)
        return result


def show(label: str, timings: Timings | list[float]) -> dict[str, Any]:
    wall = timings.wall if isinstance(timings, Timings) else timings
    s: dict[str, Any] = dict(latency_summary(wall))
    figures = "  ".join(f"{k} {s[k]:8.2f}" for k in ("p50", "p95", "p99", "max"))
    line = f"{label:<44} n={s['n']:<5} {figures} ms"
    if isinstance(timings, Timings):
        cpu = latency_summary(timings.cpu)
        s["cpu"] = {k: cpu[k] for k in ("p50", "p95", "p99", "max")}
        line += f"   cpu p50 {cpu['p50']:6.2f}  p95 {cpu['p95']:6.2f} ms"
    print(line)
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--networkx-queries", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-build", action="store_true", help="Use the model already under var/")
    parser.add_argument("--baseline", default=BASELINE, help="Commit whose scoring code to compare with, or 'none'")
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
    baseline = None
    if args.baseline != "none":
        try:
            baseline = Baseline(ranker, args.baseline)
        except (subprocess.CalledProcessError, AttributeError, ImportError, TypeError) as error:
            print(f"baseline {args.baseline} unavailable: {error}")
    for q in queries[:20]:  # warm up
        ranker.recommend(int(q), 10)
        if baseline is not None:
            baseline.scores(int(q))

    scoring, top10, service, old_scoring = Timings(), Timings(), Timings(), Timings()
    same_top, largest_difference = 0, 0.0
    off_model = {"now": 0.0, "then": 0.0}  # the largest distance from the model's own feature rows
    for i, q in enumerate(queries.tolist()):
        if baseline is not None and i % 2:  # alternate which goes first
            old = old_scoring(baseline.scores, q)
        score = scoring(ranker.scores, q)
        if baseline is not None and not i % 2:
            old = old_scoring(baseline.scores, q)
        if baseline is not None:
            same_top += bool(np.array_equal(top_places(score), top_places(old)))
            largest_difference = max(largest_difference, float(np.abs(score - old).max()))
            for name, distance in distance_from_model(ranker, q, score, old).items():
                off_model[name] = max(off_model[name], distance)
        top10(ranker.recommend, q, 10)
    places = Place.objects.select_related("country").in_bulk([int(ranker.places.ids[q]) for q in queries[:100]])
    for place in places.values():
        service(services.recommend, place, Filters(), 10)
    print(f"{len(ranker.places):,} candidate places, {len(ranker.stats.graph.edges):,} twinnings")
    results["scoring"] = show("scoring alone (every place)", scoring)
    if baseline is not None:
        old_summary = show(f"scoring alone, code of {args.baseline[:7]} (alternated)", old_scoring)
        new_summary = results["scoring"]
        ratio = {k: new_summary[k] / old_summary[k] for k in ("p50", "p95")}
        cpu_ratio = {k: new_summary["cpu"][k] / old_summary["cpu"][k] for k in ("p50", "p95")}
        print(
            f"{'':<44} now/then: p50 x{ratio['p50']:.2f}, p95 x{ratio['p95']:.2f} "
            f"(cpu x{cpu_ratio['p50']:.2f}, x{cpu_ratio['p95']:.2f}); "
            f"top {TOP} identical for {same_top} of {len(queries)} queries; "
            f"largest score difference {largest_difference:.2g}"
        )
        print(
            f"{'':<44} largest distance from the model's feature rows (top {TOP} and places that differ): "
            f"now {off_model['now']:.2g}, then {off_model['then']:.2g}"
        )
        results["baseline"] = {
            "rev": args.baseline,
            "scoring": old_summary,
            "ratio": ratio,
            "cpu_ratio": cpu_ratio,
            "same_top": same_top,
            "queries": len(queries),
            "largest_difference": largest_difference,
            "off_model": off_model,
        }
    results["top10"] = show("top-10 with reasons", top10)
    results["service"] = show("top-10 with reasons + database (service)", service)

    if args.networkx_queries <= 0:
        write_json(args.json, results)
        return
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
