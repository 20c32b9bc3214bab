"""Partner-search notices in the API, at /api/v1/notices: the board (public), a verified office's
notices (publish, change, withdraw), what fits a notice, and answering one. Writes authenticate
like the agreements API (a write token, or the session with its CSRF token); errors are JSON
`detail`s: 400 a rule refused the value, 403 the role does not allow it, 404 unknown or not
visible to you."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from twinnings.accounts.api_auth import API_AUTH, PUBLIC_AUTH
from twinnings.accounts.permissions import Action, restrict
from twinnings.core.errors import Refused
from twinnings.core.schemas import AUTH_ERRORS, ErrorOut, Page
from twinnings.matching.ranker import InvalidFilters
from twinnings.partners import conversations, matches, notices, services
from twinnings.partners.filters import NoticeQuery
from twinnings.partners.models import PartnerNotice
from twinnings.partners.notices import NoticeTerms
from twinnings.partners.reasons import match_text
from twinnings.partners.schemas import (
    ConversationDetailOut,
    InterestIn,
    MatchesOut,
    NoticeIn,
    NoticeListOut,
    NoticeOut,
    NoticeUpdateIn,
    conversation_data,
    message_data,
    notice_data,
)
from twinnings.places.models import Place

router = Router(tags=["notices"])
WRITE_ERRORS = {**AUTH_ERRORS, 403: ErrorOut, 409: ErrorOut}
MAX_MATCHES = 50


def _user(request: HttpRequest) -> User | AnonymousUser:
    user = request.user
    assert isinstance(user, User | AnonymousUser)
    return user


def _writer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def visible_notices(user: User | AnonymousUser) -> QuerySet[PartnerNotice]:
    return restrict(PartnerNotice.objects.select_related("place__country"), user, Action.VIEW)


def _notice(request: HttpRequest, pk: int) -> PartnerNotice:
    return get_object_or_404(visible_notices(_user(request)), pk=pk)


@router.get("/notices", response={200: NoticeListOut, **AUTH_ERRORS}, auth=PUBLIC_AUTH, summary="The notices board")
def list_notices(
    request: HttpRequest, filters: Query[NoticeQuery], page: Query[Page], mine: bool = False
) -> dict[str, Any]:
    """Open notices, newest first; with `mine=true`, every notice of your offices, expired and
    withdrawn ones included."""
    user = _user(request)
    if mine:
        found = visible_notices(user).filter(place__in=restrict(Place.objects.all(), user, Action.VIEW))
    else:
        found = visible_notices(user).filter(pk__in=PartnerNotice.objects.published().values("pk"))
    try:
        found = filters.apply(found)
    except InvalidFilters as error:
        raise Refused(str(error)) from error
    items = found[page.offset : page.offset + page.limit]
    return {"count": found.count(), "items": [notice_data(n) for n in items]}


@router.post("/notices", response={201: NoticeOut, **WRITE_ERRORS}, auth=API_AUTH, summary="Publish a notice")
def publish(request: HttpRequest, data: NoticeIn) -> Status[dict[str, Any]]:
    place = get_object_or_404(Place, pk=data.place)
    terms = NoticeTerms(**data.dict(exclude={"place"}))
    notice = notices.publish(_writer(request), place, terms)
    return Status(201, notice_data(PartnerNotice.objects.select_related("place__country").get(pk=notice.pk)))


@router.get("/notices/{notice_id}", response={200: NoticeOut, **AUTH_ERRORS}, auth=PUBLIC_AUTH, summary="A notice")
def get_notice(request: HttpRequest, notice_id: int) -> dict[str, Any]:
    return notice_data(_notice(request, notice_id))


@router.patch(
    "/notices/{notice_id}", response={200: NoticeOut, **WRITE_ERRORS}, auth=API_AUTH, summary="Change a notice"
)
def update(request: HttpRequest, notice_id: int, data: NoticeUpdateIn) -> dict[str, Any]:
    """Only the fields sent change; an expired notice comes back with a new `valid_until`."""
    notice = notices.update(_writer(request), _notice(request, notice_id), **data.dict(exclude_unset=True))
    return notice_data(_notice(request, notice.pk))


@router.post(
    "/notices/{notice_id}/withdraw",
    response={200: NoticeOut, **WRITE_ERRORS},
    auth=API_AUTH,
    summary="Withdraw a notice",
)
def withdraw(request: HttpRequest, notice_id: int) -> dict[str, Any]:
    notice = notices.withdraw(_writer(request), _notice(request, notice_id))
    return notice_data(_notice(request, notice.pk))


def match_data(notice: PartnerNotice, match: Any) -> dict[str, Any]:
    return {
        "notice": notice_data(notice),
        "score": match.score,
        "shared_areas": list(match.shared_areas),
        "reasons": [{"code": r.code, "text": match_text(r), "params": r.params} for r in match.reasons],
    }


@router.get(
    "/notices/{notice_id}/matches",
    response={200: MatchesOut, **AUTH_ERRORS},
    auth=PUBLIC_AUTH,
    summary="Places and notices that fit a notice",
)
def get_matches(request: HttpRequest, notice_id: int, limit: int = 10) -> dict[str, Any]:
    """`places`: the partner finder's best new partners within the notice's criteria, with its
    reasons; `notices`: open notices of other places that match this one mutually."""
    notice = _notice(request, notice_id)
    limit = max(1, min(limit, MAX_MATCHES))
    return {
        "places": [services.recommendation_data(r) for r in matches.fitting_places(notice, limit)],
        "notices": [match_data(other, m) for other, m in matches.matching_notices(notice, limit)],
    }


@router.post(
    "/notices/{notice_id}/interests",
    response={201: ConversationDetailOut, **WRITE_ERRORS},
    auth=API_AUTH,
    summary="Answer a notice",
)
def express_interest(request: HttpRequest, notice_id: int, data: InterestIn) -> Status[dict[str, Any]]:
    """Opens the conversation between the notice's office and your place's office."""
    notice = _notice(request, notice_id)
    place = get_object_or_404(Place, pk=data.place)
    conversation = conversations.express_interest(_writer(request), notice, place, data.text)
    messages = [message_data(m) for m in conversation.messages.select_related("author")]
    return Status(201, {**conversation_data(conversation), "messages": messages})
