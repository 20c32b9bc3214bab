"""The database side of the write benchmarks (bench_concurrency.py, bench_faults.py), run as a
subprocess with the database's environment:

- `setup`: users of two real places' offices with write tokens, agreements under negotiation
  between the two places (one bilingual clause each), and a conversation between the offices;
- `check`: what the clients saw (a JSON list of writes) against what the database holds: each
  accepted write present exactly once, each refused one absent, every agreement's revision equal
  to 1 + the edits in its history, final values those of the last accepted edits;
- `integrity`: SQLite's integrity and foreign-key checks, and no half-written objects (a version
  whose hash is not its content's, an approved or signed agreement missing its approvals or
  signatures, an edit, clause, commitment or message without its audit entry);
- `counts`: the rows of every table of the gazetteer and the registry (to compare imports).

    python bench/write_fixture.py setup --clients 8 --agreements 2 --out fixture.json
    python bench/write_fixture.py check --fixture fixture.json --writes writes.json --out result.json
"""

from __future__ import annotations

import argparse
import json
import os
import uuid
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

PASSWORD = "bench-writes-password"  # accounts live only in the benchmark's own copies of the database
EDIT_ACTIONS = {
    "agreement.update",
    "agreement.responsibilities",
    "agreement.clause_add",
    "agreement.clause_change",
    "agreement.clause_delete",
    "agreement.commitment_add",
    "agreement.resource_add",
    "agreement.organisation_link",
    "agreement.commitment_remove",
    "agreement.resource_remove",
    "agreement.organisation_remove",
}
EDIT_KINDS = {"terms", "clause", "clause page", "commitment", "responsibilities"}


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinnings.settings")
    import django

    django.setup()


def setup(clients: int, agreements: int) -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from twinnings.accounts import access_tokens
    from twinnings.accounts.models import Membership, Role
    from twinnings.agreements import lifecycle, services
    from twinnings.agreements.models import Agreement
    from twinnings.partners.models import Conversation, PartnerNotice
    from twinnings.places.models import Place

    run = uuid.uuid4().hex[:8]
    cities = Place.objects.filter(kind=Place.Kind.CITY).order_by("-twin_count", "id")
    first = cities.first()
    assert first is not None, "the database has no places: run `twinnings bootstrap` first"
    second = cities.exclude(country=first.country).first()
    assert second is not None
    places = [first, second]
    users = []
    for i in range(clients):
        place = places[i % 2]
        email = f"bench-{run}-{i}@example.org"
        user = User.objects.create_user(username=email, email=email, password=PASSWORD, first_name=f"Writer {i}")
        Membership.objects.create(user=user, place=place, role=Role.ADMIN)
        _, token = access_tokens.create(user, "benchmark", "write")
        users.append({"email": email, "password": PASSWORD, "token": token, "place": place.pk})
    owner = User.objects.get(username=users[0]["email"])
    made = []
    for number in range(agreements):
        agreement = services.create_agreement(owner, first, [second], f"Bench {run} #{number}", ["en", "fr"])
        services.save_clause(owner, agreement, agreement.revision, {"en": "Purpose", "fr": "Objet"})
        lifecycle.propose(owner, agreement, agreement.revision)
        lifecycle.negotiate(owner, agreement)
        agreement = Agreement.objects.get(pk=agreement.pk)
        parties = {str(p.place_id): p.pk for p in agreement.parties.all()}
        made.append({"id": agreement.pk, "revision": agreement.revision, "parties": parties})
    notice = PartnerNotice.objects.create(
        place=first,
        title=f"Bench {run}",
        areas=["culture"],
        valid_until=timezone.localdate() + timedelta(days=365),
        created_by=owner,
    )
    conversation = Conversation.objects.create(notice=notice, place=second, started_by=owner)
    return {
        "run": run,
        "places": [first.pk, second.pk],
        "place_names": [first.name, second.name],
        "users": users,
        "agreements": made,
        "conversation": conversation.pk,
    }


