"""The public directory's place pages: home, search, place, countries, country."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from twinnings.places import overviews
from twinnings.places import services as places
from twinnings.places.models import Country, Place
from twinnings.registry import listing
from twinnings.registry import services as registry
from twinnings.registry.filters import MAX_QUERY_LENGTH, TwinningFilter

AUTOCOMPLETE_LIMIT = 8
SEARCH_PAGE_LIMIT = 50
WORLD_MAP_LINES = 4000


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    overview = overviews.home_overview()
    return render(
        request,
        "places/home.html",
        {
            "stats": overview.stats,
            "top_places": overview.top_places,
            "top_countries": overview.top_countries,
            "map_limit": WORLD_MAP_LINES,
            "lines_url": f"{reverse('registry:map')}?limit={WORLD_MAP_LINES}",
        },
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Autocomplete partial for htmx requests, a full results page otherwise."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    partial = request.headers.get("HX-Request") == "true"
    limit = AUTOCOMPLETE_LIMIT if partial else SEARCH_PAGE_LIMIT
    results = places.search(query, limit=limit) if query else []
    template = "places/autocomplete.html" if partial else "places/search.html"
    response = render(request, template, {"query": query, "results": results, "limit": limit})
    response["Vary"] = "HX-Request"
    return response


@require_safe
@gzip_page
@cache_control(public=True, max_age=3600)
def basemap(request: HttpRequest) -> JsonResponse:
    """Grid cells of the gazetteer's places, drawn as the world map when no tiles are loaded."""
    step = 0.5
    cells = registry.cached_for_registry(f"basemap:{step}", lambda: places.basemap_cells(step))
    return JsonResponse({"step": step, "cells": cells})


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(Place.objects.select_related("country", "region"), pk=pk)
    language = get_language() or "en"
    data = registry.cached_for_registry(f"place-page:{place.pk}:{language}", lambda: _place_data(place, language))
    context = {"place": place, "registry_version": registry.current_version(), **data}
    return render(request, "places/detail.html", context)


def _place_data(place: Place, language: str) -> dict[str, object]:
    """What a place page shows of the registry (cached until the registry changes)."""
    rows = registry.twins_of(place)
    twins = [
        [
            r.partner.pk,
            round(r.partner.latitude, 4),
            round(r.partner.longitude, 4),
            r.partner.name,
            r.partner.country.localized_name(language),
        ]
        for r in rows
    ]
    return {
        "rows": rows,
        "twins_of_twins": registry.twins_of_twins(place, limit=12),
        "alternate_names": places.alternate_names(place),
        "region_places": places.twinned_places_in_region(place) if place.kind == Place.Kind.REGION else [],
        "map_center": json.dumps([round(place.latitude, 4), round(place.longitude, 4), place.name]),
        "map_twins": json.dumps(twins, ensure_ascii=False),
        "export_query": f"place={place.pk}",
    }


@require_safe
def countries(request: HttpRequest) -> HttpResponse:
    return render(request, "places/countries.html", {"rows": overviews.countries_overview()})


@require_safe
def country(request: HttpRequest, code: str) -> HttpResponse:
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise Http404("No such country code")
    if code != code.upper():
        return redirect("places:country", code=code.upper(), permanent=True)
    country = get_object_or_404(Country, code=code)
    overview = overviews.country_overview(country.code)
    page, rows = listing.twinning_page(TwinningFilter(country=country.code), request.GET.get("page"))
    return render(
        request,
        "places/country.html",
        {
            "country": country,
            "figures": overview.figures,
            "partners": overview.partners,
            "top_places": overview.top_places,
            "page_obj": page,
            "rows": rows,
            "lines_url": f"{reverse('registry:map')}?country={country.code}",
            "export_query": f"country={country.code}",
        },
    )
