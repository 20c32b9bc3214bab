"""/api/v1/notices: the public board, and publishing, changing, withdrawing and answering notices,
tried by the publishing office's officer, the interested office's officer, an outsider and anonymously."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.factories import TinyGazetteer
from tests.partners.api_client import Api, api_for
from tests.workspace import People
from twinnings.accounts.models import AccessToken
from twinnings.partners import notices
from twinnings.partners.models import Conversation, PartnerNotice

WHO = ["officer", "partner", "outsider", "anonymous"]


def body(people: People, **changes: Any) -> dict[str, Any]:
    return {
        "place": people.home.pk,
        "title": "Köln sucht Partner",
        "description": "Jugendaustausch",
        "areas": ["education"],
        "countries": ["FR"],
        "languages": ["fr"],
        "min_population": 10_000,
        "max_population": 900_000,
        "valid_until": (timezone.localdate() + timedelta(days=60)).isoformat(),
        **changes,
    }


@pytest.mark.parametrize(("who", "status"), list(zip(WHO, [201, 403, 403, 401], strict=True)))
def test_publishing(people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("post", "/notices", body(people), expect=status)
    if status == 201:
        data = response.json()
        assert data["place"]["name"] == "Cologne" and data["open"] is True
        assert (data["areas"], data["countries"], data["status"]) == (["education"], ["FR"], "published")
    else:
        assert "detail" in response.json()
        assert not PartnerNotice.objects.exists()


def test_a_read_token_cannot_publish(people: People) -> None:
    response = api_for(people, "officer", AccessToken.Scope.READ).call("post", "/notices", body(people), expect=403)
    assert "only read" in response.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_until": "2001-01-01"}, "in the past"),
        ({"min_population": 900_001}, "larger than the maximum"),
        ({"countries": ["ZZ"]}, "Unknown country: ZZ"),
        ({"languages": ["xx"]}, "Unknown language code: xx"),
        ({"areas": ["basket weaving"]}, "Unknown area of cooperation"),
        ({"title": ""}, "title cannot be empty"),
        ({"description": "x" * 100_000}, "too long: 100000 characters"),
    ],
)
def test_bad_values_are_400_with_the_reason(people: People, changes: dict[str, Any], message: str) -> None:
    response = api_for(people, "officer").call("post", "/notices", body(people, **changes), expect=400)
    assert message in response.json()["detail"]
    assert not PartnerNotice.objects.exists()


def test_wrong_types_are_422_and_an_unknown_place_404(people: People) -> None:
    api = api_for(people, "officer")
    api.call("post", "/notices", body(people, valid_until="next year"), expect=422)
    api.call("post", "/notices", body(people, place=999_999), expect=404)
    assert not PartnerNotice.objects.exists()


def test_the_board_lists_open_notices_with_filters(notice: PartnerNotice, people: People) -> None:
    api = api_for(people, "anonymous")
    listed = api.call("get", "/notices", expect=200).json()
    assert listed["count"] == 1 and listed["items"][0]["title"] == notice.title
    for query, count in [
        ({"area": "culture"}, 1),
        ({"area": "sport"}, 0),
        ({"country": "de"}, 1),
        ({"country": "FR"}, 0),
        ({"seeking": "FR"}, 1),
        ({"seeking": "PL"}, 0),
        ({"place": people.home.pk}, 1),
        ({"language": "fr"}, 0),
    ]:
        assert api.call("get", "/notices", query, expect=200).json()["count"] == count, query
    assert "unknown area" in api.call("get", "/notices", {"area": "magic"}, expect=400).json()["detail"]
    api.call("get", "/notices", {"seeking": "France"}, expect=400)
    Api("twn_forged").call("get", "/notices", expect=401)


@pytest.mark.parametrize(("who", "status"), list(zip(WHO, [200, 404, 404, 404], strict=True)))
def test_a_withdrawn_notice_is_seen_by_its_office_only(
    notice: PartnerNotice, people: People, who: str, status: int
) -> None:
    notices.withdraw(people.officer, notice)
    api = api_for(people, who)
    api.call("get", f"/notices/{notice.pk}", expect=status)
    assert api.call("get", "/notices").json()["count"] == 0
    mine = api.call("get", "/notices", {"mine": "true"}).json()
    assert mine["count"] == (1 if who == "officer" else 0)


def test_an_expired_notice_is_in_its_office_list(notice: PartnerNotice, people: People) -> None:
    PartnerNotice.objects.filter(pk=notice.pk).update(valid_until=timezone.localdate() - timedelta(days=3))
    mine = api_for(people, "officer").call("get", "/notices", {"mine": "true"}, expect=200).json()
    assert mine["count"] == 1 and mine["items"][0]["open"] is False
    assert api_for(people, "anonymous").call("get", "/notices").json()["count"] == 0


@pytest.mark.parametrize(("who", "status"), list(zip(WHO, [200, 403, 403, 401], strict=True)))
def test_changing_a_notice(notice: PartnerNotice, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("patch", f"/notices/{notice.pk}", {"title": "Neu"}, expect=status)
    notice.refresh_from_db()
    assert (notice.title == "Neu") is (status == 200)
    if status == 200:
        assert response.json()["title"] == "Neu" and response.json()["countries"] == ["FR"]


def test_a_bad_change_is_400_and_changes_nothing(notice: PartnerNotice, people: People) -> None:
    api = api_for(people, "officer")
    api.call("patch", f"/notices/{notice.pk}", {"title": "Neu", "max_population": 5}, expect=400)
    api.call("patch", f"/notices/{notice.pk}", {"valid_until": "2000-01-01"}, expect=400)
    for field in ("valid_until", "areas", "title"):
        api.call("patch", f"/notices/{notice.pk}", {field: None}, expect=400)
    notice.refresh_from_db()
    assert notice.title != "Neu" and notice.max_population == 1_000_000


@pytest.mark.parametrize(("who", "status"), list(zip(WHO, [200, 403, 403, 401], strict=True)))
def test_withdrawing_a_notice(notice: PartnerNotice, people: People, who: str, status: int) -> None:
    api_for(people, who).call("post", f"/notices/{notice.pk}/withdraw", expect=status)
    notice.refresh_from_db()
    assert (notice.status == PartnerNotice.Status.WITHDRAWN) is (status == 200)


@pytest.mark.parametrize(
    ("who", "place", "status"),
    [
        ("partner", "away", 201),
        ("officer", "home", 400),  # its own notice
        ("outsider", "away", 403),  # not Lyon's office
        ("outsider", "elsewhere", 201),  # Paris answers for itself
        ("anonymous", "away", 401),
    ],
)
def test_answering_a_notice(notice: PartnerNotice, people: People, who: str, place: str, status: int) -> None:
    place_id = getattr(people, place).pk
    response = api_for(people, who).call(
        "post", f"/notices/{notice.pk}/interests", {"place": place_id, "text": "Interested!"}, expect=status
    )
    assert Conversation.objects.filter(place_id=place_id).exists() is (status == 201)
    if status == 201:
        data = response.json()
        assert data["place"]["id"] == place_id and data["notice"] == notice.pk
        assert [m["text"] for m in data["messages"]] == ["Interested!"]


@pytest.mark.parametrize("text", ["", "x" * 100_000])
def test_an_answer_needs_a_reasonable_message(notice: PartnerNotice, people: People, text: str) -> None:
    response = api_for(people, "partner").call(
        "post", f"/notices/{notice.pk}/interests", {"place": people.away.pk, "text": text}, expect=400
    )
    assert "message" in response.json()["detail"]
    assert not Conversation.objects.exists()


def test_what_fits_a_notice(tiny_registry: TinyGazetteer, notice: PartnerNotice, people: People) -> None:
    other = notices.publish(
        people.partner,
        people.away,
        notices.NoticeTerms(
            title="Lyon cherche", areas=["culture"], countries=["DE"], valid_until=timezone.localdate()
        ),
    )
    data = api_for(people, "anonymous").call("get", f"/notices/{notice.pk}/matches", expect=200).json()
    assert {p["country"] for p in data["places"]} <= {"FR"}
    assert [n["notice"]["id"] for n in data["notices"]] == [other.pk]
    reasons = data["notices"][0]["reasons"]
    assert reasons[0]["code"] == "shared_areas" and "culture" in reasons[0]["text"]
    assert any(r["text"] == "Lyon is in France, where Cologne seeks a partner" for r in reasons)


def test_the_notices_api_is_in_the_openapi_document(db: None) -> None:
    schema = Api(None).call("get", "/openapi.json", expect=200).json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/notices"])
    assert {"get", "patch"} <= set(paths["/api/v1/notices/{notice_id}"])
    for path in [
        "/api/v1/notices/{notice_id}/withdraw",
        "/api/v1/notices/{notice_id}/matches",
        "/api/v1/notices/{notice_id}/interests",
        "/api/v1/conversations",
        "/api/v1/conversations/{conversation_id}/messages",
        "/api/v1/conversations/{conversation_id}/agreement",
        "/api/v1/places/{id}/consortium",
    ]:
        assert path in paths, path
    for name in ["NoticeIn", "NoticeOut", "ConversationDetailOut", "ConsortiumListOut", "MatchesOut"]:
        assert name in schema["components"]["schemas"], name