def _presence(kind: str, agreement_id: Any, party: Any, tag: str, conversation: int) -> int:
    """How many times the write `tag` of `kind` is in the database."""
    from twinnings.agreements.models import Approval, Clause, Commitment, Signature
    from twinnings.audit.models import AuditEntry
    from twinnings.partners.models import Message

    scope = f"agreements.agreement:{agreement_id}"
    if kind in ("clause", "clause page"):
        return Clause.objects.filter(agreement_id=agreement_id, texts__en=tag).count()
    if kind == "commitment":
        return Commitment.objects.filter(agreement_id=agreement_id, description=tag).count()
    if kind == "terms":
        return AuditEntry.objects.filter(scope=scope, action="agreement.update", after__objectives=tag).count()
    if kind == "responsibilities":
        entries = AuditEntry.objects.filter(scope=scope, action="agreement.responsibilities")
        return entries.filter(after__responsibilities=tag).count()
    if kind == "message":
        return Message.objects.filter(conversation_id=conversation, text=tag).count()
    if kind == "approve":
        return Approval.objects.filter(version__agreement_id=agreement_id, party_id=party).count()
    if kind == "sign":
        return Signature.objects.filter(version__agreement_id=agreement_id, party_id=party).count()
    if kind == "propose":
        return AuditEntry.objects.filter(scope=scope, action="agreement.propose").count() - 1  # one by the setup
    raise ValueError(kind)


