"""Checks the programme's services share."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, can
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement
from twinnings.core.errors import Forbidden, Refused

__all__ = ["User", "amount", "require_editor", "require_open", "within_term", "year"]

MAX_AMOUNT = Decimal("999999999999.99")


def require_editor(actor: User, agreement: Agreement) -> None:
    """Only the administrators and editors of the parties' offices run the programme."""
    if not can(actor, Action.EDIT, agreement):
        raise Forbidden(_("Only an administrator or editor of a party's office can change this agreement's programme."))


def require_open(agreement: Agreement) -> None:
    if agreement.status == Status.ENDED:
        raise Refused(_("The agreement has ended: its programme can no longer change."))


def within_term(agreement: Agreement, start: date, end: date) -> None:
    if end < start:
        raise Refused(_("The activity cannot end before it starts."))
    if agreement.start_date and start < agreement.start_date:
        raise Refused(
            _("The activity starts before the agreement's term (from %(start)s).") % {"start": agreement.start_date}
        )
    if agreement.end_date and end > agreement.end_date:
        raise Refused(_("The activity ends after the agreement's term (until %(end)s).") % {"end": agreement.end_date})


def amount(value: object, what: str) -> Decimal:
    """A non-negative amount with at most two decimals."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise Refused(_("%(what)s is not a number.") % {"what": what}) from None
    if not number.is_finite():
        raise Refused(_("%(what)s is not a number.") % {"what": what})
    if number < 0:
        raise Refused(_("%(what)s cannot be negative.") % {"what": what})
    if number > MAX_AMOUNT or number != number.quantize(Decimal("0.01")):
        raise Refused(_("%(what)s is too large or has more than two decimals.") % {"what": what})
    return number.quantize(Decimal("0.01"))


def year(value: int, agreement: Agreement) -> int:
    first = agreement.start_date.year if agreement.start_date else 1900
    last = agreement.end_date.year if agreement.end_date else 2200
    if not first <= value <= last:
        raise Refused(_("The year %(year)s is outside the agreement's term.") % {"year": value})
    return value
