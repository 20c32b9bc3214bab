"""Subscribable calendar feeds: made from the calendar page, the secret shown once and stored only as
its hash, read without a session, 404 once revoked, replaced or no longer visible to its owner."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.programme.calendar_data import add_activity, client_for, parse_feed
from tests.workspace import People
from twinnings.accounts.models import Membership
from twinnings.agreements.models import Agreement
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden
from twinnings.programme.models import Activity, CalendarFeed
from twinnings.programme.services import feeds


def feed_path(secret: str) -> str:
    return reverse("programme:feed", args=[secret])


def make_feed_on_page(client: Client, url: str) -> str:
    """Post the page's form; the full address appears once, on that response."""
    html = client.post(url).content.decode()
    start = html.index("http://testserver/workspace/calendar/cal_")
    return html[start : html.index(".ics", start) + 4].removeprefix("http://testserver")


@pytest.mark.parametrize("who", ["officer", "partner"])
def test_a_party_makes_a_feed_from_the_calendar_page_and_subscribes(
    exchange: Activity, people: People, who: str
) -> None:
    client = client_for(people, who)
    page = reverse("programme:calendar", args=[exchange.agreement_id])
    path = make_feed_on_page(client, page)
    secret = path.removeprefix("/workspace/calendar/").removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=people.by_name(who))
    assert feed.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in client.get(page).content.decode()  # shown once
    assert AuditEntry.objects.filter(action="calendar_feed.create", object_id=str(feed.pk)).exists()

    response = Client().get(path)  # a calendar program: no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse_feed(response.content)
    activity = events[f"activity-{exchange.pk}@testserver"]
    assert activity.decoded("dtstart") == date(2026, 6, 8)
    assert activity.decoded("dtend") == date(2026, 6, 16)
    assert str(activity["summary"]) == exchange.title
    assert str(activity["location"]) == "Lycée Ampère, Lyon"
    assert str(activity["status"]) == "CONFIRMED"  # held
    assert str(activity["url"]).startswith(f"http://testserver{page}?month=2026-06")
    assert f"agreement-{exchange.agreement_id}-start@testserver" in events


def test_an_outsider_cannot_make_a_feed_of_someone_elses_calendar(exchange: Activity, people: People) -> None:
    response = client_for(people, "outsider").post(reverse("programme:calendar", args=[exchange.agreement_id]))
    assert response.status_code == 404
    assert (
        client_for(people, "anonymous").post(reverse("programme:calendar", args=[exchange.agreement_id])).status_code
        == 302
    )
    with pytest.raises(Forbidden):
        feeds.create_feed(people.outsider, agreement=exchange.agreement)
    assert not CalendarFeed.objects.exists()


def test_unknown_and_revoked_feeds_answer_404(exchange: Activity, people: People) -> None:
    feed, secret = feeds.create_feed(people.officer, agreement=exchange.agreement)
    assert Client().get(feed_path(secret)).status_code == 200
    assert Client().get(feed_path("cal_" + "x" * 43)).status_code == 404
    assert Client().get(feed_path(secret[:-1])).status_code == 404
    assert client_for(people, "partner").post(reverse("programme:feed-revoke", args=[feed.pk])).status_code == 404
    assert client_for(people, "outsider").post(reverse("programme:feed-revoke", args=[feed.pk])).status_code == 404
    assert client_for(people, "anonymous").post(reverse("programme:feed-revoke", args=[feed.pk])).status_code == 302
    assert Client().get(feed_path(secret)).status_code == 200
    response = client_for(people, "officer").post(reverse("programme:feed-revoke", args=[feed.pk]))
    assert response.status_code == 302
    assert Client().get(feed_path(secret)).status_code == 404
    assert AuditEntry.objects.filter(action="calendar_feed.revoke", object_id=str(feed.pk)).exists()


def test_a_new_address_replaces_the_old_one(exchange: Activity, people: People) -> None:
    _old, first = feeds.create_feed(people.officer, agreement=exchange.agreement)
    _new, second = feeds.create_feed(people.officer, agreement=exchange.agreement)
    assert Client().get(feed_path(first)).status_code == 404
    assert Client().get(feed_path(second)).status_code == 200
    _place, third = feeds.create_feed(people.officer, place=people.home)  # another calendar: both work
    assert Client().get(feed_path(second)).status_code == 200
    assert Client().get(feed_path(third)).status_code == 200


def test_a_feed_stops_when_its_owner_leaves_the_office(exchange: Activity, people: People) -> None:
    _feed, agreement_secret = feeds.create_feed(people.partner, agreement=exchange.agreement)
    _feed, place_secret = feeds.create_feed(people.partner, place=people.home)
    assert Client().get(feed_path(place_secret)).status_code == 200
    Membership.objects.filter(user=people.partner).delete()
    assert Client().get(feed_path(agreement_secret)).status_code == 404
    assert Client().get(feed_path(place_secret)).status_code == 404


def test_a_feed_stops_when_its_owner_is_deactivated(exchange: Activity, people: People) -> None:
    _feed, secret = feeds.create_feed(people.officer, agreement=exchange.agreement)
    people.officer.is_active = False
    people.officer.save()
    assert Client().get(feed_path(secret)).status_code == 404


def test_a_place_feed_lists_only_what_its_owner_may_see(active: Agreement, people: People) -> None:
    """Cologne's officer drafts a second agreement with Paris: on Cologne's feed, the officer sees
    both; Lyon's member, whose feed of Cologne shows the shared agreement, does not see the draft."""
    shared = add_activity(people, active, date(2027, 3, 1), title="Shared concert")
    from twinnings.agreements import services

    draft = services.create_agreement(people.officer, people.home, [people.elsewhere], "Köln – Paris", ["de"])
    private = add_activity(people, draft, date(2027, 3, 2), title="Private rehearsal", host_place=people.home)
    _feed, officer_secret = feeds.create_feed(people.officer, place=people.home)
    _feed, partner_secret = feeds.create_feed(people.partner, place=people.home)
    officer_events = parse_feed(Client().get(feed_path(officer_secret)).content)
    partner_events = parse_feed(Client().get(feed_path(partner_secret)).content)
    assert {f"activity-{shared.pk}@testserver", f"activity-{private.pk}@testserver"} <= set(officer_events)
    assert f"activity-{shared.pk}@testserver" in partner_events
    assert f"activity-{private.pk}@testserver" not in partner_events
    assert not any(uid.startswith(f"agreement-{draft.pk}-") for uid in partner_events)


def test_the_calendar_page_lists_and_revokes_the_users_feeds(exchange: Activity, people: People) -> None:
    client = client_for(people, "officer")
    page = reverse("programme:calendar", args=[exchange.agreement_id])
    make_feed_on_page(client, page)
    feed = CalendarFeed.objects.get()
    html = client.get(page).content.decode()
    assert reverse("programme:feed-revoke", args=[feed.pk]) in html
    assert "Make a new address" in html
    assert (
        reverse("programme:feed-revoke", args=[feed.pk]) not in client_for(people, "partner").get(page).content.decode()
    )
