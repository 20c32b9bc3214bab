"""Conversations in the API, at /api/v1/conversations: the inbox of your offices with unread
counts, a conversation (reading it marks it read), writing in it, and turning it into a draft
agreement. Only the two offices' members see a conversation (404 for anyone else)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.permissions import Action, restrict
from twinnings.core.schemas import AUTH_ERRORS, ErrorOut
from twinnings.partners import conversations
from twinnings.partners.models import Conversation
from twinnings.partners.schemas import (
    AgreementStartOut,
    ConversationDetailOut,
    ConversationListOut,
    MessageIn,
    MessageOut,
    conversation_data,
    message_data,
)

router = Router(auth=API_AUTH, tags=["conversations"])
WRITE_ERRORS = {**AUTH_ERRORS, 403: ErrorOut, 409: ErrorOut}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _conversation(request: HttpRequest, pk: int) -> Conversation:
    visible = restrict(
        Conversation.objects.select_related("notice__place__country", "place__country"), _user(request), Action.VIEW
    )
    return get_object_or_404(visible, pk=pk)


@router.get("/conversations", response={200: ConversationListOut, **AUTH_ERRORS}, summary="Your offices' conversations")
def inbox(request: HttpRequest) -> dict[str, Any]:
    items = [conversation_data(c) for c in conversations.inbox(_user(request))]
    return {"count": len(items), "unread": sum(item["unread"] for item in items), "items": items}


@router.get(
    "/conversations/{conversation_id}", response={200: ConversationDetailOut, **AUTH_ERRORS}, summary="A conversation"
)
def get_conversation(request: HttpRequest, conversation_id: int) -> dict[str, Any]:
    """Its messages, oldest first; they count as read by you afterwards."""
    conversation = _conversation(request, conversation_id)
    unread = conversations.unread(_user(request), conversation)
    messages = [message_data(m) for m in conversation.messages.select_related("author")]
    conversations.mark_read(_user(request), conversation)
    return {**conversation_data(conversation), "unread": unread, "messages": messages}


@router.post(
    "/conversations/{conversation_id}/messages",
    response={201: MessageOut, **WRITE_ERRORS},
    summary="Write in a conversation",
)
def send_message(request: HttpRequest, conversation_id: int, data: MessageIn) -> Status[dict[str, Any]]:
    message = conversations.send_message(_user(request), _conversation(request, conversation_id), data.text)
    return Status(201, message_data(message))


@router.post(
    "/conversations/{conversation_id}/agreement",
    response={200: AgreementStartOut, 201: AgreementStartOut, **WRITE_ERRORS},
    summary="Turn a conversation into a draft agreement",
)
def start_agreement(request: HttpRequest, conversation_id: int) -> Status[dict[str, Any]]:
    """A draft owned by your place with the other place as partner (201); asked again, by either
    side, the agreement already made (200)."""
    conversation = _conversation(request, conversation_id)
    agreement, created = conversations.start_agreement(_user(request), conversation)
    body = {"agreement": agreement.pk, "created": created, "conversation": conversation.pk}
    return Status(201 if created else 200, body)
