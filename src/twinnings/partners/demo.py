"""The demo's partner search: Cologne's open notice and Lyon's answer to it, loaded once
(`twinnings demo` calls `load`)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from twinnings.partners import conversations, notices
from twinnings.partners.models import Conversation, PartnerNotice
from twinnings.partners.notices import NoticeTerms
from twinnings.places.models import Country, Place

SOUGHT = ["ES", "FR", "IT", "PL"]
NOTICE_TITLE = "Köln sucht Partnerstädte für einen Jugend-Klimagipfel"
DESCRIPTION = (
    "Cologne invites towns of 50,000 to 2 million inhabitants to a youth climate summit in 2027: "
    "school classes and youth councils, a week in Cologne, a return visit, a shared climate plan."
)


def load(home: Place, officer: User, answering: Place, answerer: User) -> PartnerNotice:
    """Cologne's notice and, when the answering place has not answered yet, its interest and a reply."""
    notice = PartnerNotice.objects.filter(place=home, title=NOTICE_TITLE).first()
    if notice is None:
        terms = NoticeTerms(
            title=NOTICE_TITLE,
            description=DESCRIPTION,
            areas=["education", "environment"],
            countries=list(Country.objects.filter(code__in=SOUGHT).values_list("code", flat=True)),
            min_population=50_000,
            max_population=2_000_000,
            valid_until=timezone.localdate() + timedelta(days=365),
        )
        notice = notices.publish(officer, home, terms)
    if not Conversation.objects.filter(notice=notice, place=answering).exists():
        conversation = conversations.express_interest(
            answerer, notice, answering, "Lyon's youth climate council would love to come, with two school classes."
        )
        conversations.send_message(officer, conversation, "Wunderbar! Shall we plan the week together in May?")
    return notice
