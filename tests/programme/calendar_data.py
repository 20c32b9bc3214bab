"""Helpers of the calendar, feed, reminder and dashboard tests: activities on given days, clients
signed in as one of the standard users, and a parser of iCalendar answers."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
from django.test import Client

from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import create_activity

WHO = ["officer", "partner", "outsider"]


def add_activity(
    people: People, agreement: Agreement, start: date, days: int = 1, status: str = "planned", **changes: object
) -> Activity:
    data = exchange_data(people, start_date=start, end_date=start + timedelta(days=days - 1), status=status)
    for name, value in changes.items():
        setattr(data, name, value)
    return create_activity(people.officer, agreement, data)


def client_for(people: People, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(people.by_name(who))
    return client


def parse_feed(body: bytes) -> dict[str, icalendar.Event]:
    """The events of an iCalendar document, by UID."""
    document = icalendar.Calendar.from_ical(body)
    return {str(event["uid"]): event for event in document.walk("VEVENT")}