def check(fixture: dict[str, Any], writes: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures and problems: an empty `problems` list means no lost or duplicated write."""
    from twinnings.agreements.models import Agreement
    from twinnings.audit.models import AuditEntry
    from twinnings.registry.models import Twinning

    problems: list[str] = []
    outcomes: Counter[str] = Counter()
    saved: dict[int, list[dict[str, Any]]] = defaultdict(list)  # agreement -> edits in the database
    saved_anyway = Counter[str]()  # writes without a success answer that were saved all the same
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for w in writes:
        outcomes[w["outcome"]] += 1
        by_kind[w["kind"]][w["outcome"]] += 1
        if w["kind"] in ("approve", "sign", "propose") and w["outcome"] != "accepted":
            continue  # a refused duplicate approval leaves the first one in place
        found = _presence(w["kind"], w.get("agreement"), w.get("party"), w["tag"], fixture["conversation"])
        if w["outcome"] == "accepted" and found != 1:
            problems.append(f"accepted {w['kind']} {w['tag']} found {found} times")
        elif w["outcome"] in ("conflict", "refused") and found != 0:
            problems.append(f"refused ({w['status']}) {w['kind']} {w['tag']} found {found} times")
        elif w["outcome"] in ("unknown", "server error"):  # no answer, or the database went away meanwhile
            if found > 1:
                problems.append(f"{w['kind']} {w['tag']} answered {w['status']} found {found} times")
            if found:
                saved_anyway[w["outcome"]] += 1
            if w["kind"] in EDIT_KINDS and found:
                saved[w["agreement"]].append(w)
        if w["outcome"] == "accepted" and w["kind"] in EDIT_KINDS:
            saved[w["agreement"]].append(w)
    finals = []
    for made in fixture["agreements"]:
        agreement = Agreement.objects.get(pk=made["id"])
        edits = saved[made["id"]]
        accepted = [w for w in edits if w["outcome"] == "accepted"]
        scope = f"agreements.agreement:{made['id']}"
        history = AuditEntry.objects.filter(scope=scope, action__in=EDIT_ACTIONS)
        problems += _serialised(made["id"], made["revision"], agreement.revision, edits, history.count())
        problems += _last_values(agreement, history)
        finals.append(
            {
                "id": agreement.pk,
                "status": agreement.status,
                "revision": agreement.revision,
                "accepted_edits": len(accepted),
                "edits_in_history": history.count(),
            }
        )
    places = sorted(fixture["places"])
    twinnings = Twinning.objects.filter(place_a_id=places[0], place_b_id=places[1]).count()
    return {
        "outcomes": dict(outcomes),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "agreements": finals,
        "registry_twinnings_of_the_pair": twinnings,
        "saved_without_success_answer": dict(saved_anyway),
        "problems": problems,
    }


def _serialised(pk: int, start: int, final: int, edits: list[dict[str, Any]], history: int) -> list[str]:
    """No lost update: the saved edits raised the revision one by one, each from a revision no
    other saved edit started from, and the history lists each of them."""
    problems = []
    if final != start + len(edits):
        problems.append(f"agreement {pk}: revision {final}, but {start} + {len(edits)} edits saved")
    if final != 1 + history:
        problems.append(f"agreement {pk}: revision {final}, but {history} edits in its history")
    bases = Counter(w["revision_sent"] for w in edits if w.get("revision_sent") is not None)
    problems += [f"agreement {pk}: {n} saved edits made from revision {r}" for r, n in bases.items() if n > 1]
    if len(bases) == len(edits) and sorted(bases) != list(range(start, final)):
        problems.append(f"agreement {pk}: the saved edits were not made from revisions {start} to {final - 1}")
    return problems


def _last_values(agreement: Any, history: Any) -> list[str]:
    """The objectives and each party's responsibilities are those of the last such edit in the history."""
    from twinnings.agreements.models import Party

    problems = []
    last = history.filter(action="agreement.update").order_by("-id").first()
    if last and agreement.objectives != last.after.get("objectives"):
        problems.append(f"agreement {agreement.pk}: objectives are not those of the last edit in its history")
    for party in Party.objects.filter(agreement=agreement):
        entries = history.filter(action="agreement.responsibilities", object_id=str(party.pk))
        last = entries.order_by("-id").first()
        if last and party.responsibilities != last.after.get("responsibilities"):
            problems.append(f"party {party.pk}: responsibilities are not those of the last edit in its history")
    return problems


def integrity() -> dict[str, Any]:
    from django.db import connection

    from twinnings.agreements.choices import Status
    from twinnings.agreements.models import Agreement, AgreementVersion, Clause, Commitment
    from twinnings.agreements.versions import content_hash
    from twinnings.audit.models import AuditEntry
    from twinnings.partners.models import Message

    problems: list[str] = []
    result: dict[str, Any] = {"vendor": connection.vendor}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            result["integrity_check"] = [row[0] for row in cursor.fetchall()]
            cursor.execute("PRAGMA foreign_key_check")
            result["foreign_key_violations"] = len(cursor.fetchall())
        if result["integrity_check"] != ["ok"]:
            problems.append(f"integrity_check: {result['integrity_check'][:5]}")
        if result["foreign_key_violations"]:
            problems.append(f"{result['foreign_key_violations']} foreign-key violations")
    for version in AgreementVersion.objects.all():
        if not isinstance(version.content, dict) or content_hash(version.content) != version.hash:
            problems.append(f"version {version.pk}: content does not match its hash")
    for agreement in Agreement.objects.prefetch_related("parties"):
        parties = len(agreement.parties.all())
        if parties < 2:
            problems.append(f"agreement {agreement.pk}: {parties} parties")
        stage = agreement.stage
        proposed = agreement.current_version
        if stage not in (Status.DRAFT,) and proposed is None:
            problems.append(f"agreement {agreement.pk} is {stage} without a version")
        if stage == Status.APPROVED and proposed and proposed.approvals.count() != parties:
            problems.append(f"agreement {agreement.pk} approved with {proposed.approvals.count()} approvals")
        signed = agreement.signed_version
        if signed and signed.signatures.count() != parties:
            problems.append(f"agreement {agreement.pk} signed with {signed.signatures.count()} signatures")
        scope = f"agreements.agreement:{agreement.pk}"
        edits = AuditEntry.objects.filter(scope=scope, action__in=EDIT_ACTIONS).count()
        if agreement.revision != 1 + edits:
            problems.append(f"agreement {agreement.pk}: revision {agreement.revision}, {edits} edits in its history")
    for model, action in ((Clause, "agreement.clause_add"), (Commitment, "agreement.commitment_add")):
        audited = set(AuditEntry.objects.filter(action=action).values_list("object_id", flat=True))
        missing = [pk for pk in model.objects.values_list("pk", flat=True) if str(pk) not in audited]
        if missing:
            problems.append(f"{len(missing)} {model.__name__} rows without their audit entry")
    audited = set(AuditEntry.objects.filter(action="conversation.message").values_list("object_id", flat=True))
    bare = [pk for pk in Message.objects.values_list("pk", flat=True) if str(pk) not in audited]
    if bare:
        problems.append(f"{len(bare)} messages without their audit entry")
    result["agreements"] = Agreement.objects.count()
    result["versions"] = AgreementVersion.objects.count()
    result["problems"] = problems
    return result


def counts() -> dict[str, Any]:
    from django.apps import apps

    from twinnings.registry.models import Source

    tables = {
        model._meta.label: model._default_manager.count()
        for label in ("places", "registry")
        for model in apps.get_app_config(label).get_models()
    }
    sources = {
        s.name: {"rows_read": s.rows_read, "pairs": s.pairs, "resolved": s.pairs_resolved, "unresolved": s.unresolved}
        for s in Source.objects.order_by("name")
    }
    return {"tables": tables, "sources": sources}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["setup", "check", "integrity", "counts"])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--agreements", type=int, default=2)
    parser.add_argument("--fixture")
    parser.add_argument("--writes")
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    django_setup()
    if options.command == "setup":
        result = setup(options.clients, options.agreements)
    elif options.command == "check":
        fixture = json.loads(Path(options.fixture).read_text())
        result = check(fixture, json.loads(Path(options.writes).read_text()))
    elif options.command == "integrity":
        result = integrity()
    else:
        result = counts()
    Path(options.out).write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
