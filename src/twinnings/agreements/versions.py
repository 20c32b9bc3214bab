"""A version's content: the agreement frozen as plain data, its hash, and the difference between two."""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from twinnings.agreements.models import Agreement


def content_of(agreement: Agreement) -> dict[str, Any]:
    parties = list(agreement.parties.select_related("place__country"))
    label = {p.pk: p.place.name for p in parties}
    return {
        "title": agreement.title,
        "languages": list(agreement.languages),
        "parties": [
            {
                "place": p.place_id,
                "name": p.place.name,
                "country": p.place.country_id,
                "responsibilities": p.responsibilities,
            }
            for p in parties
        ],
        "organisations": [
            {"organisation": o.organisation_id, "name": o.organisation.name, "role": o.role}
            for o in agreement.organisations.select_related("organisation")
        ],
        "areas": list(agreement.areas),
        "objectives": agreement.objectives,
        "commitments": [
            {"party": label[c.party_id], "description": c.description, "due": c.due.isoformat() if c.due else None}
            for c in agreement.commitments.all()
        ],
        "resources": [
            {
                "party": label[r.party_id],
                "year": r.year,
                "amount": str(r.amount) if r.amount is not None else None,
                "currency": r.currency,
                "in_kind": r.in_kind,
            }
            for r in agreement.resources.all()
        ],
        "term": {
            "start": agreement.start_date.isoformat() if agreement.start_date else None,
            "end": agreement.end_date.isoformat() if agreement.end_date else None,
            "review": agreement.review_date.isoformat() if agreement.review_date else None,
            "renewal_terms": agreement.renewal_terms,
        },
        "clauses": [{"position": c.position, "texts": dict(c.texts)} for c in agreement.clauses.all()],
    }


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Change:
    """One section of the content that differs: the lines before and after, and a line-by-line diff."""

    section: str
    before: list[str]
    after: list[str]

    @property
    def label(self) -> str:
        return str(SECTIONS[self.section])

    @property
    def lines(self) -> list[tuple[str, str]]:
        """(`-`, `+` or ` `, line) in reading order."""
        out = []
        for line in difflib.ndiff(self.before, self.after):
            if line[0] in "-+ ":
                out.append((line[0], line[2:]))
        return out


def _item_line(section: str, item: dict[str, Any]) -> str:
    if section == "parties":
        return f"{item['name']}: {item['responsibilities']}"
    if section == "commitments":
        return f"{item['party']}: {item['description']}" + (f" ({item['due']})" if item.get("due") else "")
    if section == "resources":
        given = f"{item['amount']} {item['currency']}" if item.get("amount") is not None else item["in_kind"]
        return f"{item['party']}, {item['year']}: {given}"
    if section == "organisations":
        return f"{item['name']} ({item['role']})"
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _lines(content: dict[str, Any], section: str) -> list[str]:
    value = content.get(section)
    if section == "clauses":
        return [f"§{c['position']} [{lang}] {text}" for c in value or [] for lang, text in sorted(c["texts"].items())]
    if isinstance(value, list):
        return [_item_line(section, item) if isinstance(item, dict) else str(item) for item in value]
    if isinstance(value, dict):
        return [f"{key}: {item}" for key, item in sorted(value.items())]  # PostgreSQL's jsonb reorders keys
    return str(value or "").splitlines()


SECTIONS = {
    "title": gettext_lazy("Title"),
    "languages": gettext_lazy("Languages"),
    "parties": gettext_lazy("Parties"),
    "organisations": gettext_lazy("Organisations"),
    "areas": gettext_lazy("Areas of cooperation"),
    "objectives": gettext_lazy("Objectives"),
    "commitments": gettext_lazy("Commitments"),
    "resources": gettext_lazy("Resources"),
    "term": gettext_lazy("Term"),
    "clauses": gettext_lazy("Clauses"),
}


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    changes = []
    for section in SECTIONS:
        old, new = _lines(before, section), _lines(after, section)
        if old != new:
            changes.append(Change(section, old, new))
    return changes
