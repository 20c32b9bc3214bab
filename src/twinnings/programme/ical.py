"""Calendar events as an iCalendar (RFC 5545) document that calendar programs subscribe to: all-day
events (DTEND the day after the last day), stable UIDs, and the activity's status."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import icalendar

from twinnings.programme.calendar import ACTIVITY, Event

# An activity's status as a calendar's: only planned ones are tentative; key dates are fixed.
STATUS = {"planned": "TENTATIVE", "confirmed": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _vevent(event: Event, domain: str, url: str) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.uid}@{domain}")
    vevent.add("dtstamp", event.updated or EPOCH)
    if event.updated:
        vevent.add("last-modified", event.updated)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end + timedelta(days=1))
    vevent.add("summary", event.summary)
    if event.location:
        vevent.add("location", event.location)
    if event.description:
        vevent.add("description", event.description)
    vevent.add("status", STATUS.get(event.status, "CONFIRMED") if event.kind == ACTIVITY else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT")  # all-day programme items do not make the subscriber busy
    vevent.add("url", url)
    return vevent


def calendar(name: str, events: Iterable[Event], domain: str, url: Callable[[Event], str]) -> bytes:
    """The iCalendar document: `domain` makes the UIDs globally unique, `url` links each event back."""
    document = icalendar.Calendar()
    document.add("prodid", "-//Twinnings//Programme calendar//EN")
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("x-wr-calname", name)
    for event in events:
        document.add_component(_vevent(event, domain, url(event)))
    return document.to_ical()
