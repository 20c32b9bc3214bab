"""The lifecycle of an agreement, as a transition table:

    draft → proposed ⇄ negotiating;  proposed → approved (every party's council) →
    signed (every party's signatory, the same version) → active → review due →
    renewed (active again) | suspended → revived (active) | ended

Once in force, an agreement is amended by the same text track (negotiating → proposed →
approved → signed) held in `amendment_stage`, while it stays in force under its signed version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinnings.accounts.permissions import Action, AgreementAccess, can
from twinnings.agreements import publication, validation
from twinnings.agreements.choices import IN_FORCE, Status
from twinnings.agreements.models import Agreement, AgreementVersion, Approval, Party, Signature
from twinnings.agreements.services import check_revision, locked
from twinnings.agreements.versions import content_hash, content_of
from twinnings.audit.services import record, scope_of, snapshot
from twinnings.core.errors import Forbidden, Refused
from twinnings.registry.models import Twinning


class Event(StrEnum):
    PROPOSE = "propose"
    NEGOTIATE = "negotiate"
    APPROVE = "approve"
    SIGN = "sign"
    ACTIVATE = "activate"
    REVIEW = "review"
    RENEW = "renew"
    SUSPEND = "suspend"
    REVIVE = "revive"
    END = "end"
    AMEND = "amend"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status
    action: Action
    text: bool  # moves the text's stage (an amendment's, once in force) rather than the status


def _t(sources: set[Status], target: Status, action: Action, text: bool = False) -> Transition:
    return Transition(frozenset(sources), target, action, text)


TRANSITIONS: dict[Event, Transition] = {
    Event.PROPOSE: _t({Status.DRAFT, Status.NEGOTIATING}, Status.PROPOSED, Action.EDIT, text=True),
    Event.NEGOTIATE: _t({Status.PROPOSED}, Status.NEGOTIATING, Action.EDIT, text=True),
    Event.APPROVE: _t({Status.PROPOSED}, Status.APPROVED, Action.APPROVE, text=True),
    Event.SIGN: _t({Status.APPROVED}, Status.SIGNED, Action.SIGN, text=True),
    Event.ACTIVATE: _t({Status.SIGNED}, Status.ACTIVE, Action.MANAGE),
    Event.REVIEW: _t({Status.ACTIVE}, Status.REVIEW_DUE, Action.MANAGE),
    Event.RENEW: _t({Status.ACTIVE, Status.REVIEW_DUE}, Status.ACTIVE, Action.MANAGE),
    Event.SUSPEND: _t({Status.ACTIVE, Status.REVIEW_DUE}, Status.SUSPENDED, Action.MANAGE),
    Event.REVIVE: _t({Status.SUSPENDED}, Status.ACTIVE, Action.MANAGE),
    Event.END: _t({Status.ACTIVE, Status.REVIEW_DUE, Status.SUSPENDED}, Status.ENDED, Action.MANAGE),
    Event.AMEND: _t({Status.ACTIVE, Status.REVIEW_DUE}, Status.NEGOTIATING, Action.EDIT),
}
LABELS = {
    Event.PROPOSE: gettext_lazy("propose"),
    Event.NEGOTIATE: gettext_lazy("reopen for negotiation"),
    Event.APPROVE: gettext_lazy("approve"),
    Event.SIGN: gettext_lazy("sign"),
    Event.ACTIVATE: gettext_lazy("bring into force"),
    Event.REVIEW: gettext_lazy("mark as due for review"),
    Event.RENEW: gettext_lazy("renew"),
    Event.SUSPEND: gettext_lazy("suspend"),
    Event.REVIVE: gettext_lazy("revive"),
    Event.END: gettext_lazy("end"),
    Event.AMEND: gettext_lazy("amend"),
}


def current_stage(agreement: Agreement, transition: Transition) -> str:
    if transition.text and agreement.status in IN_FORCE:
        return agreement.amendment_stage
    return agreement.status


def allowed(agreement: Agreement, event: Event) -> bool:
    transition = TRANSITIONS[event]
    if event == Event.AMEND and agreement.amendment_stage:
        return False
    return current_stage(agreement, transition) in transition.sources


def check(agreement: Agreement, event: Event) -> Transition:
    """The transition, or Refused saying why the event cannot happen now."""
    transition = TRANSITIONS[event]
    if allowed(agreement, event):
        return transition
    if event == Event.AMEND and agreement.amendment_stage:
        raise Refused(_("An amendment is already under way."))
    stage = current_stage(agreement, transition)
    raise Refused(
        _("You cannot %(event)s an agreement that is %(stage)s; that is possible only when it is %(sources)s.")
        % {
            "event": LABELS[event],
            "stage": Status(stage).label if stage else _("not being amended"),
            "sources": ", ".join(str(Status(s).label) for s in Status if s in transition.sources),
        }
    )


def available(access: AgreementAccess, agreement: Agreement) -> list[Event]:
    """The events the user whose access this is could start now (for the buttons of the agreement's page)."""
    return [e for e in Event if allowed(agreement, e) and access.allows(TRANSITIONS[e].action)]


def _authorise(actor: User, agreement: Agreement, event: Event) -> Transition:
    transition = check(agreement, event)
    if not can(actor, transition.action, agreement):
        raise Forbidden(_("Your role does not allow you to %(event)s this agreement.") % {"event": LABELS[event]})
    return transition


def _move(actor: User | None, agreement: Agreement, event: Event, **extra: object) -> None:
    transition = TRANSITIONS[event]
    before = snapshot(agreement, ["status", "amendment_stage", "status_reason", "status_date"])
    target = transition.target
    if event == Event.AMEND:
        agreement.amendment_stage = target
    elif transition.text and agreement.status in IN_FORCE:
        agreement.amendment_stage = "" if target == Status.SIGNED else target
    else:
        agreement.status = target
    agreement.save()
    after = snapshot(agreement, ["status", "amendment_stage", "status_reason", "status_date"])
    record(actor, f"agreement.{event}", agreement, before=before, after={**after, **extra})


@transaction.atomic
def propose(actor: User, agreement: Agreement, revision: int) -> AgreementVersion:
    """Freeze the current text as a new immutable version and propose it to every party."""
    current = locked(agreement)
    _authorise(actor, current, Event.PROPOSE)
    check_revision(current, revision)
    content = content_of(current)
    number = (current.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AgreementVersion.objects.create(
        agreement=current, number=number, content=content, hash=content_hash(content), created_by=actor
    )
    current.current_version = version
    _move(actor, current, Event.PROPOSE, version=number, hash=version.hash)
    return version


@transaction.atomic
def negotiate(actor: User, agreement: Agreement) -> None:
    current = locked(agreement)
    _authorise(actor, current, Event.NEGOTIATE)
    _move(actor, current, Event.NEGOTIATE)


@transaction.atomic
def amend(actor: User, agreement: Agreement) -> None:
    current = locked(agreement)
    _authorise(actor, current, Event.AMEND)
    _move(actor, current, Event.AMEND)


def _current_version(agreement: Agreement, version: AgreementVersion) -> AgreementVersion:
    current = agreement.current_version
    if current is None or version.pk != current.pk or version.hash != current.hash:
        raise Refused(
            _(
                "Version %(number)s is no longer the current proposal: "
                "only version %(current)s can be approved or signed."
            )
            % {"number": version.number, "current": current.number if current else "—"}
        )
    return current


def _acting_party(actor: User, agreement: Agreement, party: Party, action: Action) -> None:
    if party.agreement_id != agreement.pk:
        raise Refused(_("This place is not a party to the agreement."))
    if not can(actor, action, party):
        raise Forbidden(_("You cannot act for %(place)s.") % {"place": party.place.name})


@transaction.atomic
def approve(
    actor: User, agreement: Agreement, party: Party, version: AgreementVersion, reference: str, resolution_date: date
) -> Approval:
    """Record a party's council resolution approving the current version; once every party has
    approved it, the agreement is approved. Refused while a clause lacks a language."""
    current = locked(agreement)
    _authorise(actor, current, Event.APPROVE)
    _acting_party(actor, current, party, Action.APPROVE)
    version = _current_version(current, version)
    clauses = version.content.get("clauses", [])
    if not clauses:
        raise Refused(_("The agreement has no clause yet."))
    missing = validation.missing_translations(clauses, version.content.get("languages", []))
    if missing:
        raise Refused(
            _("Every clause needs its text in every language; missing: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    if not reference.strip():
        raise Refused(_("Give the reference of the council's resolution."))
    if Approval.objects.filter(version=version, party=party).exists():
        raise Refused(_("%(place)s has already approved this version.") % {"place": party.place.name})
    approval = Approval.objects.create(
        version=version,
        party=party,
        resolution_reference=reference.strip(),
        resolution_date=resolution_date,
        recorded_by=actor,
    )
    record(actor, "agreement.approval", approval, after=snapshot(approval), scope=scope_of(current))
    if version.approvals.count() == current.parties.count():
        _move(actor, current, Event.APPROVE, version=version.number)
    return approval


@transaction.atomic
def sign(actor: User, agreement: Agreement, party: Party, version: AgreementVersion) -> Signature:
    """A party's signatory signs the current, approved version; once every party has signed it,
    the agreement (or its amendment) is signed and the registry's twinning created or confirmed."""
    current = locked(agreement)
    _authorise(actor, current, Event.SIGN)
    _acting_party(actor, current, party, Action.SIGN)
    version = _current_version(current, version)
    if Signature.objects.filter(version=version, party=party).exists():
        raise Refused(_("%(place)s has already signed this version.") % {"place": party.place.name})
    signature = Signature.objects.create(
        version=version,
        party=party,
        user=actor,
        signer_name=actor.get_full_name() or actor.email,
        version_hash=version.hash,
    )
    record(actor, "agreement.signature", signature, after=snapshot(signature), scope=scope_of(current))
    if version.signatures.count() == current.parties.count():
        current.signed_version = version
        _move(actor, current, Event.SIGN, version=version.number, hash=version.hash)
        publication.publish(current, timezone.localdate())
    return signature


@transaction.atomic
def activate(actor: User, agreement: Agreement) -> None:
    current = locked(agreement)
    _authorise(actor, current, Event.ACTIVATE)
    _move(actor, current, Event.ACTIVATE)


@transaction.atomic
def mark_review_due(actor: User, agreement: Agreement) -> None:
    current = locked(agreement)
    _authorise(actor, current, Event.REVIEW)
    _move(actor, current, Event.REVIEW)


@transaction.atomic
def mark_reviews_due(today: date) -> list[Agreement]:
    """The daily job: agreements in force whose review date has come are due for review."""
    moved = []
    for agreement in Agreement.objects.select_for_update().filter(status=Status.ACTIVE, review_date__lte=today):
        _move(None, agreement, Event.REVIEW)
        moved.append(agreement)
    return moved


@transaction.atomic
def renew(actor: User, agreement: Agreement, end_date: date | None, review_date: date | None) -> None:
    """A new term: the end (empty: open-ended) and next review dates."""
    current = locked(agreement)
    _authorise(actor, current, Event.RENEW)
    validation.term(current.start_date, end_date, review_date)
    current.end_date, current.review_date = end_date, review_date
    _move(actor, current, Event.RENEW, end_date=end_date, review_date=review_date)


def _with_reason(current: Agreement, reason: str, on: date) -> None:
    if not reason.strip():
        raise Refused(_("Give the reason."))
    current.status_reason, current.status_date = reason.strip(), on


@transaction.atomic
def suspend(actor: User, agreement: Agreement, reason: str, on: date) -> None:
    current = locked(agreement)
    _authorise(actor, current, Event.SUSPEND)
    _with_reason(current, reason, on)
    _move(actor, current, Event.SUSPEND)
    publication.set_status(current, Twinning.Status.SUSPENDED)


@transaction.atomic
def revive(actor: User, agreement: Agreement, on: date) -> None:
    current = locked(agreement)
    _authorise(actor, current, Event.REVIVE)
    current.status_reason, current.status_date = "", on
    _move(actor, current, Event.REVIVE)
    publication.set_status(current, Twinning.Status.ACTIVE)


@transaction.atomic
def end(actor: User, agreement: Agreement, reason: str, on: date) -> None:
    current = locked(agreement)
    _authorise(actor, current, Event.END)
    _with_reason(current, reason, on)
    current.amendment_stage = ""
    _move(actor, current, Event.END)
    publication.set_status(current, Twinning.Status.ENDED, until=on)
