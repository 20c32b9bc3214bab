"""The read API, mounted at /api/v1/: OpenAPI schema at openapi.json, interactive docs at docs.

Every error is JSON with a `detail` message: 400 for a filter that cannot be honoured, 404 for
an unknown object or path, 422 for a parameter of the wrong type or range, 503 (with Retry-After)
when the database cannot be reached or written, 500 otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import path, re_path
from ninja import NinjaAPI
from ninja.errors import ValidationError, ValidationErrorContext

from twinnings.accounts.api import router as accounts_router
from twinnings.agreements.api import router as agreements_router
from twinnings.challenges.api import router as challenges_router
from twinnings.core import outages
from twinnings.core.errors import Refused
from twinnings.core.parser import NUL_ERROR, NulRefusingParser, NulText
from twinnings.partners.api import router as partners_router
from twinnings.places.api import router as places_router
from twinnings.programme.api import router as programme_router
from twinnings.registry.api import router as registry_router
from twinnings.registry.filters import FilterError

logger = logging.getLogger(__name__)


class TwinningsAPI(NinjaAPI):
    def validation_error_from_error_contexts(self, error_contexts: list[ValidationErrorContext]) -> ValidationError:
        """Ninja's errors, where a text with NUL characters is said to be one (not "not a string")."""
        error = super().validation_error_from_error_contexts(error_contexts)
        inputs = [e.get("input") for c in error_contexts for e in c.pydantic_validation_error.errors(include_url=False)]
        for entry, value in zip(error.errors, inputs):
            if isinstance(value, NulText):
                entry.update(NUL_ERROR)
        return error


api = TwinningsAPI(
    title="Twinnings",
    version="1",
    description=(
        "Read API of the world's twinnings between cities and regions. Gazetteer: GeoNames (CC BY 4.0); "
        "twinnings: Wikipedia (CC BY-SA 4.0) and Wikidata (CC0)."
    ),
    urls_namespace="api",
    parser=NulRefusingParser(),
)
api.add_router("", places_router)
api.add_router("", registry_router)
api.add_router("", partners_router)
api.add_router("", challenges_router)
api.add_router("", agreements_router)
api.add_router("", accounts_router)
api.add_router("", programme_router)


def _field(loc: Sequence[Any]) -> str:
    """`["query", "limit"]` -> `limit`: where the client put the parameter is implied."""
    names = [str(part) for part in loc[1:]] if len(loc) > 1 else [str(part) for part in loc]
    return ".".join(names)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": list(e.get("loc", [])), "msg": str(e.get("msg", "invalid")), "type": str(e.get("type", ""))}
        for e in exc.errors
    ]
    detail = "; ".join(f"{_field(e['loc'])}: {e['msg']}" for e in errors) or "invalid request"
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(FilterError)
def filter_error(request: HttpRequest, exc: FilterError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(Refused)
def refused_error(request: HttpRequest, exc: Refused) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


@api.exception_handler(Http404)
def not_found_error(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    return outages.response(request, exc)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s", request.get_full_path()[:500])
    return api.create_response(request, {"detail": "Internal server error"}, status=500)


def index(request: HttpRequest) -> JsonResponse:
    """/api/v1/ itself: where the documentation and the collections are."""
    root = request.build_absolute_uri("/api/v1/")
    links = ["docs", "openapi.json", "stats", "places", "twinnings", "countries", "sources"]
    return JsonResponse({"title": api.title, "version": api.version, **{name: root + name for name in links}})


def unknown_path(request: HttpRequest, rest: str = "") -> JsonResponse:
    return JsonResponse({"detail": f"No API endpoint at /api/v1/{rest[:200]}"}, status=404)


urlpatterns = [
    path("", index, name="api-index"),
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", unknown_path),
]
