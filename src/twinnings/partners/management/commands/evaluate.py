import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinnings.matching.evaluation import (
    DEGREE_GROUPS,
    METHODS,
    Report,
    cold_split,
    evaluate,
    holdout_split,
    random_split,
)
from twinnings.matching.network import Places, canonical_edges
from twinnings.partners.network import load_edges, load_places
from twinnings.partners.places import PlaceNotFound, find_place
from twinnings.places.models import Place


class Command(BaseCommand):
    help = (
        "Evaluate the partner finder against link-prediction baselines: hold out twinnings, fit on the rest, "
        "rank each held-out partner among all places (both directions, ties at mean rank)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--split", choices=["random", "cold"], default="random")
        parser.add_argument("--holdout", type=Path, help="CSV of pairs to hold out and rank (overrides --split)")
        parser.add_argument("--fraction", type=float, default=0.1, help="Share of twinnings (random) or places (cold)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--methods", default=",".join(METHODS), help="Comma-separated; default: all")
        parser.add_argument("--source", help="Only twinnings this source attests (e.g. wikipedia-2026)")
        parser.add_argument(
            "--candidates",
            choices=["all", "twinned"],
            default="all",
            help="Rank among every place (default) or only among places that have twinnings",
        )
        parser.add_argument("--bootstrap", type=int, default=1000, help="Resamples for the 95%% intervals")
        parser.add_argument("--json", action="store_true", help="Print only the JSON summary")

    def handle(self, *args: Any, **options: Any) -> None:
        methods = [m.strip() for m in options["methods"].split(",") if m.strip()]
        unknown = sorted(set(methods) - set(METHODS))
        if unknown:
            raise CommandError(f"Unknown method {unknown[0]!r}; expected some of {', '.join(METHODS)}")
        if not 0 < options["fraction"] < 1:
            raise CommandError("--fraction must lie between 0 and 1")
        places = load_places()
        edges = canonical_edges(load_edges(places, options["source"]), len(places))
        if len(edges) < 2:
            raise CommandError("The registry has too few twinnings to evaluate anything.")
        if options["holdout"]:
            split = holdout_split(edges, self._read_holdout(options["holdout"], places), len(places))
        elif options["split"] == "cold":
            split = cold_split(edges, options["fraction"], options["seed"])
        else:
            split = random_split(edges, options["fraction"], options["seed"])
        if len(split.queries) == 0:
            raise CommandError("No pair to rank: the split held out nothing.")
        log = None if options["json"] or options["verbosity"] == 0 else self.stderr.write
        report = evaluate(
            places,
            edges,
            split,
            methods,
            seed=options["seed"],
            samples=options["bootstrap"],
            progress=log,
            candidates=options["candidates"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), indent=2))
        else:
            self._print(report)

    def _read_holdout(self, path: Path, places: Places) -> np.ndarray:
        try:
            handle = path.open(encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        pairs, problems = [], []
        with handle:
            reader = csv.DictReader(handle)
            fields = set(reader.fieldnames or [])
            by_id = {"geonames_id_a", "geonames_id_b"} <= fields
            by_name = {"name_a", "country_a", "name_b", "country_b"} <= fields
            if not (by_id or by_name):
                raise CommandError(
                    f"{path}: expected the header geonames_id_a,geonames_id_b or name_a,country_a,name_b,country_b"
                )
            for line, row in enumerate(reader, start=2):
                try:
                    a, b = (self._by_id(row, "a"), self._by_id(row, "b")) if by_id else (
                        self._by_name(row, "a"), self._by_name(row, "b"))  # fmt: skip
                except (PlaceNotFound, ValueError) as error:
                    problems.append(f"{path}:{line}: {error}")
                    continue
                ia, ib = places.index_of(a), places.index_of(b)
                if ia is not None and ib is not None and ia != ib:
                    pairs.append((ia, ib))
        for problem in problems:
            self.stderr.write(f"skipped {problem}")
        if not pairs:
            raise CommandError(f"{path}: no pair could be resolved to two places")
        return np.array(pairs, dtype=np.int64)

    @staticmethod
    def _by_id(row: dict[str, str], end: str) -> int:
        value = (row.get(f"geonames_id_{end}") or "").strip()
        place = Place.objects.filter(geonames_id=int(value)).values_list("id", flat=True).first()
        if place is None:
            raise PlaceNotFound(f"no place with GeoNames id {value}")
        return int(place)

    @staticmethod
    def _by_name(row: dict[str, str], end: str) -> int:
        name, country = (row.get(f"name_{end}") or "").strip(), (row.get(f"country_{end}") or "").strip()
        if not name:
            raise ValueError("empty name")
        return find_place(f"{name}, {country}" if country else name).pk

    def _print(self, report: Report) -> None:
        w = self.stdout.write
        w(
            f"split: {report.split} · {report.places:,} candidate places · {report.train_edges:,} training twinnings "
            f"· {report.queries:,} queries (both directions)"
        )
        w(f"{'method':<26}{'hits@1':>21}{'hits@10':>21}{'hits@50':>21}{'mrr':>21}{'seconds':>9}")
        for name, result in report.results.items():
            cells = []
            for metric in ("hits@1", "hits@10", "hits@50", "mrr"):
                lo, hi = result.overall.intervals.get(metric, (float("nan"), float("nan")))
                cells.append(f"{result.overall.values[metric]:.3f} [{lo:.3f},{hi:.3f}]".rjust(21))
            w(f"{name:<26}{''.join(cells)}{result.seconds:>9.1f}")
        w("")
        labels = [label for _, _, label in DEGREE_GROUPS]
        counts = [int(np.sum((report.query_degree >= lo) & (report.query_degree <= hi))) for lo, hi, _ in DEGREE_GROUPS]
        w("hits@10 by the query's number of training twins (queries: " + ", ".join(
            f"{label}: {n}" for label, n in zip(labels, counts)) + ")")  # fmt: skip
        w(f"{'method':<26}" + "".join(f"{label:>9}" for label in labels))
        for name, result in report.results.items():
            w(f"{name:<26}" + "".join(
                f"{result.by_degree[label]['hits@10']:>9.3f}" if label in result.by_degree else f"{'—':>9}"
                for label in labels))  # fmt: skip
