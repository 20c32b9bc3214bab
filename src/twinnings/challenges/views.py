"""The challenges panel's pages: choosing the other place, and the panel of a pair (with its JSON twin)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from twinnings.challenges import services
from twinnings.challenges.panel import MAX_PERIOD_DAYS
from twinnings.core.errors import Refused
from twinnings.places import services as places
from twinnings.places.models import Place
from twinnings.registry import services as registry
from twinnings.registry.filters import MAX_QUERY_LENGTH

CANDIDATES = 20
AUTOCOMPLETE_LIMIT = 8
TWIN_SUGGESTIONS = 12


def _place(pk: int) -> Place:
    return get_object_or_404(Place.objects.select_related("country", "region"), pk=pk)


@require_safe
def choose(request: HttpRequest, pk: int) -> HttpResponse:
    """A place to compare with: by id, or by name through the gazetteer's search (one match goes
    straight to the panel); htmx requests get the candidates only, for search-as-you-type."""
    place = _place(pk)
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    partial = request.headers.get("HX-Request") == "true"
    error, candidates = "", []
    if query.isascii() and query.isdecimal():
        other = Place.objects.filter(pk=int(query)).first() if len(query) < 19 else None
        if other is not None and other.pk != place.pk:
            return redirect("challenges:pair", pk=place.pk, other=other.pk)
        error = _("Choose another place than this one.") if other else _("No place has the id %(id)s.") % {"id": query}
    elif query:
        limit = AUTOCOMPLETE_LIMIT if partial else CANDIDATES
        candidates = [p for p in places.search(query, limit=limit + 1) if p.pk != place.pk][:limit]
        if len(candidates) == 1 and not partial:
            return redirect("challenges:pair", pk=place.pk, other=candidates[0].pk)
        if not candidates:
            error = _("No place found for “%(query)s”.") % {"query": query}
    context = {"place": place, "query": query, "candidates": candidates, "error": error}
    if partial:
        response = render(request, "challenges/_candidates.html", {**context, "listbox": True})
    else:
        context["twins"] = [row.partner for row in registry.twins_of(place)[:TWIN_SUGGESTIONS]]
        response = render(request, "challenges/choose.html", context, status=400 if error else 200)
    response["Vary"] = "HX-Request"
    return response


@require_safe
def pair(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    a, b = _place(pk), _place(other)
    values = {name: request.GET.get(name, "").strip()[:40] for name in ("start", "end")}
    language = get_language() or "en"
    try:
        panel = services.panel_for(a, b, values["start"], values["end"], language)
    except Refused as error:
        if request.GET.get("format") == "json":
            return JsonResponse({"detail": error.message}, status=error.status)
        context = {"a": a, "b": b, "values": values, "error": error.message, "max_days": MAX_PERIOD_DAYS}
        return render(request, "challenges/pair.html", context, status=error.status)
    if request.GET.get("format") == "json":
        return JsonResponse(services.panel_data(panel), json_dumps_params={"ensure_ascii": False})
    context = {
        "a": a,
        "b": b,
        "panel": panel,
        "values": values,
        "max_days": MAX_PERIOD_DAYS,
        "model": services.model_data(),
    }
    return render(request, "challenges/pair.html", context)
