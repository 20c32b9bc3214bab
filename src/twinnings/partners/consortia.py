"""Consortia around a place for a networks-of-towns application: its twins, their twins and the
partner finder's strongest recommendations form the pool; matching/consortium.py picks the groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from twinnings.matching.consortium import Consortium, ConsortiumRules, build_links, find_consortia
from twinnings.matching.ranker import Filters
from twinnings.partners import services
from twinnings.places.models import Place
from twinnings.registry.models import Twinning

RECOMMENDED_FOR_PLACE = 20
RECOMMENDED_PER_TWIN = 5
TWINS_ASKED = 8  # the best-connected twins get their own recommendations
MAX_SECOND_DEGREE = 150  # twins of twins kept, those linked to most of the place's twins first


def recommendation_weight(rank: int) -> float:
    """0.8 for the first recommendation, halving by the sixth: a recommendation never weighs as much
    as a twinning (1.0)."""
    return 0.8 / (1 + rank / 5)


def _pairs(ids: Iterable[int]) -> list[tuple[int, int]]:
    ids = list(ids)
    return list(
        Twinning.objects.filter(Q(place_a__in=ids) | Q(place_b__in=ids)).values_list("place_a_id", "place_b_id")
    )


def _kinds(place: Place) -> list[str]:
    """Regions consort with regions, towns with towns."""
    return [Place.Kind.REGION] if place.kind == Place.Kind.REGION else [Place.Kind.CITY, Place.Kind.AREA]


def _recommended(place: Place, limit: int, kinds: list[str]) -> list[tuple[int, int, float]]:
    found = services.recommend(place, Filters(kinds=kinds), limit)
    return [(place.pk, r.place.pk, recommendation_weight(rank)) for rank, r in enumerate(found)]


def pool(place: Place) -> tuple[list[tuple[int, int]], list[tuple[int, int, float]], dict[int, str]]:
    """(twinnings, recommendations, countries) among the place, its twins, their best-linked twins and
    the recommended partners."""
    own = _pairs([place.pk])
    twins = {b if a == place.pk else a for a, b in own}
    around = Counter(x for a, b in _pairs(twins) for x in (a, b) if x != place.pk and x not in twins)
    second = {pid for pid, _n in around.most_common(MAX_SECOND_DEGREE)}
    kinds = _kinds(place)
    recommended = _recommended(place, RECOMMENDED_FOR_PLACE, kinds)
    asked = Place.objects.select_related("country").filter(pk__in=twins).order_by("-twin_count", "pk")
    for twin in asked[:TWINS_ASKED]:
        recommended += _recommended(twin, RECOMMENDED_PER_TWIN, kinds)
    members = {place.pk} | twins | second | {b for _a, b, _w in recommended}
    twinnings = [(a, b) for a, b in _pairs(members) if a in members and b in members]
    countries = dict(Place.objects.filter(pk__in=members).values_list("pk", "country_id"))
    return twinnings, recommended, countries


def suggest(place: Place, rules: ConsortiumRules | None = None) -> list[Consortium]:
    twinnings, recommended, countries = pool(place)
    return find_consortia(place.pk, countries, build_links(twinnings, recommended), rules)


def consortium_data(groups: list[Consortium]) -> list[dict[str, Any]]:
    """Groups with their places named (one query for every member)."""
    ids = {m for g in groups for m in g.members}
    places = Place.objects.select_related("country").in_bulk(ids)
    out = []
    for g in groups:
        out.append(
            {
                "members": [
                    {
                        "id": m,
                        "name": places[m].name,
                        "country": places[m].country_id,
                        "country_name": places[m].country.name,
                        "population": places[m].population or None,
                    }
                    for m in g.members
                ],
                "countries": list(g.countries),
                "score": g.score,
                "links": [
                    {
                        "a": link.a,
                        "b": link.b,
                        "a_name": places[link.a].name,
                        "b_name": places[link.b].name,
                        "kind": link.kind,
                        "weight": round(link.weight, 3),
                    }
                    for link in g.links
                ],
            }
        )
    return out
