"""Consortia for a networks-of-towns application: groups of places in several countries, held
together by existing twinnings and strong recommendations.

Given a place (the query), every group returned contains it, has `min_size`–`max_size` members
in at least `min_countries` countries, and is connected through its links: each member is twinned
with, or strongly recommended for, another member. Groups grow one place at a time from the
query (a beam search): a place can join only through a link to the group, and the beam keeps the
groups whose links are strongest and whose countries are most varied.

A group's score is the mean, over its members other than the query, of each member's strongest
link inside the group (1.0 when every member is twinned with another member; a member held only
by a recommendation brings its weight, below 1), plus `EXTRA_LINKS` times the weight of the
further links per member (a denser group is a little better). Plain data in and out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TWINNED, RECOMMENDED = "twinned", "recommended"
TWINNING_WEIGHT = 1.0
COUNTRY_BONUS = 0.75  # in the beam: a new country is worth three quarters of a twinning
EXTRA_LINKS = 0.05


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    kind: str  # twinned or recommended
    weight: float  # 1 for a twinning; 0–1 for a recommendation


@dataclass(frozen=True)
class Consortium:
    members: tuple[int, ...]  # the query first, then in the order they joined
    countries: tuple[str, ...]  # distinct, sorted
    score: float  # see the module's docstring: 1.0 when every member is twinned with another
    links: tuple[Link, ...]  # every link between two members, twinnings first


@dataclass(frozen=True)
class ConsortiumRules:
    min_size: int = 4
    max_size: int = 6
    min_countries: int = 4
    max_per_country: int = 2
    beam: int = 24
    limit: int = 5

    def check(self) -> None:
        if not 2 <= self.min_size <= self.max_size:
            raise ValueError("sizes: 2 <= min_size <= max_size")
        if not 1 <= self.min_countries <= self.max_size:
            raise ValueError("min_countries must be between 1 and max_size")
        if self.max_per_country < 1 or self.beam < 1 or self.limit < 0:
            raise ValueError("max_per_country, beam and limit must be positive")


def build_links(twinnings: Iterable[tuple[int, int]], recommendations: Iterable[tuple[int, int, float]]) -> list[Link]:
    """Links from twinnings (pairs) and recommendations (pairs with a weight in 0–1); a twinning
    wins over a recommendation of the same pair, the strongest recommendation over weaker ones."""
    best: dict[tuple[int, int], Link] = {}
    for a, b, weight in recommendations:
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        w = max(0.0, min(1.0, float(weight)))
        if key not in best or best[key].weight < w:
            best[key] = Link(key[0], key[1], RECOMMENDED, w)
    for a, b in twinnings:
        if a != b:
            key = (min(a, b), max(a, b))
            best[key] = Link(key[0], key[1], TWINNED, TWINNING_WEIGHT)
    return list(best.values())


def _adjacency(links: Iterable[Link]) -> dict[int, dict[int, Link]]:
    adjacent: dict[int, dict[int, Link]] = {}
    for link in links:
        adjacent.setdefault(link.a, {})[link.b] = link
        adjacent.setdefault(link.b, {})[link.a] = link
    return adjacent


@dataclass(frozen=True)
class _Group:
    members: tuple[int, ...]
    countries: frozenset[str]
    best: tuple[float, ...]  # each member's strongest link inside the group
    total: float  # the weight of every link inside the group
    score: float

    @property
    def key(self) -> frozenset[int]:
        return frozenset(self.members)

    @classmethod
    def of(cls, members: tuple[int, ...], countries: frozenset[str], best: tuple[float, ...], total: float) -> _Group:
        strongest = sum(best[1:])
        score = (strongest + EXTRA_LINKS * (total - strongest)) / max(1, len(members) - 1)
        return cls(members, countries, best, total, score)

    def join(self, place: int, country: str, links: Mapping[int, Link]) -> _Group:
        """The group with `place`, whose links are `links`: each member's strongest link updated."""
        weights = [links[m].weight if m in links else 0.0 for m in self.members]
        best = (*(max(b, w) for b, w in zip(self.best, weights, strict=True)), max(weights))
        return _Group.of((*self.members, place), self.countries | {country}, best, self.total + sum(weights))


def _grow(
    group: _Group, adjacent: Mapping[int, Mapping[int, Link]], countries: Mapping[int, str], rules: ConsortiumRules
) -> Iterable[_Group]:
    inside = set(group.members)
    per_country: dict[str, int] = {}
    for m in group.members:
        per_country[countries[m]] = per_country.get(countries[m], 0) + 1
    candidates = {c for m in group.members for c in adjacent.get(m, {}) if c not in inside and c in countries}
    for c in sorted(candidates):
        if per_country.get(countries[c], 0) < rules.max_per_country:
            yield group.join(c, countries[c], adjacent[c])


def _beam_value(group: _Group) -> float:
    return group.score * (len(group.members) - 1) + COUNTRY_BONUS * len(group.countries)


def _result(group: _Group, adjacent: Mapping[int, Mapping[int, Link]]) -> Consortium:
    inside = set(group.members)
    links = {link for m in group.members for other, link in adjacent.get(m, {}).items() if other in inside}
    ordered = sorted(links, key=lambda link: (link.kind != TWINNED, -link.weight, link.a, link.b))
    return Consortium(group.members, tuple(sorted(group.countries)), round(group.score, 4), tuple(ordered))


def _distinct(chosen: list[Consortium], candidate: Consortium) -> bool:
    """Differs from every chosen group by more than one member swapped, added or removed."""
    return all(len(set(c.members) ^ set(candidate.members)) > 2 for c in chosen)


def find_consortia(
    query: int, countries: Mapping[int, str], links: Iterable[Link], rules: ConsortiumRules | None = None
) -> list[Consortium]:
    """The best distinct groups around `query`; `countries` maps every usable place to its country
    (places missing from it are left out)."""
    rules = rules or ConsortiumRules()
    rules.check()
    if query not in countries:
        return []
    adjacent = _adjacency(links)
    beam = [_Group.of((query,), frozenset({countries[query]}), (0.0,), 0.0)]
    finished: dict[frozenset[int], _Group] = {}
    for size in range(2, rules.max_size + 1):
        grown: dict[frozenset[int], _Group] = {}
        for group in beam:
            for bigger in _grow(group, adjacent, countries, rules):
                if bigger.key not in grown:
                    grown[bigger.key] = bigger
        if not grown:
            break
        beam = sorted(grown.values(), key=lambda g: (-_beam_value(g), sorted(g.members)))[: rules.beam]
        for group in beam:
            if size >= rules.min_size and len(group.countries) >= rules.min_countries:
                finished[group.key] = group
    results = [_result(g, adjacent) for g in finished.values()]
    results.sort(key=lambda c: (-c.score, -len(c.countries), -len(c.members), sorted(c.members)))
    chosen: list[Consortium] = []
    for consortium in results:
        if len(chosen) >= rules.limit:
            break
        if _distinct(chosen, consortium):
            chosen.append(consortium)
    return chosen
