"""The matching rule of partner-search notices: a place fits a notice, two notices answer each other."""

from __future__ import annotations

from dataclasses import replace

from twinnings.matching.notices import NoticeFacts, PlaceFacts, Seeking, mutual_match, mutual_matches, place_fits

LUBLIN = PlaceFacts(1, "Lublin", "PL", region=10, population=340_000, languages=("pl",))
ANGERS = PlaceFacts(2, "Angers", "FR", region=20, population=155_000, languages=("fr",))
TOURS = PlaceFacts(3, "Tours", "FR", region=21, population=135_000, languages=("fr",))
GRAZ = PlaceFacts(4, "Graz", "AT", region=30, population=290_000, languages=("de",))
NOWHERE = PlaceFacts(5, "Nowhere", "FR", population=0, languages=("fr",))

# Lublin seeks a French town of 50k–500k for youth exchanges; Angers seeks a Polish partner.
LUBLIN_SEEKS = NoticeFacts(
    100,
    LUBLIN,
    frozenset({"education", "culture"}),
    Seeking(countries=frozenset({"FR"}), min_population=50_000, max_population=500_000),
)
ANGERS_SEEKS = NoticeFacts(200, ANGERS, frozenset({"education", "sport"}), Seeking(countries=frozenset({"PL"})))


def test_an_empty_notice_accepts_any_place() -> None:
    assert place_fits(Seeking(), NOWHERE)
    assert place_fits(Seeking(), GRAZ)


def test_a_place_fits_by_country_or_by_region() -> None:
    seeking = Seeking(countries=frozenset({"PL"}), regions=frozenset({30}))
    assert place_fits(seeking, LUBLIN)
    assert place_fits(seeking, GRAZ)  # Austria is not sought, Graz's region is
    assert not place_fits(seeking, ANGERS)


def test_the_size_range_includes_its_bounds_and_excludes_unknown_populations() -> None:
    assert place_fits(Seeking(min_population=155_000, max_population=155_000), ANGERS)
    assert not place_fits(Seeking(min_population=155_001), ANGERS)
    assert not place_fits(Seeking(max_population=154_999), ANGERS)
    assert place_fits(Seeking(max_population=200_000), ANGERS)
    assert not place_fits(Seeking(max_population=200_000), NOWHERE)


def test_a_sought_language_must_be_an_official_language_of_the_place() -> None:
    assert place_fits(Seeking(languages=frozenset({"fr", "de"})), GRAZ)
    assert not place_fits(Seeking(languages=frozenset({"fr", "pl"})), GRAZ)


def test_lublin_and_angers_answer_each_other() -> None:
    match = mutual_match(LUBLIN_SEEKS, ANGERS_SEEKS)
    assert match is not None
    assert match.notice == 200 and match.shared_areas == ("education",)
    codes = [(r.code, r.params.get("side")) for r in match.reasons]
    assert codes == [
        ("shared_areas", None),
        ("in_sought_place", "yours"),
        ("size_fits", "yours"),
        ("in_sought_place", "theirs"),
    ]
    assert match.score == 1 + 0.25 * 2
    reverse = mutual_match(ANGERS_SEEKS, LUBLIN_SEEKS)
    assert reverse is not None and reverse.notice == 100 and reverse.score == match.score


def test_no_match_without_a_shared_area() -> None:
    assert mutual_match(LUBLIN_SEEKS, replace(ANGERS_SEEKS, areas=frozenset({"sport"}))) is None


def test_no_match_when_only_one_side_fits() -> None:
    seeks_germans = replace(ANGERS_SEEKS, seeking=Seeking(countries=frozenset({"DE"})))
    assert mutual_match(LUBLIN_SEEKS, seeks_germans) is None  # Lublin is not German
    too_big = replace(ANGERS_SEEKS, place=replace(ANGERS, population=600_000))
    assert mutual_match(LUBLIN_SEEKS, too_big) is None  # Angers would be too big for Lublin


def test_a_place_never_matches_itself() -> None:
    assert mutual_match(LUBLIN_SEEKS, replace(LUBLIN_SEEKS, id=101)) is None


def test_matches_are_ranked_by_shared_areas_then_language_then_precision() -> None:
    two_areas = NoticeFacts(300, TOURS, frozenset({"education", "culture"}))
    austrian = NoticeFacts(400, GRAZ, frozenset({"education"}))
    open_polish = NoticeFacts(500, replace(ANGERS, id=6), frozenset({"education"}))
    found = mutual_matches(LUBLIN_SEEKS, [austrian, ANGERS_SEEKS, two_areas, open_polish, LUBLIN_SEEKS])
    # Graz is not in France: left out. Tours shares two areas; Angers stated a country Lublin is in.
    assert [m.notice for m in found] == [300, 200, 500]
    assert [m.score for m in found] == [2.25, 1.5, 1.25]
    assert mutual_matches(LUBLIN_SEEKS, [two_areas, ANGERS_SEEKS], limit=1)[0].notice == 300


def test_a_shared_official_language_is_a_reason() -> None:
    lyon = NoticeFacts(600, replace(TOURS, id=7, name="Lyon"), frozenset({"culture"}))
    tours = NoticeFacts(700, TOURS, frozenset({"culture"}))
    match = mutual_match(lyon, tours)
    assert match is not None
    assert match.reasons[-1].code == "shared_language" and match.reasons[-1].params == {"languages": ["fr"]}
    assert match.score == 1.5
