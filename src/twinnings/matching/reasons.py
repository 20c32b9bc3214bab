"""Why a candidate is recommended: the facts behind the features that raised its score.

Each reason has a `code`, the `params` its sentence needs and its `contribution` to the score
(log-odds). `text` is the English sentence; the web layer words the same codes in the UI
language from the same params.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from twinnings.matching.features import N_DEGREE, SLICES, sparse_value
from twinnings.matching.network import km_from_cosine

if TYPE_CHECKING:
    from twinnings.matching.features import QueryContext

TEMPLATES: dict[str, str] = {
    "common_twins": "{count} of your twins are twinned with {candidate}",
    "common_twin": "your twin {via} is twinned with {candidate}",
    "twins_network": "close to your twins in the twinning network",
    "candidate_twins_in_country": "{candidate} has {count} twins in {country}",
    "candidate_twins_in_region": "{candidate} is twinned with {count} places in {region}",
    "your_twins_in_country": "{count} of your twins are in {country}",
    "your_twins_in_region": "{count} of your twins are in {region}",
    "most_common_pair": "{country_a}–{country_b} is the most common twinning pair of {country_a}",
    "country_pair": "{count} twinnings link {country_a} and {country_b}",
    "domestic_pair": "{count} twinnings within {country_a}",
    "region_country": "places in {region} have {count} twinnings with {country}",
    "region_pair": "places in {region_a} and {region_b} have {count} twinnings together",
    "candidate_twin_near_you": "{candidate} is twinned with {twin}, {km} km from you",
    "near_your_twin": "{km} km from your twin {twin}",
    "shared_language": "shared language: {languages}",
    "similar_population": "both ~{population} inhabitants",
    "same_name": "same name",
    "active_twinner": "already twinned with {count} places",
    "distance": "{km} km away",
}


@dataclass
class Reason:
    code: str
    contribution: float
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        values = {k: (f"{v:,}" if isinstance(v, int) else v) for k, v in self.params.items()}
        return TEMPLATES[self.code].format(**values)


def round_population(value: float) -> int:
    """20,000 rather than 19,437: two significant digits."""
    if value <= 0:
        return 0
    digits = int(np.floor(np.log10(value))) - 1
    return int(round(value, -digits)) if digits > 0 else int(round(value))


def _bin_lift(weights: NDArray[np.float64], row: NDArray[np.float64], block: str) -> float:
    """A one-hot block's weight for this pair, against the block's average weight."""
    w = weights[SLICES[block]][:-1]  # the last bin (unknown) is no reference
    x = row[SLICES[block]][:-1]
    return float(w @ x - w.mean()) if x.any() else 0.0


def explain(
    ctx: QueryContext, c: int, row: NDArray[np.float64], weights: NDArray[np.float64], km: float | None
) -> list[Reason]:
    """Reasons for candidate `c`, strongest first; the distance always comes last when known."""
    s, p = ctx.stats, ctx.stats.places
    q, cq, cc = ctx.q, ctx.country_q, int(p.country[c])
    contribution = row * weights
    block = {name: float(contribution[sl].sum()) for name, sl in SLICES.items()}
    name_c = p.names[c]
    country = p.country_names
    reasons: list[Reason] = []

    def add(code: str, value: float, **params: Any) -> None:
        if value > 0:
            reasons.append(Reason(code, round(value, 3), params))

    if ctx.hood is not None:
        at = np.searchsorted(ctx.hood.nodes2, c)
        if at < len(ctx.hood.nodes2) and ctx.hood.nodes2[at] == c:
            count = int(ctx.hood.common[at])
            via = p.names[int(ctx.hood.via[at])]
            graph = block["graph2"] + block["graph3"]
            if count > 1:
                add("common_twins", graph, count=count, candidate=name_c, via=via)
            else:
                add("common_twin", graph, count=1, candidate=name_c, via=via)
        else:
            add("twins_network", block["graph3"])
    own = s.active_position[c]
    if own >= 0:
        in_country = int(round(np.expm1(row[SLICES["own"]][1])))
        in_region = int(round(np.expm1(row[SLICES["own"]][2])))
        w_own = contribution[SLICES["own"]]
        if in_country:
            add("candidate_twins_in_country", float(w_own[0] + w_own[1]), candidate=name_c, count=in_country,
                country=country[cq], country_code=p.countries[cq])  # fmt: skip
        if in_region and ctx.region_q < s.n_regions:
            add("candidate_twins_in_region", float(w_own[2]), candidate=name_c, count=in_region,
                region=p.region_names[ctx.region_q])  # fmt: skip
    w_country = contribution[SLICES["country"]]
    pair = int(s.country_pair[cq, cc])
    if pair:
        params = {"count": pair, "country_a": country[cq], "country_b": country[cc]}
        params |= {"country_a_code": p.countries[cq], "country_b_code": p.countries[cc]}
        # log-probabilities are negative: compare with the average place of the gazetteer
        reference = ctx.country_pair_reference(weights)
        value = float(w_country[0] + w_country[1] + w_country[4]) - reference
        if cq == cc:
            add("domestic_pair", value, **params)
        elif pair == int(s.country_pair[cq].max()):
            add("most_common_pair", value, **params)
        else:
            add("country_pair", value, **params)
    yours = int(ctx.own_country_counts[cc])
    if yours:
        add("your_twins_in_country", float(w_country[3]), count=yours, country=country[cc],
            country_code=p.countries[cc])  # fmt: skip
    rc = int(s.region[c])
    w_region = contribution[SLICES["region"]]
    if rc < s.n_regions:
        region_count = int(s.region_country[rc, cq])
        if region_count and cq != cc:
            add("region_country", float(w_region[0] + w_region[3]), region=p.region_names[rc], count=region_count,
                country=country[cq], country_code=p.countries[cq])  # fmt: skip
        if ctx.region_q < s.n_regions:
            together = int(sparse_value(s.region_pair, ctx.region_q, rc))
            if together:
                add("region_pair", float(w_region[1]), region_a=p.region_names[ctx.region_q],
                    region_b=p.region_names[rc], count=together)  # fmt: skip
        mine = int(sparse_value(s.place_region, q, rc))
        if mine:
            add("your_twins_in_region", float(w_region[2]), count=mine, region=p.region_names[rc])
    _proximity_reasons(ctx, c, contribution, add)
    shared = sorted(set(p.country_languages[cq]) & set(p.country_languages[cc]))
    if shared and cq != cc:
        add("shared_language", float(w_country[5]), languages=", ".join(shared), language_codes=shared)
    if p.population[q] > 0 and p.population[c] > 0:
        ratio = abs(np.log10(p.population[c] / p.population[q]))
        if ratio <= 0.3:
            mean = float(np.sqrt(float(p.population[c]) * float(p.population[q])))
            add("similar_population", max(_bin_lift(weights, row, "gap"), 1e-3), population=round_population(mean))
    if p.name_keys[c] == p.name_keys[q]:
        add("same_name", max(block["name"], 1e-3))
    degree = int(s.graph.degree[c])
    if degree >= 5:
        w_degree = weights[SLICES["static"]][:N_DEGREE]
        x_degree = row[SLICES["static"]][:N_DEGREE]
        add("active_twinner", float(w_degree @ x_degree - w_degree[0]), count=degree)
    reasons.sort(key=lambda r: -r.contribution)
    if km is not None:
        reasons.append(Reason("distance", round(_bin_lift(weights, row, "distance"), 3), {"km": int(round(km))}))
    return reasons


def _proximity_reasons(ctx: QueryContext, c: int, contribution: NDArray[np.float64], add: Any) -> None:
    """The candidate's twin nearest to the query, and the query's twin nearest to the candidate."""
    s, p = ctx.stats, ctx.stats.places
    w = contribution[SLICES["proximity"]]
    k = len(w) // 2
    if w[:k].any():
        twins = s.graph.neighbours(c).astype(np.int64)
        twins = twins[(twins != ctx.q) & s.located[twins]]
        if len(twins):
            cosine = s.cosines(twins, np.array([ctx.q]))[:, 0]
            t = int(twins[np.argmax(cosine)])
            km = int(round(float(km_from_cosine(cosine.max()))))
            add("candidate_twin_near_you", float(w[:k].sum()), candidate=p.names[c], twin=p.names[t], km=km)
    if w[k:].any() and len(ctx.twins_near):
        cosine = s.cosines(np.array([c]), ctx.twins_near)[0]
        t = int(ctx.twins_near[np.argmax(cosine)])
        km = int(round(float(km_from_cosine(cosine.max()))))
        add("near_your_twin", float(w[k:].sum()), twin=p.names[t], km=km)
