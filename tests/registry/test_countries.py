from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from twinnings.registry.countries import country_code
from twinnings.registry.sources import SOURCES, available

DATA_DIR_SOURCES = ("wikipedia-2026", "wikidata-2017", "wikidata-2016", "wikipedia-2012")
# Country strings that name no present-day country, or no country at all.
HISTORICAL_STATES = {"Austria-Hungary", "Austrian Empire", "Prussia"}
WIKIDATA_SKOLEM_ID = re.compile(r"^t\d+$")  # Wikidata "unknown value", e.g. t430222130
# wikipedia-2012: a desert given as the country of the article "Sahara", and a town (Bura, Kenya) as its own country
NOT_A_COUNTRY = {"Sahara", "Bura"}


def is_known_impossible(text: str) -> bool:
    return (
        not text.strip() or text in HISTORICAL_STATES or text in NOT_A_COUNTRY or bool(WIKIDATA_SKOLEM_ID.match(text))
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("France", "FR"),
        ("England", "GB"),
        ("England, United Kingdom", "GB"),
        ("Northern Ireland, United Kingdom", "GB"),
        ("USA", "US"),
        ("New York, United States", "US"),
        ("Brandenburg, Germany", "DE"),
        ("in Italy", "IT"),
        ("Georgia (country)", "GE"),
        ("The Netherlands", "NL"),
        ("Kingdom of the Netherlands", "NL"),
        ("Grece", "GR"),
        ("Japa", "JP"),
        ("Kazakhstah", "KZ"),
        ("Madagaskar", "MG"),
        ("Island", "IS"),
        ("Kosovo", "XK"),
        ("Palestinian territories", "PS"),
        ("Gaza Strip", "PS"),
        ("Côte dIvoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Sao Tomé and Príncipe", "ST"),
        ("People's Republic of China", "CN"),
        ("Taiwan", "TW"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("Abu Dhabi - United Arab Emirates", "AE"),
    ],
)
def test_country_strings_of_the_sources_map_to_iso_codes(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Réunion, France", "RE"),
        ("Guadeloupe, France", "GP"),
        ("French Guiana, France", "GF"),
        ("Åland Islands, Finland", "AX"),
        ("Curaçao", "CW"),
        ("Faroe Islands", "FO"),
    ],
)
def test_overseas_territories_keep_their_own_code(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Austria-Hungary", "Austrian Empire", "t430222130", "Atlantis"])
def test_strings_naming_no_present_day_country_are_unknown(text: str) -> None:
    assert country_code(text) is None


@pytest.mark.parametrize("text", ["Prussia", "Bura"])
def test_near_misses_of_a_country_name_are_not_taken_for_it(text: str) -> None:
    """'Prussia' is not Russia and 'Bura' (a town in Kenya) is not Burma: close spelling is not a match."""
    assert country_code(text) is None


def _country_strings(data_dir: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name in DATA_DIR_SOURCES:
        spec = SOURCES[name]
        assert available(data_dir, spec), name
        for row in spec.reader(data_dir):
            for end in (row.a, row.b):
                if end is not None and end.country is not None:
                    counts[end.country] += 1
    return counts


def test_every_country_string_of_the_sources_resolves_except_the_impossible_ones(data_dir: Path) -> None:
    strings = _country_strings(data_dir)
    assert len(strings) > 200
    unresolved = {text: n for text, n in strings.items() if country_code(text) is None}
    assert {text for text in unresolved if not is_known_impossible(text)} == set()
