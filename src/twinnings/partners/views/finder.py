"""The "Find a partner" page of a place and its consortia page, each with a JSON twin (`?format=json`)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from pydantic import ValidationError

from twinnings.matching.ranker import InvalidFilters
from twinnings.partners import consortia, services
from twinnings.partners.filters import RecommendationQuery
from twinnings.partners.reasons import reason_text
from twinnings.places.models import Country, Place

FIELDS = ("limit", "country", "language", "kind", "min_population", "max_population", "max_km")


@require_safe
def find(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(Place.objects.select_related("country", "region"), pk=pk)
    values = {name: request.GET.get(name, "").strip()[:100] for name in FIELDS}
    error, results = "", []
    try:
        query = RecommendationQuery.model_validate({k: v for k, v in values.items() if v})
        results = services.recommend(place, query.to_filters(), query.limit)
    except ValidationError as exc:
        error = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
    except InvalidFilters as exc:
        error = str(exc)
    if request.GET.get("format") == "json":
        if error:
            return JsonResponse({"detail": error}, status=400)
        items = [services.recommendation_data(r) for r in results]
        return JsonResponse({"place": {"id": place.pk, "name": place.name}, "count": len(items), "items": items})
    language = get_language() or "en"
    points = [
        [
            r.place.pk,
            round(r.place.latitude, 4),
            round(r.place.longitude, 4),
            r.place.name,
            r.place.country.localized_name(language),
        ]  # fmt: skip
        for r in results
    ]
    rows = [(rank, r, [reason_text(reason) for reason in r.reasons]) for rank, r in enumerate(results, 1)]
    response = render(
        request,
        "partners/find.html",
        {
            "place": place,
            "rows": rows,
            "values": values,
            "error": error,
            "countries": Country.objects.order_by("name"),
            "kinds": Place.Kind.choices,
            "map_center": json.dumps([round(place.latitude, 4), round(place.longitude, 4), place.name]),
            "map_twins": json.dumps(points, ensure_ascii=False),
        },
    )
    if error:
        response.status_code = 400
    return response


@require_safe
def consortium(request: HttpRequest, pk: int) -> HttpResponse:
    """Groups of 4–6 places in at least 4 countries around the place, for a networks-of-towns application."""
    place = get_object_or_404(Place.objects.select_related("country", "region"), pk=pk)
    groups = consortia.consortium_data(consortia.suggest(place))
    if request.GET.get("format") == "json":
        return JsonResponse({"place": {"id": place.pk, "name": place.name}, "count": len(groups), "groups": groups})
    return render(request, "partners/consortium.html", {"place": place, "groups": groups})
