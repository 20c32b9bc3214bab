"""Per-country figures derived from the two cached tables (pairs of countries, places per
country), checked against counting the twinnings one by one."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.factories import TinyGazetteer, make_place, make_twinning
from twinnings.places.models import Place
from twinnings.registry import services
from twinnings.registry.figures import (
    RegistryFigures,
    count_pairs,
    partner_counts,
    read_pairs,
    read_twinned,
    twinnings_per_country,
)
from twinnings.registry.models import Twinning


def test_pairs_are_counted_whichever_place_comes_first() -> None:
    pairs = count_pairs([("FR", "DE", 2), ("DE", "FR", 3), ("DE", "DE", 1), ("PL", "FR", 4)])
    assert pairs == {("DE", "FR"): 5, ("DE", "DE"): 1, ("FR", "PL"): 4}


def test_a_domestic_twinning_counts_once_for_its_country_and_as_its_own_partner() -> None:
    pairs = {("DE", "FR"): 5, ("DE", "DE"): 1, ("FR", "PL"): 4}
    assert twinnings_per_country(pairs) == Counter({"FR": 9, "DE": 6, "PL": 4})
    assert partner_counts(pairs, "DE") == Counter({"FR": 5, "DE": 1})
    figures = RegistryFigures(pairs, {"DE": 3, "PL": 2})
    assert (figures.twinnings, figures.twinnings_of("DE"), figures.domestic("DE"), figures.domestic("FR")) == (
        10,
        6,
        1,
        0,
    )
    assert (figures.twinned_places, figures.countries_with_twins) == (5, 2)
    assert (figures.twinned_in("PL"), figures.twinned_in("IT")) == (2, 0)


def brute_force(code: str) -> tuple[int, int, Counter[str]]:
    """Twinnings of a country, its domestic ones and its partners, one twinning at a time."""
    twinnings = domestic = 0
    partners: Counter[str] = Counter()
    for t in Twinning.objects.select_related("place_a", "place_b"):
        a, b = t.place_a.country_id, t.place_b.country_id
        if code in (a, b):
            twinnings += 1
            domestic += a == b
            partners[b if a == code else a] += 1
    return twinnings, domestic, partners


@pytest.mark.parametrize("code", ["DE", "FR", "PL", "GB", "IT", "JP"])
def test_figures_read_from_the_database_match_counting_twinning_by_twinning(
    tiny_registry: TinyGazetteer, code: str
) -> None:
    g = tiny_registry
    make_twinning(g["cologne"], g["dusseldorf"])  # domestic
    make_twinning(g["lyon"], make_place("Verona", "IT", latitude=45.44, longitude=10.99))
    figures = RegistryFigures(read_pairs(), read_twinned())

    twinnings, domestic, partners = brute_force(code)
    assert figures.twinnings_of(code) == twinnings
    assert figures.domestic(code) == domestic
    assert figures.partners(code) == partners
    assert figures.twinned_in(code) == Place.objects.filter(country_id=code, twin_count__gt=0).count()
    assert figures.twinnings == Twinning.objects.count()


def test_figures_follow_a_new_twinning_without_clearing_the_cache(tiny_registry: TinyGazetteer) -> None:
    before = services.country_figures("IT")
    make_twinning(tiny_registry["lyon"], make_place("Verona", "IT", latitude=45.44, longitude=10.99))
    after = services.country_figures("IT")
    assert (before.twinnings, after.twinnings) == (0, 1)
    assert [(c.code, n) for c, n in services.partner_countries("IT")] == [("FR", 1)]


def test_partner_countries_break_ties_by_code(tiny_registry: TinyGazetteer) -> None:
    # Germany: France 2, then Great Britain and Poland 1 each
    assert [(c.code, n) for c, n in services.partner_countries("DE")] == [("FR", 2), ("GB", 1), ("PL", 1)]


def test_pairs_do_not_depend_on_twin_count_being_up_to_date(
    tiny_registry: TinyGazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = read_pairs()
    Place.objects.update(twin_count=0)  # as after a bulk write that did not refresh it
    monkeypatch.setattr("twinnings.registry.figures.CHUNK", 2)  # places looked up a few at a time
    assert read_pairs() == expected == {("DE", "GB"): 1, ("DE", "FR"): 2, ("DE", "PL"): 1, ("FR", "PL"): 1}
