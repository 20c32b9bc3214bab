"""Read use cases of the registry: a place's twins, twins of twins, headline figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from twinnings.places.models import Country, Place
from twinnings.registry.models import Attestation, Source, Twinning


@dataclass(frozen=True)
class TwinRow:
    """A twinning seen from one of its places."""

    twinning: Twinning
    place: Place
    partner: Place

    @property
    def sources(self) -> list[str]:
        return sorted({a.source.name for a in self.twinning.attestations.all()})

    @property
    def shared_languages(self) -> list[str]:
        ours = set(self.place.country.language_list)
        return [code for code in self.partner.country.language_list if code in ours]


def twinning_queryset() -> QuerySet[Twinning]:
    """Twinnings with both places, their countries and regions, and sources: no N+1 on lists."""
    return Twinning.objects.select_related(
        "place_a__country", "place_b__country", "place_a__region", "place_b__region"
    ).prefetch_related(
        Prefetch("attestations", queryset=Attestation.objects.select_related("source").only(
            "id", "twinning_id", "source__name", "source__title", "coordinates_flagged"
        ))
    )


def oriented(twinnings: QuerySet[Twinning] | list[Twinning], place_id: int | None = None,
             country: str | None = None) -> list[TwinRow]:
    """Rows with the given place (or a place of the given country) first."""
    rows = []
    for t in twinnings:
        flip = (place_id is not None and t.place_b_id == place_id) or (
            place_id is None and country is not None and t.place_a.country_id != country
            and t.place_b.country_id == country
        )
        rows.append(TwinRow(t, t.place_b, t.place_a) if flip else TwinRow(t, t.place_a, t.place_b))
    return rows


def twins_of(place: Place) -> list[TwinRow]:
    qs = twinning_queryset().filter(Q(place_a=place) | Q(place_b=place))
    rows = oriented(qs, place_id=place.pk)
    return sorted(rows, key=lambda r: (r.partner.country.name, r.partner.name))


def twins_of_twins(place: Place, limit: int = 20) -> list[tuple[Place, int]]:
    """Places twinned with this place's twins (not already its twins), by number of shared twins."""
    twin_ids = set()
    for a, b in Twinning.objects.filter(Q(place_a=place) | Q(place_b=place)).values_list("place_a_id", "place_b_id"):
        twin_ids.add(b if a == place.pk else a)
    counts: Counter[int] = Counter()
    second = Twinning.objects.filter(Q(place_a_id__in=twin_ids) | Q(place_b_id__in=twin_ids))
    for a, b in second.values_list("place_a_id", "place_b_id"):
        for this, other in ((a, b), (b, a)):
            if this in twin_ids and other != place.pk and other not in twin_ids:
                counts[other] += 1
    top = counts.most_common(limit)
    places = Place.objects.select_related("country").in_bulk([pid for pid, _ in top])
    return [(places[pid], n) for pid, n in top if pid in places]


@dataclass(frozen=True)
class Stats:
    places: int
    twinnings: int
    countries: int
    twinned_places: int
    sources: list[Source]


def stats() -> Stats:
    twinned = Place.objects.filter(twin_count__gt=0)
    return Stats(
        places=Place.objects.count(),
        twinnings=Twinning.objects.count(),
        countries=Country.objects.filter(places__twin_count__gt=0).distinct().count(),
        twinned_places=twinned.count(),
        sources=list(Source.objects.all()),
    )
