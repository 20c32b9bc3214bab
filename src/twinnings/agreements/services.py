"""Writing an agreement: creating it and changing its content while it is a draft or under
negotiation. Every change checks permission and the revision the editor started from (a stale
edit is refused as a conflict and changes nothing), raises the revision, and is audited."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from twinnings.accounts.models import Organisation
from twinnings.accounts.permissions import Action, can
from twinnings.agreements import validation
from twinnings.agreements.choices import OrganisationRole, Status
from twinnings.agreements.models import (
    Agreement,
    AssociatedOrganisation,
    Clause,
    Commitment,
    Party,
    ResourceAllocation,
)
from twinnings.audit.services import record, scope_of, snapshot
from twinnings.core.errors import Conflict, Forbidden, Refused
from twinnings.places.models import Place

EDITABLE = frozenset({Status.DRAFT, Status.NEGOTIATING})
TERM_FIELDS = [
    "title",
    "areas",
    "objectives",
    "languages",
    "start_date",
    "end_date",
    "review_date",
    "renewal_terms",
]


def locked(agreement: Agreement) -> Agreement:
    """The agreement re-read under a row lock (call inside a transaction)."""
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


def check_revision(agreement: Agreement, revision: int) -> None:
    if agreement.revision != revision:
        raise Conflict(
            _(
                "Someone else changed this agreement while you were editing (it is now at revision %(now)s, "
                "you started from %(yours)s). Your change was not saved: reload the agreement and apply it again."
            )
            % {"now": agreement.revision, "yours": revision}
        )


@contextmanager
def editing(actor: User, agreement: Agreement, revision: int) -> Iterator[Agreement]:
    """Lock, authorise and check the revision; raise it afterwards. Yields the locked agreement."""
    with transaction.atomic():
        current = locked(agreement)
        if not can(actor, Action.EDIT, current):
            raise Forbidden(_("You cannot edit this agreement."))
        if current.stage not in EDITABLE:
            raise Refused(
                _("The agreement is %(stage)s: its text can change only while it is a draft or under negotiation.")
                % {"stage": Status(current.stage).label}
            )
        check_revision(current, revision)
        yield current
        current.revision += 1
        current.save(update_fields=["revision", "updated_at"])
        agreement.revision = current.revision


@transaction.atomic
def create_agreement(actor: User, owner: Place, partners: list[Place], title: str, languages: list[str]) -> Agreement:
    if not can(actor, Action.EDIT, owner):
        raise Forbidden(_("Only an administrator or editor of the place's office can start an agreement for it."))
    others = list({p.pk: p for p in partners if p.pk != owner.pk}.values())
    if not others:
        raise Refused(_("An agreement needs at least one partner place."))
    if not title.strip():
        raise Refused(_("An agreement needs a title."))
    agreement = Agreement.objects.create(
        title=title.strip()[:200], owner=owner, languages=validation.languages(languages), created_by=actor
    )
    for position, place in enumerate([owner, *others]):
        Party.objects.create(agreement=agreement, place=place, position=position)
    record(actor, "agreement.create", agreement, after=snapshot(agreement, TERM_FIELDS + ["owner", "status"]))
    return agreement


def update_terms(actor: User, agreement: Agreement, revision: int, **changes: Any) -> Agreement:
    """Title, areas, objectives, languages and term; only the given fields change."""
    unknown = set(changes) - set(TERM_FIELDS)
    if unknown:
        raise Refused(_("Unknown field: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if "languages" in changes:
        changes["languages"] = validation.languages(changes["languages"])
    if "areas" in changes:
        changes["areas"] = validation.areas(changes["areas"])
    if "title" in changes:
        changes["title"] = str(changes["title"]).strip()[:200]
        if not changes["title"]:
            raise Refused(_("An agreement needs a title."))
    with editing(actor, agreement, revision) as current:
        before = snapshot(current, TERM_FIELDS)
        for name, value in changes.items():
            setattr(current, name, value)
        validation.term(current.start_date, current.end_date, current.review_date)
        current.save(update_fields=[*changes, "updated_at"])
        record(actor, "agreement.update", current, before=before, after=snapshot(current, TERM_FIELDS))
    return current


def _party(agreement: Agreement, party_id: int) -> Party:
    party = agreement.parties.select_related("place").filter(pk=party_id).first()
    if party is None:
        raise Refused(_("This place is not a party to the agreement."))
    return party


def set_responsibilities(actor: User, agreement: Agreement, revision: int, party_id: int, text: str) -> Party:
    with editing(actor, agreement, revision) as current:
        party = _party(current, party_id)
        before = snapshot(party, ["place", "responsibilities"])
        party.responsibilities = text.strip()
        party.save(update_fields=["responsibilities"])
        after = snapshot(party, ["place", "responsibilities"])
        record(actor, "agreement.responsibilities", party, before=before, after=after, scope=scope_of(current))
    return party


def save_clause(
    actor: User, agreement: Agreement, revision: int, texts: dict[str, str], clause_id: int | None = None
) -> Clause:
    """Add a clause (at the end) or change one; `texts` maps each language of the agreement to its text."""
    with editing(actor, agreement, revision) as current:
        strange = [code for code in texts if code not in current.languages]
        if strange:
            raise Refused(_("Not a language of this agreement: %(codes)s.") % {"codes": ", ".join(strange)})
        cleaned = {
            code: str(texts.get(code, "")).strip() for code in current.languages if str(texts.get(code, "")).strip()
        }
        if clause_id is None:
            position = (current.clauses.order_by("-position").values_list("position", flat=True).first() or 0) + 1
            clause = Clause.objects.create(agreement=current, position=position, texts=cleaned)
            record(actor, "agreement.clause_add", clause, after=snapshot(clause), scope=scope_of(current))
        else:
            found = current.clauses.filter(pk=clause_id).first()
            if found is None:
                raise Refused(_("This clause does not belong to the agreement."))
            clause = found
            before = snapshot(clause)
            clause.texts = {**{k: v for k, v in clause.texts.items() if k not in texts}, **cleaned}
            clause.save(update_fields=["texts"])
            record(
                actor, "agreement.clause_change", clause, before=before, after=snapshot(clause), scope=scope_of(current)
            )
    return clause


def delete_clause(actor: User, agreement: Agreement, revision: int, clause_id: int) -> None:
    with editing(actor, agreement, revision) as current:
        clause = current.clauses.filter(pk=clause_id).first()
        if clause is None:
            raise Refused(_("This clause does not belong to the agreement."))
        record(actor, "agreement.clause_delete", clause, before=snapshot(clause), scope=scope_of(current))
        clause.delete()
        for position, later in enumerate(current.clauses.order_by("position", "id"), start=1):
            if later.position != position:
                later.position = position
                later.save(update_fields=["position"])


def add_commitment(
    actor: User, agreement: Agreement, revision: int, party_id: int, description: str, due: date | None
) -> Commitment:
    if not description.strip():
        raise Refused(_("Say what the party commits to."))
    with editing(actor, agreement, revision) as current:
        commitment = Commitment.objects.create(
            agreement=current, party=_party(current, party_id), description=description.strip(), due=due
        )
        record(actor, "agreement.commitment_add", commitment, after=snapshot(commitment), scope=scope_of(current))
    return commitment


def add_resource(
    actor: User,
    agreement: Agreement,
    revision: int,
    party_id: int,
    year: int,
    amount: Decimal | None = None,
    currency: str = "",
    in_kind: str = "",
) -> ResourceAllocation:
    """An amount with its ISO 4217 currency, or (without an amount) a description in kind."""
    if amount is not None:
        if amount < 0:
            raise Refused(_("An amount cannot be negative."))
        currency = validation.currency(currency)
    elif not in_kind.strip():
        raise Refused(_("Give an amount with its currency, or describe the contribution in kind."))
    if not 1900 <= year <= 2200:
        raise Refused(_("The year is out of range."))
    with editing(actor, agreement, revision) as current:
        resource = ResourceAllocation.objects.create(
            agreement=current,
            party=_party(current, party_id),
            year=year,
            amount=amount,
            currency=currency if amount is not None else "",
            in_kind=in_kind.strip(),
        )
        record(actor, "agreement.resource_add", resource, after=snapshot(resource), scope=scope_of(current))
    return resource


def link_organisation(
    actor: User, agreement: Agreement, revision: int, organisation: Organisation, role: str
) -> AssociatedOrganisation:
    if role not in OrganisationRole.values:
        raise Refused(_("Unknown role of an organisation."))
    with editing(actor, agreement, revision) as current:
        link, _created = AssociatedOrganisation.objects.update_or_create(
            agreement=current, organisation=organisation, defaults={"role": role}
        )
        record(actor, "agreement.organisation_link", link, after=snapshot(link), scope=scope_of(current))
    return link


REMOVABLE: dict[str, type[Commitment] | type[ResourceAllocation] | type[AssociatedOrganisation]] = {
    "commitment": Commitment,
    "resource": ResourceAllocation,
    "organisation": AssociatedOrganisation,
}


def remove_item(actor: User, agreement: Agreement, revision: int, kind: str, item_id: int) -> None:
    """Remove a commitment, a resource allocation or an associated organisation."""
    model = REMOVABLE.get(kind)
    if model is None:
        raise Refused(_("Nothing of that kind to remove."))
    with editing(actor, agreement, revision) as current:
        item = model.objects.filter(agreement=current, pk=item_id).first()
        if item is None:
            raise Refused(_("This item does not belong to the agreement."))
        record(actor, f"agreement.{kind}_remove", item, before=snapshot(item), scope=scope_of(current))
        item.delete()
