"""Official languages of two countries: shared ones, and those that need interpretation."""

from __future__ import annotations

from twinnings.challenges.languages import compare_languages, language_name, official_languages


def codes(languages: tuple) -> list[str]:  # type: ignore[type-arg]
    return [language.code for language in languages]


def test_cologne_and_lyon_share_no_official_language() -> None:
    result = compare_languages(official_languages("DE"), official_languages("FR"))

    assert codes(result.a) == ["de"]
    assert codes(result.b) == ["fr"]
    assert result.shared == ()
    assert result.needs_interpretation
    assert codes(result.only_a) == ["de"] and codes(result.only_b) == ["fr"]


def test_switzerland_and_germany_share_german_and_keep_the_others_apart() -> None:
    result = compare_languages(official_languages("CH"), official_languages("DE"))

    assert codes(result.shared) == ["de"]
    assert not result.needs_interpretation
    assert {"fr", "it"} <= set(codes(result.only_a))
    assert codes(result.only_b) == []


def test_stored_languages_come_first_and_cldr_fills_in_when_none_are_stored() -> None:
    assert official_languages("BE", ["nl", "fr-BE", "de", "fr"]) == ("nl", "fr", "de")
    assert official_languages("US") == ("en",)
    assert official_languages("") == ()


def test_languages_are_named_in_the_ui_language() -> None:
    result = compare_languages(["de"], ["fr"], "fr")

    assert [language.name for language in result.a] == ["allemand"]
    assert [language.name for language in result.b] == ["français"]
    assert language_name("pl", "de") == "Polnisch"
    assert language_name("pl", "xx-nonsense") == "Polish"  # unknown UI language: English


def test_unknown_official_languages_are_not_a_language_barrier() -> None:
    result = compare_languages([], ["fr"])

    assert not result.known
    assert not result.needs_interpretation
