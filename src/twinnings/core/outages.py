"""A database that cannot be reached or written: PostgreSQL restarting or down, a SQLite file on a
read-only or full disk, a lock held past the busy timeout. Pages and the API answer 503 with a
message and Retry-After instead of a 500, and trying again later works.

The message does not promise that nothing was saved: when PostgreSQL goes away after a change
was committed, while the answer is being made, the change is kept. Reading before trying again
shows which; an agreement edited again from a stale revision is refused (409), never applied twice."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 30
logger = logging.getLogger(__name__)


def database_unavailable(error: BaseException | None) -> bool:
    """The database failed as a service (connection, disk, lock), not because of the request.
    Integrity and data errors are bugs and stay 500."""
    return isinstance(error, OperationalError | InterfaceError)


def message() -> str:
    return _(
        "The database cannot be reached or written at the moment. If you were saving something, it may not "
        "have been saved: please reload the page in a minute to check before trying again."
    )


def response(request: HttpRequest, error: BaseException) -> HttpResponse:
    """503 with the message: JSON under /api/, a page elsewhere."""
    logger.error("Database unavailable on %s %s: %s", request.method, request.path[:300], error)
    answer: HttpResponse
    if request.path.startswith("/api/"):
        answer = JsonResponse({"detail": message()}, status=503)
    else:
        template = loader.get_template("503.html")  # no request context: it would read the database
        context = {"message": message(), "LANGUAGE_CODE": get_language()}
        answer = HttpResponse(template.render(context), status=503)
    answer["Retry-After"] = str(RETRY_AFTER_SECONDS)
    answer["Cache-Control"] = "no-store"
    return answer
