"""Operational endpoints, and the answer to an unhandled error."""

from __future__ import annotations

import sys

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from twinnings.core import outages
from twinnings.core.db import unapplied_migrations


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Clients that ask for /favicon.ico without reading the page's icon link get the logo."""
    return HttpResponsePermanentRedirect(static("twinnings/img/logo.svg"))


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and every migration is applied, 503 otherwise."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = unapplied_migrations()
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": f"unreachable: {type(error).__name__}"}, status=503)
    if pending:
        return JsonResponse({"status": "error", "database": "ok", "migrations": f"{len(pending)} pending"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler, called while the error is being handled (in a view or a middleware):
    a database that cannot be reached or written is a 503 with a message, anything else a 500."""
    error = sys.exc_info()[1]
    if outages.database_unavailable(error):
        assert error is not None
        return outages.response(request, error)
    return defaults.server_error(request)
