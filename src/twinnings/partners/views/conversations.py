"""The inbox of the user's offices, a conversation (reading it marks it read) with its reply form,
and the step to a draft agreement. A conversation is 404 for anyone outside its two offices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, can, restrict
from twinnings.agreements.views.common import refused
from twinnings.core.errors import Refused
from twinnings.partners import conversations
from twinnings.partners.forms import MessageForm
from twinnings.partners.models import Conversation
from twinnings.partners.schemas import conversation_data, message_data
from twinnings.partners.views.common import wants_json


def _conversation(request: HttpRequest, pk: int) -> Conversation:
    visible = restrict(
        Conversation.objects.select_related("notice__place__country", "place__country", "agreement"),
        user_of(request),
        Action.VIEW,
    )
    return get_object_or_404(visible, pk=pk)


@require_safe
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    items = list(conversations.inbox(user_of(request)))
    if wants_json(request):
        data = [conversation_data(c) for c in items]
        return JsonResponse({"count": len(data), "unread": sum(d["unread"] for d in data), "items": data})
    return render(request, "partners/inbox.html", {"conversations": items})


@login_required
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    current = _conversation(request, pk)
    user = user_of(request)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                conversations.send_message(user, current, form.cleaned_data["text"])
            except Refused as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect(current.get_absolute_url() + "#latest")
    thread = list(current.messages.select_related("author", "place"))
    if wants_json(request):
        conversations.mark_read(user, current)
        return JsonResponse({**conversation_data(current), "messages": [message_data(m) for m in thread]})
    side = conversations.side_of(user, current)
    agreement = current.agreement
    context = {
        "conversation": current,
        "thread": thread,
        "form": form if side is not None else None,
        "side": side,
        "agreement_visible": agreement is not None and can(user, Action.VIEW, agreement),
    }
    response = render(request, "partners/conversation.html", context, status=status)
    conversations.mark_read(user, current)
    return response


@require_POST
@login_required
def start_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    current = _conversation(request, pk)
    user = user_of(request)
    try:
        agreement, created = conversations.start_agreement(user, current)
    except Refused as error:
        return refused(request, error, current.get_absolute_url())
    if can(user, Action.VIEW, agreement):
        if created:
            messages.success(request, _("The draft agreement is ready: complete its terms, then propose it."))
        return redirect(agreement)
    messages.info(
        request,
        _("The other office has started the draft agreement; you will see it once they propose it to you."),
    )
    return redirect(current)
