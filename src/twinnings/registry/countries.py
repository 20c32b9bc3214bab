"""Country strings of the sources -> ISO 3166-1 alpha-2 (pure, no Django).

Handles English, official and common names (pycountry, CLDR), constituent countries
("England, United Kingdom"), overseas departments ("Réunion, France"), qualifiers
("Georgia (country)", "in Italy") and the typos found in the sources ("Grece", "Japa").
"""

from __future__ import annotations

import difflib
from functools import cache

import pycountry
from babel import Locale

from twinnings.core.text import drop_qualifiers, name_key

ALIASES = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "uk": "GB",
    "britain": "GB",
    "united kingdom of great britain and northern ireland": "GB",
    "usa": "US",
    "us": "US",
    "united states of america": "US",
    "america": "US",
    "palestine": "PS",
    "state of palestine": "PS",
    "west bank": "PS",
    "gaza strip": "PS",
    "gaza": "PS",
    "palestinian territories": "PS",
    "palestinian authority": "PS",
    "kosovo": "XK",
    "republic of kosovo": "XK",
    "republic of ireland": "IE",
    "ireland": "IE",
    "czech republic": "CZ",
    "czechia": "CZ",
    "czechoslovakia": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "georgia": "GE",
    "georgia country": "GE",
    "northern cyprus": "CY",
    "turkish republic of northern cyprus": "CY",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "cote divoire": "CI",
    "congo": "CG",
    "republic of the congo": "CG",
    "congo brazzaville": "CG",
    "democratic republic of the congo": "CD",
    "dr congo": "CD",
    "congo kinshasa": "CD",
    "zaire": "CD",
    "moldavia": "MD",
    "transnistria": "MD",
    "east timor": "TL",
    "timor leste": "TL",
    "surinam": "SR",
    "madagaskar": "MG",
    "grece": "GR",
    "japa": "JP",
    "kazakhstah": "KZ",
    "island": "IS",
    "macedonia": "MK",
    "republic of macedonia": "MK",
    "north macedonia": "MK",
    "fyrom": "MK",
    "burma": "MM",
    "myanmar": "MM",
    "swaziland": "SZ",
    "eswatini": "SZ",
    "cape verde": "CV",
    "cabo verde": "CV",
    "vatican": "VA",
    "vatican city": "VA",
    "holy see": "VA",
    "south korea": "KR",
    "republic of korea": "KR",
    "korea": "KR",
    "korea south": "KR",
    "north korea": "KP",
    "korea north": "KP",
    "dprk": "KP",
    "russia": "RU",
    "russian federation": "RU",
    "soviet union": "RU",
    "ussr": "RU",
    "taiwan": "TW",
    "republic of china": "TW",
    "taiwan roc": "TW",
    "china": "CN",
    "people s republic of china": "CN",
    "prc": "CN",
    "laos": "LA",
    "vietnam": "VN",
    "viet nam": "VN",
    "syria": "SY",
    "iran": "IR",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "micronesia": "FM",
    "federated states of micronesia": "FM",
    "the gambia": "GM",
    "gambia": "GM",
    "the bahamas": "BS",
    "bahamas": "BS",
    "the netherlands": "NL",
    "holland": "NL",
    "abkhazia": "GE",
    "south ossetia": "GE",
    "crimea": "UA",
    "somaliland": "SO",
    "artsakh": "AZ",
    "nagorno karabakh": "AZ",
    "republic of artsakh": "AZ",
    "sahrawi arab democratic republic": "EH",
    "western sahara": "EH",
    "brunei": "BN",
    "hong kong": "HK",
    "macau": "MO",
    "macao": "MO",
    "sao tome and principe": "ST",
    "saint kitts and nevis": "KN",
    "st kitts and nevis": "KN",
    "saint lucia": "LC",
    "st lucia": "LC",
    "saint vincent and the grenadines": "VC",
    "trinidad and tobago": "TT",
    "antigua and barbuda": "AG",
    "bosnia and hercegovina": "BA",
    "bosnia": "BA",
    "serbia and montenegro": "RS",
    "yugoslavia": "RS",
    "palestinian national authority": "PS",
    "abu dis": "PS",
    "kingdom of hungary": "HU",
    "luhansk people s republic": "UA",
    "donetsk people s republic": "UA",
    "faroe islands": "FO",
    "greenland": "GL",
    "curacao": "CW",
    "aland": "AX",
    "aland islands": "AX",
}


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(name_key(value), country.alpha_2)
    for code, value in Locale.parse("en").territories.items():
        if len(code) == 2 and code.isalpha():
            names.setdefault(name_key(value), code)
    names.update(ALIASES)
    return names


def _lookup(text: str) -> str | None:
    key = name_key(text)
    if not key:
        return None
    if key.startswith("in "):
        key = key[3:]
    if key.startswith("the "):
        key = key[4:]
    code = _names().get(key)
    if code is None and len(key) == 2 and key.upper() in {c.alpha_2 for c in pycountry.countries}:
        code = key.upper()
    return code


@cache
def country_code(text: str) -> str | None:
    """ISO alpha-2 for a source's country string, or None when it names no country."""
    if not text or not text.strip():
        return None
    for candidate in (text, drop_qualifiers(text)):
        parts = [p.strip() for p in candidate.replace(" - ", ",").split(",") if p.strip()]
        # "Réunion, France" is Réunion; "Brandenburg, Germany" is Germany.
        for part in [candidate, *parts]:
            code = _lookup(part)
            if code:
                return code
    return _typo_of_a_country(name_key(drop_qualifiers(text)))


def _typo_of_a_country(key: str) -> str | None:
    """A misspelt country ("Kazakhstah"): a close match of the same initial and a length of
    six or more, so that "Prussia" is not Russia nor "Bura" Burma."""
    if len(key) < 6:
        return None
    close = [k for k in difflib.get_close_matches(key, list(_names()), n=3, cutoff=0.88) if k[:1] == key[:1]]
    return _names()[close[0]] if close else None
