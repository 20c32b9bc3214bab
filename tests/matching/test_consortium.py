"""The consortium finder: connected groups of 4–6 places in at least 4 countries around a place."""

from __future__ import annotations

import pytest

from twinnings.matching.consortium import (
    RECOMMENDED,
    TWINNED,
    ConsortiumRules,
    Link,
    build_links,
    find_consortia,
)

# Lublin (PL) is twinned with Lviv (UA), Munich (DE) and Nancy (FR); Munich with Verona (IT);
# Nancy with Liège (BE). The finder recommends Ghent (BE) for Lublin, weakly.
COUNTRIES = {1: "PL", 2: "UA", 3: "DE", 4: "FR", 5: "IT", 6: "BE", 7: "BE", 8: "PL"}
TWINNINGS = [(1, 2), (1, 3), (1, 4), (3, 5), (4, 6)]


def test_build_links_prefers_twinnings_and_the_strongest_recommendation() -> None:
    links = build_links([(2, 1)], [(1, 2, 0.4), (1, 7, 0.2), (7, 1, 0.6), (3, 3, 1.0), (1, 6, 7.0)])
    by_pair = {(link.a, link.b): link for link in links}
    assert by_pair[(1, 2)] == Link(1, 2, TWINNED, 1.0)
    assert by_pair[(1, 7)] == Link(1, 7, RECOMMENDED, 0.6)
    assert by_pair[(1, 6)].weight == 1.0  # clipped
    assert (3, 3) not in by_pair


def test_groups_contain_the_place_span_four_countries_and_are_connected() -> None:
    links = build_links(TWINNINGS, [(1, 7, 0.5)])
    found = find_consortia(1, COUNTRIES, links)
    assert found
    for group in found:
        assert group.members[0] == 1
        assert 4 <= len(group.members) <= 6
        assert len({COUNTRIES[m] for m in group.members}) >= 4
        assert group.countries == tuple(sorted({COUNTRIES[m] for m in group.members}))
        reached = {1}
        for _ in group.members:  # every member reachable from the query through the group's links
            reached |= {x for link in group.links for x in (link.a, link.b) if {link.a, link.b} & reached}
        assert reached == set(group.members)


def test_twinnings_rank_before_recommendations_and_are_listed_first() -> None:
    links = build_links(TWINNINGS, [(1, 7, 0.5)])
    best = find_consortia(1, COUNTRIES, links)[0]
    assert best.score == 1.0  # a tree of twinnings
    assert all(link.kind == TWINNED for link in best.links)
    with_recommendation = [g for g in find_consortia(1, COUNTRIES, links) if 7 in g.members]
    assert with_recommendation and with_recommendation[0].score < 1.0
    kinds = [link.kind for link in with_recommendation[0].links]
    assert kinds == sorted(kinds, key=lambda k: k != TWINNED) and RECOMMENDED in kinds


def test_too_few_countries_give_no_group() -> None:
    links = build_links([(1, 2), (1, 3), (2, 3), (3, 8)], [])
    assert find_consortia(1, {1: "PL", 2: "UA", 3: "DE", 8: "PL"}, links) == []


def test_at_most_two_places_from_one_country() -> None:
    countries = {1: "PL", 2: "DE", 3: "DE", 4: "DE", 5: "FR", 6: "IT"}
    links = build_links([(1, 2), (1, 3), (1, 4), (1, 5), (1, 6)], [])
    for group in find_consortia(1, countries, links, ConsortiumRules(max_size=6)):
        assert sum(countries[m] == "DE" for m in group.members) <= 2


def test_results_differ_by_more_than_one_member() -> None:
    countries = {i: c for i, c in enumerate(["PL", "DE", "FR", "IT", "BE", "NL", "CZ", "AT"], start=1)}
    links = build_links([(1, i) for i in range(2, 9)], [])
    found = find_consortia(1, countries, links, ConsortiumRules(limit=10))
    assert len(found) >= 2
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            assert len(set(a.members) ^ set(b.members)) > 2


def test_an_unknown_or_isolated_place_gets_nothing() -> None:
    assert find_consortia(99, COUNTRIES, build_links(TWINNINGS, [])) == []
    assert find_consortia(8, COUNTRIES, build_links(TWINNINGS, [])) == []


@pytest.mark.parametrize("rules", [ConsortiumRules(min_size=5, max_size=4), ConsortiumRules(min_countries=7)])
def test_impossible_rules_are_refused(rules: ConsortiumRules) -> None:
    with pytest.raises(ValueError):
        find_consortia(1, COUNTRIES, [], rules)
