"""The notices board, a notice's page, and publishing, editing, withdrawing and answering notices
through the pages, tried by the publishing office's officer, the interested office's officer, an
outsider and anonymously."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from tests.factories import TinyGazetteer
from tests.workspace import People, make_user
from twinnings.accounts.models import Membership, Role
from twinnings.partners import notices
from twinnings.partners.models import Conversation, PartnerNotice
from twinnings.partners.notices import NoticeTerms

WHO = ["officer", "partner", "outsider", "anonymous"]


def client_for(people: People, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(people.by_name(who))
    return client


def form(people: People, **changes: Any) -> dict[str, Any]:
    return {
        "place": people.home.pk,
        "title": "Köln sucht Partner",
        "areas": ["education", "culture"],
        "description": "Jugendaustausch",
        "countries": "FR, pl",
        "regions": "",
        "languages": "",
        "min_population": "10000",
        "max_population": "",
        "valid_until": (timezone.localdate() + timedelta(days=60)).isoformat(),
        **changes,
    }


def test_the_board_lists_open_notices_and_filters_them(notice: PartnerNotice, people: People) -> None:
    client = Client()
    html = client.get(reverse("partners:board")).content.decode()
    assert notice.title in html and "culture &amp; heritage" in html and "France" in html
    assert notice.title not in client.get(reverse("partners:board"), {"area": "sport"}).content.decode()
    assert notice.title in client.get(reverse("partners:board"), {"seeking": "FR", "country": "DE"}).content.decode()
    bad = client.get(reverse("partners:board"), {"area": "magic"})
    assert bad.status_code == 400 and "unknown area" in bad.content.decode()
    data = client.get(reverse("partners:board"), {"format": "json", "language": "de"}).json()
    assert data == {"count": 0, "items": []}
    data = client.get(reverse("partners:board"), {"format": "json"}).json()
    assert data["count"] == 1 and data["items"][0]["id"] == notice.pk


def test_the_board_reads_a_fixed_number_of_queries(
    people: People, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    def publish(n: int) -> None:
        for i in range(n):
            terms = NoticeTerms(
                title=f"Notice {i}", areas=["sport"], countries=["FR"], valid_until=timezone.localdate()
            )
            notices.publish(people.officer, people.home, terms)

    client = Client()
    publish(2)
    with django_assert_num_queries(3) as few:  # session-less: count, page, countries of the filter
        client.get(reverse("partners:board"))
    publish(8)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(reverse("partners:board")).content.decode().count('class="card notice-card"') == 10


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 404), ("outsider", 404), ("anonymous", 404)])
def test_a_withdrawn_notice_page_is_its_offices_only(
    notice: PartnerNotice, people: People, who: str, status: int
) -> None:
    notices.withdraw(people.officer, notice)
    assert client_for(people, who).get(notice.get_absolute_url()).status_code == status


def test_the_notice_page_offers_what_each_visitor_may_do(notice: PartnerNotice, people: People) -> None:
    url = notice.get_absolute_url()
    anonymous = client_for(people, "anonymous").get(url).content.decode()
    assert "Log in to answer this notice" in anonymous and "Withdraw" not in anonymous
    officer = client_for(people, "officer").get(url).content.decode()
    assert reverse("partners:notice_edit", args=[notice.pk]) in officer and "Express your interest" not in officer
    partner = client_for(people, "partner").get(url).content.decode()
    assert "Express your interest" in partner and "Withdraw" not in partner
    assert client_for(people, "anonymous").get(url, {"format": "json"}).json()["id"] == notice.pk


@pytest.mark.parametrize(("who", "created"), [("officer", True), ("partner", False), ("outsider", False)])
def test_publishing_through_the_page(people: People, who: str, created: bool) -> None:
    response = client_for(people, who).post(reverse("partners:notice_create"), form(people))
    assert PartnerNotice.objects.exists() is created
    if created:
        notice = PartnerNotice.objects.get()
        assert response.status_code == 302 and response["Location"] == notice.get_absolute_url()
        assert (notice.countries, notice.areas) == (["FR", "PL"], ["culture", "education"])
    else:  # another office's place is not among the choices
        assert response.status_code == 400


def test_anonymous_visitors_are_sent_to_log_in(notice: PartnerNotice, people: People) -> None:
    client = Client()
    for url in [
        reverse("partners:notice_create"),
        reverse("partners:notice_edit", args=[notice.pk]),
        reverse("partners:notice_withdraw", args=[notice.pk]),
        reverse("partners:interest", args=[notice.pk]),
    ]:
        response = client.post(url, form(people))
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    for url in [reverse("partners:mine"), reverse("partners:inbox"), reverse("partners:notice_create")]:
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    assert PartnerNotice.objects.count() == 1 and notice.title == PartnerNotice.objects.get().title
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_until": "2001-01-01"}, "in the past"),
        ({"min_population": "50000", "max_population": "10"}, "larger than the maximum"),
        ({"countries": "FR, XX"}, "Unknown country: XX"),
        ({"languages": "fr, qq"}, "Unknown language code: qq"),
        ({"areas": ["education", "alchemy"]}, "Select a valid choice"),
        ({"regions": "abc"}, "A region is given by its number"),
        ({"description": "x" * 100_000}, "too long: 100000 characters"),
    ],
)
def test_bad_values_on_the_page_are_explained_and_save_nothing(
    people: People, changes: dict[str, Any], message: str
) -> None:
    response = client_for(people, "officer").post(reverse("partners:notice_create"), form(people, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PartnerNotice.objects.exists()


def test_an_unverified_office_is_told_why(people: People, tiny_gazetteer: TinyGazetteer) -> None:
    editor = make_user("editor@krakow.example")
    Membership.objects.create(user=editor, place=tiny_gazetteer["krakow"], role=Role.ADMIN)
    client = Client()
    client.force_login(editor)
    response = client.post(reverse("partners:notice_create"), form(people, place=tiny_gazetteer["krakow"].pk))
    assert response.status_code == 403 and "must be verified" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("officer", 302), ("partner", 403), ("outsider", 403)])
def test_editing_through_the_page(notice: PartnerNotice, people: People, who: str, status: int) -> None:
    url = reverse("partners:notice_edit", args=[notice.pk])
    response = client_for(people, who).post(url, form(people, title="Neuer Titel"))
    assert response.status_code == status
    notice.refresh_from_db()
    assert (notice.title == "Neuer Titel") is (status == 302)


@pytest.mark.parametrize(("who", "withdrawn"), [("officer", True), ("partner", False), ("outsider", False)])
def test_withdrawing_through_the_page(notice: PartnerNotice, people: People, who: str, withdrawn: bool) -> None:
    response = client_for(people, who).post(reverse("partners:notice_withdraw", args=[notice.pk]))
    assert response.status_code == 302
    notice.refresh_from_db()
    assert (notice.status == PartnerNotice.Status.WITHDRAWN) is withdrawn
    if not withdrawn:
        assert response["X-Twinnings-Refused"] == "403"


def test_the_office_lists_its_expired_and_withdrawn_notices(notice: PartnerNotice, people: People) -> None:
    old = notices.publish(
        people.officer,
        people.home,
        NoticeTerms(title="Alte Suche", areas=["sport"], valid_until=timezone.localdate()),
    )
    PartnerNotice.objects.filter(pk=old.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    notices.withdraw(people.officer, notice)
    html = client_for(people, "officer").get(reverse("partners:mine")).content.decode()
    assert "Alte Suche" in html and "expired" in html
    assert notice.title in html and "withdrawn" in html
    assert "Alte Suche" not in client_for(people, "partner").get(reverse("partners:mine")).content.decode()
    assert "Alte Suche" not in Client().get(reverse("partners:board")).content.decode()


@pytest.mark.parametrize(
    ("who", "place", "status"),
    [("partner", "away", 302), ("officer", "home", 400), ("outsider", "away", 400), ("outsider", "elsewhere", 302)],
)
def test_answering_through_the_page(notice: PartnerNotice, people: People, who: str, place: str, status: int) -> None:
    place_id = getattr(people, place).pk
    url = reverse("partners:interest", args=[notice.pk])
    response = client_for(people, who).post(url, {"place": place_id, "text": "Gerne!"})
    assert response.status_code == status
    assert Conversation.objects.filter(place_id=place_id).exists() is (status == 302)
    if status == 302:
        assert response["Location"] == Conversation.objects.get().get_absolute_url()


def test_an_empty_answer_keeps_the_form_and_saves_nothing(notice: PartnerNotice, people: People) -> None:
    url = reverse("partners:interest", args=[notice.pk])
    response = client_for(people, "partner").post(url, {"place": people.away.pk, "text": "  "})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    response = client_for(people, "partner").post(url, {"place": people.away.pk, "text": "y" * 100_000})
    assert response.status_code == 400 and "message is too long" in response.content.decode()
    assert not Conversation.objects.exists()


def test_the_answer_form_is_gone_once_the_users_places_have_answered(notice: PartnerNotice, people: People) -> None:
    client = client_for(people, "outsider")
    assert "Express your interest" in client.get(notice.get_absolute_url()).content.decode()
    client.post(reverse("partners:interest", args=[notice.pk]), {"place": people.elsewhere.pk, "text": "Paris!"})
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "Express your interest" not in html
    assert Conversation.objects.get().get_absolute_url() in html  # its conversation is listed instead
    assert "Express your interest" in client_for(people, "partner").get(notice.get_absolute_url()).content.decode()
