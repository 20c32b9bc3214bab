"""What every agreement view shares: finding an agreement the user may see (404 otherwise) and
answering a refusal."""

from __future__ import annotations

from typing import Protocol

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements.models import Agreement
from twinnings.core.errors import Refused


def visible_agreement(request: HttpRequest, pk: int) -> Agreement:
    """The agreement, if the user may see it; 404 otherwise (a private draft's existence is not told)."""
    agreements = restrict(Agreement.objects.select_related("owner__country"), user_of(request), Action.VIEW)
    return get_object_or_404(agreements, pk=pk)


class HasPage(Protocol):
    def get_absolute_url(self) -> str: ...


def refused(request: HttpRequest, error: Refused, to: HasPage | str) -> HttpResponse:
    """Back to `to` (an object's page, or a URL) with the reason, keeping the refusal's status for
    clients that look."""
    messages.error(request, error.message)
    response = redirect(to)
    response["X-Twinnings-Refused"] = str(error.status)
    return response
