"""API schemas of notices, conversations and consortia: what clients send and what they get back.
Lengths and codes are checked by the services (a refusal is a 400 with its reason)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from twinnings.agreements.choices import Area
from twinnings.core.schemas import InputSchema
from twinnings.partners.models import Conversation, Message, PartnerNotice
from twinnings.partners.notices import MAX_TEXT, MAX_TITLE, MAX_VALIDITY_DAYS


class PlaceRefOut(Schema):
    id: int
    name: str
    country: str
    country_name: str


def place_ref(place: Any) -> dict[str, Any]:
    return {"id": place.pk, "name": place.name, "country": place.country_id, "country_name": place.country.name}


class NoticeOut(Schema):
    id: int
    place: PlaceRefOut = Field(description="The publishing place")
    title: str
    description: str
    areas: list[str] = Field(description="Areas of cooperation")
    countries: list[str] = Field(description="ISO 3166-1 codes of the countries sought (none: any)")
    regions: list[int] = Field(description="Ids of the regions sought")
    languages: list[str] = Field(description="ISO 639 codes of the languages sought (none: any)")
    min_population: int | None
    max_population: int | None
    valid_until: date
    status: str = Field(description="published or withdrawn")
    open: bool = Field(description="Published and not expired: it can be answered")
    created_at: datetime
    updated_at: datetime


def notice_data(notice: PartnerNotice) -> dict[str, Any]:
    return {
        **{
            name: getattr(notice, name)
            for name in (
                "id",
                "title",
                "description",
                "areas",
                "countries",
                "regions",
                "languages",
                "min_population",
                "max_population",
                "valid_until",
                "status",
                "created_at",
                "updated_at",
            )
        },
        "place": place_ref(notice.place),
        "open": notice.is_open,
    }


class NoticeListOut(Schema):
    count: int = Field(description="Notices matching the filters")
    items: list[NoticeOut]


class NoticeIn(InputSchema):
    place: int = Field(description="Id of the publishing place (your office must be verified)")
    title: str = Field(description=f"At most {MAX_TITLE} characters")
    description: str = Field("", description=f"What you seek, in your words; at most {MAX_TEXT} characters")
    areas: list[str] = Field(description=f"At least one of: {', '.join(Area.values)}")
    countries: list[str] = Field(default_factory=list, description="ISO 3166-1 codes (FR, PL); none: any")
    regions: list[int] = Field(default_factory=list, description="Ids of region places")
    languages: list[str] = Field(default_factory=list, description="ISO 639 codes (fr, pl); none: any")
    min_population: int | None = None
    max_population: int | None = None
    valid_until: date = Field(description=f"Today or later, at most {MAX_VALIDITY_DAYS} days ahead")


class NoticeUpdateIn(InputSchema):
    """Only the fields sent change."""

    title: str | None = None
    description: str | None = None
    areas: list[str] | None = None
    countries: list[str] | None = None
    regions: list[int] | None = None
    languages: list[str] | None = None
    min_population: int | None = None
    max_population: int | None = None
    valid_until: date | None = None


class ReasonOut(Schema):
    code: str = Field(description="What kind of reason (common_twins, country_pair, distance…)")
    text: str = Field(description="The reason in a sentence, in the request's language")
    contribution: float = Field(description="How much it raised the score (log-odds)")
    params: dict[str, Any] = Field(description="The values the sentence quotes")


class RecommendationOut(Schema):
    id: int
    name: str
    kind: str
    country: str
    country_name: str
    region: str | None
    population: int | None
    latitude: float
    longitude: float
    twin_count: int
    score: float = Field(description="Higher is better; comparable within one list only")
    distance_km: float | None
    reasons: list[ReasonOut]


class QueryPlaceOut(Schema):
    id: int
    name: str
    country: str


class RecommendationListOut(Schema):
    place: QueryPlaceOut
    count: int
    items: list[RecommendationOut]


class MatchReasonOut(Schema):
    code: str = Field(description="shared_areas, in_sought_place, size_fits, speaks_sought_language, shared_language")
    text: str = Field(description="The reason in a sentence, in the request's language")
    params: dict[str, Any]


class NoticeMatchOut(Schema):
    notice: NoticeOut
    score: float = Field(description="Higher is better; comparable within one list only")
    shared_areas: list[str]
    reasons: list[MatchReasonOut]


class MatchesOut(Schema):
    places: list[RecommendationOut] = Field(description="The partner finder's best places within the notice's criteria")
    notices: list[NoticeMatchOut] = Field(description="Open notices of other places that match this one mutually")


class InterestIn(InputSchema):
    place: int = Field(description="Id of the interested place (you administer or edit its office)")
    text: str = Field(description=f"Your message; at most {MAX_TEXT} characters")


class MessageIn(InputSchema):
    text: str = Field(description=f"At most {MAX_TEXT} characters")


class MessageOut(Schema):
    id: int
    place: int = Field(description="The office the message speaks for")
    author: str = Field(description="The author's name")
    text: str
    created_at: datetime


def message_data(message: Message) -> dict[str, Any]:
    author = message.author
    name = (author.get_full_name() or author.get_username()) if author is not None else ""
    return {
        "id": message.pk,
        "place": message.place_id,
        "author": name,
        "text": message.text,
        "created_at": message.created_at,
    }


class ConversationOut(Schema):
    id: int
    notice: int
    notice_title: str
    notice_place: PlaceRefOut
    place: PlaceRefOut = Field(description="The interested place")
    agreement: int | None = Field(description="The draft agreement the conversation became")
    created_at: datetime
    last_message_at: datetime
    unread: int = Field(description="Messages by others you have not read")


def conversation_data(conversation: Conversation) -> dict[str, Any]:
    return {
        "id": conversation.pk,
        "notice": conversation.notice_id,
        "notice_title": conversation.notice.title,
        "notice_place": place_ref(conversation.notice.place),
        "place": place_ref(conversation.place),
        "agreement": conversation.agreement_id,
        "created_at": conversation.created_at,
        "last_message_at": conversation.last_message_at,
        "unread": getattr(conversation, "unread", 0),
    }


class ConversationDetailOut(ConversationOut):
    messages: list[MessageOut]


class ConversationListOut(Schema):
    count: int
    unread: int = Field(description="Unread messages in every conversation")
    items: list[ConversationOut]


class AgreementStartOut(Schema):
    agreement: int = Field(description="Id of the draft agreement")
    created: bool = Field(description="False when the conversation had already become this agreement")
    conversation: int


class ConsortiumMemberOut(Schema):
    id: int
    name: str
    country: str
    country_name: str
    population: int | None


class ConsortiumLinkOut(Schema):
    a: int
    b: int
    a_name: str
    b_name: str
    kind: str = Field(description="twinned (in the registry) or recommended (by the partner finder)")
    weight: float = Field(description="1 for a twinning, 0–1 for a recommendation")


class ConsortiumOut(Schema):
    members: list[ConsortiumMemberOut] = Field(description="The place first, then in the order they joined")
    countries: list[str]
    score: float = Field(description="1.0 when every member is twinned with another member")
    links: list[ConsortiumLinkOut] = Field(description="Every link between two members, twinnings first")


class ConsortiumListOut(Schema):
    place: PlaceRefOut
    count: int
    groups: list[ConsortiumOut]
