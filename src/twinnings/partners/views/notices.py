"""The notices board and a notice's page (both also JSON with `?format=json`), and the pages where
an office publishes, edits, withdraws and lists its notices, and where another office answers one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from pydantic import ValidationError

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, User, can, restrict
from twinnings.agreements.choices import Area
from twinnings.agreements.views.common import refused
from twinnings.core.errors import Refused
from twinnings.matching.ranker import InvalidFilters
from twinnings.partners import conversations, matches, notices
from twinnings.partners.filters import NoticeQuery
from twinnings.partners.forms import InterestForm, NewNoticeForm, NoticeForm
from twinnings.partners.models import Conversation, PartnerNotice
from twinnings.partners.reasons import match_text, reason_text
from twinnings.partners.schemas import notice_data
from twinnings.partners.views.common import wants_json
from twinnings.places.models import Country, Place

BOARD_FILTERS = ("area", "country", "seeking", "language")
PER_PAGE = 20


def _visible(user: User) -> QuerySet[PartnerNotice]:
    return restrict(PartnerNotice.objects.select_related("place__country", "place__region"), user, Action.VIEW)


def _notice(request: HttpRequest, pk: int) -> PartnerNotice:
    return get_object_or_404(_visible(request.user), pk=pk)


def _filter_error(error: ValidationError | InvalidFilters) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in error.errors())
    return str(error)


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    values = {name: request.GET.get(name, "").strip()[:50] for name in BOARD_FILTERS}
    found = _visible(request.user).filter(pk__in=PartnerNotice.objects.published().values("pk"))
    error = ""
    try:
        found = NoticeQuery.model_validate({k: v for k, v in values.items() if v}).apply(found)
    except (ValidationError, InvalidFilters) as exc:
        error, found = _filter_error(exc), found.none()
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    if wants_json(request):
        if error:
            return JsonResponse({"detail": error}, status=400)
        return JsonResponse({"count": page.paginator.count, "items": [notice_data(n) for n in page]})
    context = {
        "page": page,
        "values": values,
        "error": error,
        "areas": Area.choices,
        "countries": Country.objects.order_by("name"),
        "unread": conversations.unread_total(request.user),
    }
    return render(request, "partners/board.html", context, status=400 if error else 200)


def answering_places(user: User, notice: PartnerNotice) -> QuerySet[Place]:
    """The user's places that may still answer the notice."""
    answered = Conversation.objects.filter(notice=notice).values("place_id")
    places = restrict(Place.objects.select_related("country"), user, Action.EDIT)
    return places.exclude(pk=notice.place_id).exclude(pk__in=answered)


def _detail(
    request: HttpRequest, notice: PartnerNotice, form: InterestForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    places = answering_places(user, notice) if notice.is_open else Place.objects.none()
    try:
        fitting = [(r, [reason_text(x) for x in r.reasons]) for r in matches.fitting_places(notice)]
    except InvalidFilters:
        fitting = []
    context: dict[str, Any] = {
        "notice": notice,
        "regions": Place.objects.filter(pk__in=notice.regions).select_related("country"),
        "fitting": fitting,
        "matching": [(other, [match_text(r) for r in m.reasons]) for other, m in matches.matching_notices(notice)],
        "can_edit": can(user, Action.EDIT, notice),
        "interest_form": form or (InterestForm(places=places) if places.exists() else None),
        "conversations": restrict(Conversation.objects.filter(notice=notice), user, Action.VIEW).select_related(
            "place__country"
        ),
    }
    return render(request, "partners/notice.html", context, status=status)


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    if wants_json(request):
        return JsonResponse(notice_data(notice))
    return _detail(request, notice)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    places = restrict(Place.objects.select_related("country"), user, Action.EDIT)
    initial: dict[str, object] = {"valid_until": timezone.localdate() + timedelta(days=180)}
    if request.GET.get("place"):
        initial["place"] = request.GET["place"]
    form = NewNoticeForm(request.POST or None, places=places, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                notice = notices.publish(user, form.cleaned_data["place"], form.terms())
            except Refused as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Your notice is on the board."))
                return redirect(notice)
    return render(request, "partners/notice_form.html", {"form": form, "notice": None}, status=status)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    form = NoticeForm.for_notice(notice, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                notices.update(user_of(request), notice, **form.terms().values())
            except Refused as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Saved."))
                return redirect(notice)
    return render(request, "partners/notice_form.html", {"form": form, "notice": notice}, status=status)


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    try:
        notices.withdraw(user_of(request), notice)
    except Refused as error:
        return refused(request, error, notice.get_absolute_url())
    messages.success(request, _("The notice was withdrawn: it is off the board, its conversations go on."))
    return redirect(notice)


@require_safe
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Every notice of the user's offices, expired and withdrawn ones included."""
    user = user_of(request)
    offices = restrict(Place.objects.all(), user, Action.VIEW)
    found = _visible(user).filter(place__in=offices).annotate(answers=Count("conversations"))
    context = {"notices": found, "can_publish": restrict(Place.objects.all(), user, Action.EDIT).exists()}
    return render(request, "partners/mine.html", context)


@require_POST
@login_required
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    user = user_of(request)
    form = InterestForm(request.POST, places=answering_places(user, notice))
    if not form.is_valid():
        return _detail(request, notice, form, status=400)
    try:
        conversation = conversations.express_interest(
            user, notice, form.cleaned_data["place"], form.cleaned_data["text"]
        )
    except Refused as error:
        form.add_error(None, error.message)
        return _detail(request, notice, form, status=error.status)
    messages.success(request, _("Your interest was sent to the notice's office."))
    return redirect(conversation)
