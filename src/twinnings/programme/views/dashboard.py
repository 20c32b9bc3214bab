"""A municipality's dashboard, for the members of its office."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, User, can
from twinnings.places.models import Place
from twinnings.programme.reminders import ACTIVITY_DAYS, DATE_DAYS, DORMANT_MONTHS
from twinnings.programme.services.dashboard import place_dashboard as dashboard_of


def member_place(user: User, place_id: int) -> Place:
    """The place, if the user holds a role in its office; 404 otherwise."""
    place = get_object_or_404(Place.objects.select_related("country"), pk=place_id)
    if not can(user, Action.VIEW, place):
        raise Http404("Not a member of this office")
    return place


@require_safe
@login_required
def place_dashboard(request: HttpRequest, place_id: int) -> HttpResponse:
    user = user_of(request)
    place = member_place(user, place_id)
    context = {
        "dashboard": dashboard_of(user, place, timezone.localdate()),
        "place": place,
        "activity_days": ACTIVITY_DAYS,
        "date_days": DATE_DAYS,
        "dormant_months": DORMANT_MONTHS,
    }
    return render(request, "programme/dashboard_place.html", context)
