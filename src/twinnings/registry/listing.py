"""Pages of twinnings (the twinnings list, a country page, the API's list).

The ids of a filtered list of twinnings, in id order, are read once per registry version and
cached: the count and every page come from that list, and a page then reads only its own rows
by id. (Counting and paging a country's twinnings on each request cost a pass over the
registry.) The unfiltered list needs no such list: its count and pages come from the primary key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from twinnings.registry.filters import TwinningFilter
from twinnings.registry.models import Twinning
from twinnings.registry.services import TwinRow, cached_for_registry, oriented, source_names

PAGE_SIZE = 50


Ids = list[int] | QuerySet[Twinning, int]


def twinning_ids(twinning_filter: TwinningFilter) -> Ids:
    """Ids of the filter's twinnings in id order: a list cached until the registry changes, or
    for the whole registry a query on the primary key (counted and sliced in SQL)."""
    if not twinning_filter.as_query():
        return Twinning.objects.order_by("id").values_list("id", flat=True)
    key = f"twinning-ids:{urlencode(sorted(twinning_filter.as_query().items()))}"

    def read() -> list[int]:
        return list(twinning_filter.apply(Twinning.objects.all()).order_by("id").values_list("id", flat=True))

    return cached_for_registry(key, read)


def rows_by_id(ids: Sequence[int], place_id: int | None = None, country: str | None = None) -> list[TwinRow]:
    """The twinnings with these ids in id order, with both places (countries and regions) and
    their sources by name, oriented as `oriented()` does."""
    if not ids:
        return []
    related = ("place_a__country", "place_b__country", "place_a__region", "place_b__region")
    twinnings = list(Twinning.objects.select_related(*related).filter(id__in=list(ids)).order_by("id"))
    names = source_names([t.pk for t in twinnings])
    return [
        replace(row, source_names=names.get(row.twinning.pk, ()))
        for row in oriented(twinnings, place_id=place_id, country=country)
    ]


def twinning_page(
    twinning_filter: TwinningFilter, number: str | None, per_page: int = PAGE_SIZE
) -> tuple[Page[int], list[TwinRow]]:
    """Page `number` of the filter's twinnings (the last one when out of range, as `get_page`),
    each row with the filter's place, or else a place of its country, first."""
    page = Paginator(twinning_ids(twinning_filter), per_page).get_page(number)
    rows = rows_by_id(list(page.object_list), place_id=twinning_filter.place, country=twinning_filter.anchor_country())
    return page, rows


def twinning_slice(twinning_filter: TwinningFilter, offset: int, limit: int) -> tuple[int, list[TwinRow]]:
    """The count of the filter's twinnings and the rows from `offset`, each with a place of the
    filter's country first (the API)."""
    ids = twinning_ids(twinning_filter)
    count = len(ids) if isinstance(ids, list) else ids.count()
    return count, rows_by_id(list(ids[offset : offset + limit]), country=twinning_filter.anchor_country())
