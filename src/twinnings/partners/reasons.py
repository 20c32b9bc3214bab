"""The recommender's reasons, and the reasons two notices match, worded in the UI language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, ngettext

from twinnings.agreements.choices import Area
from twinnings.core.templatetags.directory import language_name
from twinnings.matching.notices import MatchReason
from twinnings.matching.reasons import Reason


def _country(code: str, fallback: str) -> str:
    try:
        return str(Locale.parse((get_language() or "en").replace("-", "_")).territories.get(code, fallback))
    except (UnknownLocaleError, ValueError):
        return fallback


def country_name(code: str) -> str:
    """A country's name from its ISO code, in the UI language."""
    return _country(code, code)


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


SENTENCES: dict[str, Callable[[dict[str, Any]], str]] = {
    "common_twins": lambda p: gettext("%(count)s of your twins are twinned with %(candidate)s") % p,
    "common_twin": lambda p: gettext("Your twin %(via)s is twinned with %(candidate)s") % p,
    "twins_network": lambda p: gettext("Close to your twins in the twinning network"),
    "candidate_twins_in_country": lambda p: (
        ngettext(
            "%(candidate)s has %(count)s twin in %(country)s",
            "%(candidate)s has %(count)s twins in %(country)s",
            p["n"],
        )
        % p
    ),
    "candidate_twins_in_region": lambda p: (
        ngettext(
            "%(candidate)s is twinned with %(count)s place in %(region)s",
            "%(candidate)s is twinned with %(count)s places in %(region)s",
            p["n"],
        )
        % p
    ),
    "your_twins_in_country": lambda p: (
        ngettext("%(count)s of your twins is in %(country)s", "%(count)s of your twins are in %(country)s", p["n"]) % p
    ),
    "your_twins_in_region": lambda p: (
        ngettext("%(count)s of your twins is in %(region)s", "%(count)s of your twins are in %(region)s", p["n"]) % p
    ),
    "most_common_pair": lambda p: (
        gettext("%(country_a)s–%(country_b)s is the most common twinning pair of %(country_a)s") % p
    ),
    "country_pair": lambda p: (
        ngettext(
            "%(count)s twinning links %(country_a)s and %(country_b)s",
            "%(count)s twinnings link %(country_a)s and %(country_b)s",
            p["n"],
        )
        % p
    ),
    "domestic_pair": lambda p: (
        ngettext("%(count)s twinning within %(country_a)s", "%(count)s twinnings within %(country_a)s", p["n"]) % p
    ),
    "region_country": lambda p: (
        ngettext(
            "Places in %(region)s have %(count)s twinning with %(country)s",
            "Places in %(region)s have %(count)s twinnings with %(country)s",
            p["n"],
        )
        % p
    ),
    "region_pair": lambda p: (
        ngettext(
            "Places in %(region_a)s and %(region_b)s have %(count)s twinning together",
            "Places in %(region_a)s and %(region_b)s have %(count)s twinnings together",
            p["n"],
        )
        % p
    ),
    "candidate_twin_near_you": lambda p: gettext("%(candidate)s is twinned with %(twin)s, %(km)s km from you") % p,
    "near_your_twin": lambda p: gettext("%(km)s km from your twin %(twin)s") % p,
    "shared_language": lambda p: gettext("Shared language: %(languages)s") % p,
    "similar_population": lambda p: gettext("Both about %(population)s inhabitants") % p,
    "same_name": lambda p: gettext("Same name"),
    "active_twinner": lambda p: (
        ngettext("Already twinned with %(count)s place", "Already twinned with %(count)s places", p["n"]) % p
    ),
    "distance": lambda p: gettext("%(km)s km away") % p,
}


def localized_params(reason: Reason) -> dict[str, Any]:
    params = dict(reason.params)
    for key in ("country", "country_a", "country_b"):
        code = params.get(f"{key}_code")
        if code and key in params:
            params[key] = _country(code, params[key])
    if "language_codes" in params:
        params["languages"] = ", ".join(language_name(code) for code in params["language_codes"])
    for key in ("count", "population", "km"):
        if key in params:
            params["n"] = params["count"] if key == "count" else params.get("n", 0)
            params[key] = _n(int(params[key]))
    params.setdefault("n", 0)
    return params


def reason_text(reason: Reason) -> str:
    sentence = SENTENCES.get(reason.code)
    if sentence is None:
        return reason.text
    return sentence(localized_params(reason))


def _areas(codes: list[str]) -> str:
    labels = dict(Area.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def _languages(codes: list[str]) -> str:
    return ", ".join(language_name(code) for code in codes)


MATCH_SENTENCES: dict[str, Callable[[dict[str, Any]], str]] = {
    "shared_areas": lambda p: gettext("Both seek partners for %(areas)s") % {"areas": _areas(p["areas"])},
    "in_sought_place": lambda p: (
        gettext("%(place)s is in a region %(seeker)s seeks") % p
        if p["by_region"]
        else gettext("%(place)s is in %(country)s, where %(seeker)s seeks a partner")
        % {**p, "country": _country(p["country"], p["country"])}
    ),
    "size_fits": lambda p: (
        gettext("%(place)s (%(population)s inhabitants) has the size %(seeker)s seeks")
        % {**p, "population": _n(p["population"])}
    ),
    "speaks_sought_language": lambda p: (
        gettext("%(place)s speaks %(languages)s, as %(seeker)s wishes") % {**p, "languages": _languages(p["languages"])}
    ),
    "shared_language": lambda p: gettext("Shared language: %(languages)s") % {"languages": _languages(p["languages"])},
}


def match_text(reason: MatchReason) -> str:
    """A reason two notices match, worded in the UI language."""
    sentence = MATCH_SENTENCES.get(reason.code)
    return sentence(reason.params) if sentence else reason.code
