"""What fits a notice: places ranked by the partner finder within the notice's criteria, and the
other published notices that match it mutually (matching/notices.py decides)."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from twinnings.matching.notices import NoticeFacts, NoticeMatch, PlaceFacts, Seeking, mutual_matches, place_fits
from twinnings.matching.ranker import Filters
from twinnings.partners import services
from twinnings.partners.models import PartnerNotice
from twinnings.places.models import Place

MAX_ASKED = 500  # partners asked of the ranker when regions narrow its answer afterwards


def place_facts(place: Place) -> PlaceFacts:
    return PlaceFacts(
        id=place.pk,
        name=place.name,
        country=place.country_id,
        region=place.pk if place.kind == Place.Kind.REGION else place.region_id,
        population=place.population,
        languages=tuple(place.country.language_list),
    )


def seeking(notice: PartnerNotice) -> Seeking:
    return Seeking(
        countries=frozenset(notice.countries),
        regions=frozenset(notice.regions),
        languages=frozenset(notice.languages),
        min_population=notice.min_population,
        max_population=notice.max_population,
    )


def notice_facts(notice: PartnerNotice) -> NoticeFacts:
    return NoticeFacts(notice.pk, place_facts(notice.place), frozenset(notice.areas), seeking(notice))


def fitting_places(notice: PartnerNotice, limit: int = 10) -> list[services.Recommendation]:
    """The best new partners for the notice's place among those the notice seeks."""
    countries = set(notice.countries)
    if notice.regions:
        countries |= set(Place.objects.filter(pk__in=notice.regions).values_list("country_id", flat=True))
    filters = Filters(
        countries=sorted(countries),
        languages=list(notice.languages),
        min_population=notice.min_population,
        max_population=notice.max_population,
    )
    asked = min(MAX_ASKED, limit * 20) if notice.regions else limit
    wanted = seeking(notice)
    found = services.recommend(notice.place, filters, asked)
    return [r for r in found if place_fits(wanted, place_facts(r.place))][:limit]


def matching_notices(notice: PartnerNotice, limit: int = 10) -> list[tuple[PartnerNotice, NoticeMatch]]:
    """Published notices of other places that answer this one and that this one answers."""
    if not notice.areas:
        return []
    sharing = reduce(or_, (Q(areas__icontains=f'"{area}"') for area in notice.areas))
    others = {
        other.pk: other
        for other in PartnerNotice.objects.published()
        .filter(sharing)
        .exclude(place_id=notice.place_id)
        .select_related("place__country", "place__region")
    }
    matches = mutual_matches(notice_facts(notice), (notice_facts(o) for o in others.values()), limit)
    return [(others[m.notice], m) for m in matches]
