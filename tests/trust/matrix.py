"""The permission matrix: every URL of the site that takes a POST and every write operation of the
API, with the data of a well-formed request and what each identity gets.

Outcomes (see attempts.outcome): a status, or `login` for a redirect to the login page; a refusal
sent back to the page reads as its status (403, 400…). 302 is a change made and the user sent on.

The owner is an editor (not an administrator) of Cologne's office: administrators' actions (members,
suspending, signing) are refused to every identity here, which the table states. Adding a URL or
an API operation without a row here fails test_permissions_matrix, naming it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests.trust.attempts import LOGIN, Outcome
from tests.trust.world import World
from twinnings.agreements.models import Agreement, Commitment

Data = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Row:
    """A write: its URL's arguments, the data a form would send, and the outcome per identity."""

    kwargs: Data
    data: Data
    expect: dict[str, Outcome]
    actor: str = ""  # who types into the form in the injection tests (default: the first who succeeds)


def everyone(owner: Outcome, partner: Outcome, outsider: Outcome, anonymous: Outcome) -> dict[str, Outcome]:
    return {"owner": owner, "partner": partner, "outsider": outsider, "anonymous": anonymous}


def _none(world: World) -> dict[str, Any]:
    return {}


def _party(agreement: Agreement, world: World, side: str = "home") -> int:
    return agreement.parties.get(place=world.home if side == "home" else world.away).pk


def _later(days: int = 180) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _activity_form(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Choir concert",
        "type": "cultural_event",
        "area": "culture",
        "status": "planned",
        "start_date": _later(30),
        "end_date": _later(31),
        "host_place": world.home.pk,
        "venue": "Philharmonie",
        "description": "Two choirs sing together.",
        **changes,
    }


def _notice_form(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Köln sucht Partner",
        "areas": ["culture"],
        "description": "Festivals.",
        "countries": "FR",
        "valid_until": _later(),
        **changes,
    }


def png(name: str = "scan.png") -> SimpleUploadedFile:
    """A one-pixel PNG that decodes as an image."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _counts(world: World) -> dict[str, Any]:
    """Cologne's invited pupils and Lyon's local participants (where the named participant counts)."""
    management = {"TOTAL_FORMS": 2, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}
    rows = [
        {"place": world.home.pk, "country": "", "invited": "1", "age_band": "under_18", "count": 12, "label": ""},
        {"place": world.away.pk, "country": "", "invited": "0", "age_band": "unknown", "count": 20, "label": ""},
    ]
    cells = {f"groups-{i}-{k}": v for i, row in enumerate(rows) for k, v in row.items()}
    return {**{f"groups-{k}": v for k, v in management.items()}, **cells, "total": ""}


def _budget_form(world: World, **changes: Any) -> dict[str, Any]:
    fields = {"party": _party(world.active, world), "year": 2026, "description": "Stage", "planned": "500"}
    return {**fields, "spent": "120", "currency": "EUR", **changes}


def _person(world: World) -> dict[str, Any]:
    fields = {
        "full_name": "Jean Exemple",
        "email": "jean@lyon.example",
        "role": "pupil",
        "place": world.away.pk,
        "invited": "0",
        "age_band": "under_18",
        "consent": "on",
        "consent_note": "signed form",
    }
    return {f"person-{k}": v for k, v in fields.items()}


def _commitment(world: World) -> int:
    return Commitment.objects.filter(agreement=world.draft).values_list("pk", flat=True)[0]


def _version(agreement: Agreement) -> dict[str, Any]:
    version = agreement.current_version
    assert version is not None
    return {"version": version.pk, "version_hash": version.hash}


DRAFT = lambda w: {"pk": w.draft.pk}  # noqa: E731
ACTIVE = lambda w: {"pk": w.active.pk}  # noqa: E731
PROPOSED = lambda w: {"pk": w.proposed.pk}  # noqa: E731
ACTIVITY = lambda w: {"agreement_id": w.active.pk, "pk": w.activity.pk}  # noqa: E731

# URLs that take no POST: each answers a POST with 405 (checked), so none is missing a row.
READ_ONLY = {
    "healthz",
    "favicon",
    "accounts:confirm",
    "accounts:home",
    "accounts:verifications",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "agreements:dashboard",
    "agreements:detail",
    "agreements:history",
    "agreements:version",
    "agreements:compare",
    "agreements:pdf",
    "agreements:attachment",
    "programme:report_now",
    "programme:report",
    "programme:report_pdf",
    "programme:report_xlsx",
    "programme:report_csv",
    "programme:place_report",
    "programme:place_report_pdf",
    "programme:place_report_xlsx",
    "programme:place_report_csv",
    "programme:place-dashboard",
    "programme:feed",
    "programme:activities",
    "programme:activity",
    "programme:participant_export",
    "places:home",
    "places:search",
    "places:basemap",
    "places:detail",
    "places:countries",
    "places:country",
    "registry:list",
    "registry:export",
    "registry:map",
    "insights:index",
    "insights:data",
    "partners:find",
    "partners:consortium",
    "partners:board",
    "partners:mine",
    "partners:notice",
    "partners:inbox",
    "challenges:choose",
    "challenges:pair",
}

WEB_WRITES: dict[str, Row] = {
    "set_language": Row(_none, lambda w: {"language": "fr", "next": "/"}, everyone(302, 302, 302, 302)),
    "accounts:sign_up": Row(
        _none,
        lambda w: {"name": "Neu", "email": "neu@example.org", "password": "Lange-Passwort-2026"},
        everyone(200, 200, 200, 200),  # the page saying a confirmation email was sent
        actor="anonymous",
    ),
    "accounts:login": Row(
        _none,
        lambda w: {"username": "owner@koeln.example", "password": "wrong"},
        everyone(302, 302, 302, 200),
        actor="anonymous",
    ),
    "accounts:logout": Row(_none, _none, everyone(302, 302, 302, 302)),
    "accounts:password_reset": Row(
        _none, lambda w: {"email": "owner@koeln.example"}, everyone(302, 302, 302, 302), actor="anonymous"
    ),
    "accounts:password_reset_confirm": Row(
        lambda w: {"uidb64": "MQ", "token": "set-password"},
        lambda w: {"new_password1": "Lange-Passwort-2026", "new_password2": "Lange-Passwort-2026"},
        everyone(200, 200, 200, 200),
    ),
    "accounts:verification_new": Row(
        _none,
        lambda w: {"place": f"#{w.elsewhere.pk}", "position": "Maire adjoint", "evidence": "Site officiel"},
        everyone(200, 200, 200, LOGIN),
    ),
    "accounts:verification_decide": Row(
        lambda w: {"pk": w.verification.pk}, lambda w: {"decision": "approve"}, everyone(404, 404, 404, LOGIN)
    ),
    "accounts:organisation_new": Row(
        _none,
        lambda w: {"place": f"#{w.home.pk}", "name": "Kölner Chor", "kind": "community"},
        everyone(302, 302, 302, LOGIN),
    ),
    "accounts:place_members": Row(
        lambda w: {"pk": w.home.pk},
        lambda w: {"email": "new@koeln.example", "role": "viewer"},
        everyone(403, 404, 404, LOGIN),
        actor="mayor",  # only administrators invite
    ),
    "accounts:organisation_members": Row(
        lambda w: {"pk": w.organisation.pk},
        lambda w: {"email": "new@uni-koeln.example", "role": "viewer"},
        everyone(404, 404, 404, LOGIN),
        actor="mayor",
    ),
    "accounts:membership_change": Row(
        lambda w: {"pk": w.owner_membership.pk}, lambda w: {"role": "viewer"}, everyone(404, 404, 404, LOGIN)
    ),
    "accounts:invitation": Row(lambda w: {"token": w.invitation_token}, _none, everyone(302, 200, 200, 200)),
    "accounts:tokens": Row(_none, lambda w: {"name": "ci", "scope": "read"}, everyone(200, 200, 200, LOGIN)),
    "accounts:token_revoke": Row(lambda w: {"pk": w.token_ids["owner"]}, _none, everyone(302, 404, 404, LOGIN)),
    "agreements:create": Row(
        _none,
        lambda w: {"owner": w.home.pk, "partner": f"#{w.away.pk}", "title": "Jugendaustausch", "languages": "de, fr"},
        everyone(302, 400, 400, LOGIN),
    ),
    "agreements:edit": Row(
        DRAFT,
        lambda w: {"revision": w.draft.revision, "title": "Umwelt", "areas": ["environment"], "languages": "de, fr"},
        everyone(302, 404, 404, LOGIN),
    ),
    "agreements:clauses": Row(
        DRAFT,
        lambda w: {"prefix": "new", "new-revision": w.draft.revision, "new-text_de": "Wald.", "new-text_fr": "Forêt."},
        everyone(302, 404, 404, LOGIN),
    ),
    "agreements:programme": Row(
        DRAFT,
        lambda w: {
            "form": "commitment",
            "revision": w.draft.revision,
            "party": _party(w.draft, w),
            "description": "Bäume pflanzen",
        },
        everyone(302, 404, 404, LOGIN),
    ),
    "agreements:remove": Row(
        DRAFT,
        lambda w: {"kind": "commitment", "revision": w.draft.revision, "item": _commitment(w)},
        everyone(302, 404, 404, LOGIN),
    ),
    "agreements:transition": Row(
        lambda w: {"pk": w.draft.pk, "event": "propose"},
        lambda w: {"revision": w.draft.revision},
        everyone(302, 404, 404, LOGIN),
    ),
    "agreements:approve": Row(
        PROPOSED,
        lambda w: {
            "party": _party(w.proposed, w),
            **_version(w.proposed),
            "reference": "Ratsbeschluss 7",
            "resolution_date": "2026-03-01",
        },
        everyone(302, 403, 404, LOGIN),
    ),
    "agreements:sign": Row(
        lambda w: {"pk": w.approved.pk},
        lambda w: {"party": _party(w.approved, w), **_version(w.approved)},
        everyone(403, 403, 404, LOGIN),
    ),
    "agreements:attach": Row(
        ACTIVE,
        lambda w: {"file": png(), "description": "Scan"},
        everyone(302, 302, 404, LOGIN),
    ),
    "programme:calendar": Row(lambda w: {"agreement_id": w.active.pk}, _none, everyone(200, 200, 404, LOGIN)),
    "programme:place-calendar": Row(lambda w: {"place_id": w.home.pk}, _none, everyone(200, 200, 404, LOGIN)),
    "programme:feed-revoke": Row(lambda w: {"pk": w.feed.pk}, _none, everyone(302, 404, 404, LOGIN)),
    "programme:activity_create": Row(
        lambda w: {"agreement_id": w.active.pk}, _activity_form, everyone(302, 302, 404, LOGIN)
    ),
    "programme:activity_edit": Row(
        ACTIVITY,
        lambda w: _activity_form(
            w, revision=w.activity.revision, status="held", start_date="2026-06-08", end_date="2026-06-15"
        ),
        everyone(302, 302, 404, LOGIN),
    ),
    "programme:activity_delete": Row(
        lambda w: {"agreement_id": w.active.pk, "pk": w.spare_activity.pk}, _none, everyone(302, 302, 404, LOGIN)
    ),
    "programme:participant_counts": Row(ACTIVITY, _counts, everyone(302, 302, 404, LOGIN)),
    "programme:participant_add": Row(ACTIVITY, _person, everyone(302, 302, 404, LOGIN)),
    "programme:participant_erase": Row(
        lambda w: {"agreement_id": w.active.pk, "pk": w.activity.pk, "participant_id": w.participant.pk},
        lambda w: {"confirm": "on"},
        everyone(302, 302, 404, LOGIN),
    ),
    "programme:budget": Row(
        lambda w: {"agreement_id": w.active.pk}, lambda w: _budget_form(w), everyone(302, 302, 404, LOGIN)
    ),
    "programme:budget_line": Row(
        lambda w: {"agreement_id": w.active.pk, "pk": w.budget_line.pk},
        lambda w: _budget_form(w, description="Coach Köln–Lyon–Köln"),
        everyone(302, 302, 404, LOGIN),
    ),
    "programme:budget_line_delete": Row(
        lambda w: {"agreement_id": w.active.pk, "pk": w.budget_line.pk}, _none, everyone(302, 302, 404, LOGIN)
    ),
    "programme:indicators": Row(
        lambda w: {"agreement_id": w.active.pk},
        lambda w: {"year": 2026, "kind": "custom", "name": "Trees planted", "unit": "trees", "target": "500"},
        everyone(302, 302, 404, LOGIN),
    ),
    "programme:indicator": Row(
        lambda w: {"agreement_id": w.active.pk, "pk": w.indicator.pk},
        lambda w: {"target": "300"},
        everyone(302, 302, 404, LOGIN),
    ),
    "programme:indicator_delete": Row(
        lambda w: {"agreement_id": w.active.pk, "pk": w.indicator.pk}, _none, everyone(302, 302, 404, LOGIN)
    ),
    "programme:person": Row(
        _none, lambda w: {"email": "marie@lyon.example", "action": "find"}, everyone(200, 200, 200, LOGIN)
    ),
    "partners:notice_create": Row(
        _none, lambda w: {"place": w.home.pk, **_notice_form(w)}, everyone(302, 400, 400, LOGIN)
    ),
    "partners:notice_edit": Row(lambda w: {"pk": w.notice.pk}, _notice_form, everyone(302, 403, 403, LOGIN)),
    "partners:notice_withdraw": Row(lambda w: {"pk": w.notice.pk}, _none, everyone(302, 403, 403, LOGIN)),
    "partners:interest": Row(
        lambda w: {"pk": w.notice.pk},
        lambda w: {"place": w.elsewhere.pk, "text": "Paris aimerait participer."},
        everyone(400, 400, 302, LOGIN),
    ),
    "partners:conversation": Row(
        lambda w: {"pk": w.conversation.pk}, lambda w: {"text": "Gerne!"}, everyone(302, 302, 404, LOGIN)
    ),
    "partners:start_agreement": Row(lambda w: {"pk": w.conversation.pk}, _none, everyone(302, 302, 404, LOGIN)),
}


@dataclass(frozen=True)
class ApiRow:
    """An API write: its path (with the world's ids), its JSON body, and the status per identity."""

    path: Callable[[World], str]
    body: Callable[[World], Any]
    expect: dict[str, Outcome]
    multipart: bool = False  # a form with a file, not JSON


def _api_activity(world: World) -> dict[str, Any]:
    return {
        "area": "culture",
        "type": "cultural_event",
        "title": "Choir concert",
        "start_date": _later(30),
        "end_date": _later(31),
        "host_place": world.home.pk,
        "venue": "Philharmonie",
    }


def _clause_id(agreement: Agreement) -> int:
    return agreement.clauses.values_list("pk", flat=True)[0]


def _item(world: World, kind: str) -> int:
    return getattr(world.draft, kind).values_list("pk", flat=True)[0]


A = "/api/v1"
API_WRITES: dict[str, ApiRow] = {
    "POST /api/v1/notices": ApiRow(
        lambda w: f"{A}/notices",
        lambda w: {"place": w.home.pk, "title": "Köln sucht", "areas": ["culture"], "valid_until": _later()},
        everyone(201, 403, 403, 401),
    ),
    "PATCH /api/v1/notices/{notice_id}": ApiRow(
        lambda w: f"{A}/notices/{w.notice.pk}", lambda w: {"title": "Köln sucht weiter"}, everyone(200, 403, 403, 401)
    ),
    "POST /api/v1/notices/{notice_id}/withdraw": ApiRow(
        lambda w: f"{A}/notices/{w.notice.pk}/withdraw", lambda w: None, everyone(200, 403, 403, 401)
    ),
    "POST /api/v1/notices/{notice_id}/interests": ApiRow(
        lambda w: f"{A}/notices/{w.notice.pk}/interests",
        lambda w: {"place": w.elsewhere.pk, "text": "Paris aimerait participer."},
        everyone(403, 403, 201, 401),
    ),
    "POST /api/v1/conversations/{conversation_id}/messages": ApiRow(
        lambda w: f"{A}/conversations/{w.conversation.pk}/messages",
        lambda w: {"text": "Gerne!"},
        everyone(201, 201, 404, 401),
    ),
    "POST /api/v1/conversations/{conversation_id}/agreement": ApiRow(
        lambda w: f"{A}/conversations/{w.conversation.pk}/agreement", lambda w: None, everyone(201, 201, 404, 401)
    ),
    "POST /api/v1/agreements": ApiRow(
        lambda w: f"{A}/agreements",
        lambda w: {"owner": w.home.pk, "partners": [w.away.pk], "title": "Jugendaustausch", "languages": ["de", "fr"]},
        everyone(201, 403, 403, 401),
    ),
    "PATCH /api/v1/agreements/{agreement_id}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}",
        lambda w: {"revision": w.draft.revision, "objectives": "Wälder"},
        everyone(200, 404, 404, 401),
    ),
    "PUT /api/v1/agreements/{agreement_id}/parties/{party_id}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/parties/{_party(w.draft, w)}",
        lambda w: {"revision": w.draft.revision, "responsibilities": "Bäume"},
        everyone(200, 404, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/clauses": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/clauses",
        lambda w: {"revision": w.draft.revision, "texts": {"de": "Wald.", "fr": "Forêt."}},
        everyone(201, 404, 404, 401),
    ),
    "PUT /api/v1/agreements/{agreement_id}/clauses/{clause_id}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/clauses/{_clause_id(w.draft)}",
        lambda w: {"revision": w.draft.revision, "texts": {"de": "Wald.", "fr": "Forêt."}},
        everyone(200, 404, 404, 401),
    ),
    "DELETE /api/v1/agreements/{agreement_id}/clauses/{clause_id}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/clauses/{_clause_id(w.draft)}?revision={w.draft.revision}",
        lambda w: None,
        everyone(200, 404, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/commitments": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/commitments",
        lambda w: {"revision": w.draft.revision, "party": _party(w.draft, w), "description": "Bäume pflanzen"},
        everyone(201, 404, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/resources": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/resources",
        lambda w: {"revision": w.draft.revision, "party": _party(w.draft, w), "year": 2027, "in_kind": "Saplings"},
        everyone(201, 404, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/organisations": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/organisations",
        lambda w: {"revision": w.draft.revision, "organisation": w.organisation.pk, "role": "partner"},
        everyone(201, 404, 404, 401),
    ),
    "DELETE /api/v1/agreements/{agreement_id}/commitments/{item_id}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/commitments/{_item(w, 'commitments')}?revision={w.draft.revision}",
        lambda w: None,
        everyone(200, 404, 404, 401),
    ),
    "DELETE /api/v1/agreements/{agreement_id}/resources/{item_id}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/resources/{_item(w, 'resources')}?revision={w.draft.revision}",
        lambda w: None,
        everyone(200, 404, 404, 401),
    ),
    "DELETE /api/v1/agreements/{agreement_id}/organisations/{item_id}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/organisations/{_item(w, 'organisations')}?revision={w.draft.revision}",
        lambda w: None,
        everyone(200, 404, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/events/{event}": ApiRow(
        lambda w: f"{A}/agreements/{w.draft.pk}/events/propose",
        lambda w: {"revision": w.draft.revision},
        everyone(200, 404, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/approvals": ApiRow(
        lambda w: f"{A}/agreements/{w.proposed.pk}/approvals",
        lambda w: {
            "party": _party(w.proposed, w),
            "version": _version(w.proposed)["version"],
            "reference": "Ratsbeschluss 7",
            "resolution_date": "2026-03-01",
        },
        everyone(201, 403, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/signatures": ApiRow(
        lambda w: f"{A}/agreements/{w.approved.pk}/signatures",
        lambda w: {"party": _party(w.approved, w), **_version(w.approved)},
        everyone(403, 403, 404, 401),
    ),
    "POST /api/v1/agreements/{agreement_id}/attachments": ApiRow(
        lambda w: f"{A}/agreements/{w.active.pk}/attachments",
        lambda w: {"file": png(), "description": "Scan"},
        everyone(201, 201, 404, 401),
        multipart=True,
    ),
    "POST /api/v1/organisations": ApiRow(
        lambda w: f"{A}/organisations",
        lambda w: {"name": "Kölner Chor", "kind": "community", "place": w.home.pk},
        everyone(201, 201, 201, 401),
    ),
    "POST /api/v1/places/{place_id}/invitations": ApiRow(
        lambda w: f"{A}/places/{w.home.pk}/invitations",
        lambda w: {"email": "new@koeln.example", "role": "viewer"},
        everyone(403, 404, 404, 401),
    ),
    "POST /api/v1/organisations/{organisation_id}/invitations": ApiRow(
        lambda w: f"{A}/organisations/{w.organisation.pk}/invitations",
        lambda w: {"email": "new@uni-koeln.example", "role": "viewer"},
        everyone(404, 404, 404, 401),
    ),
    "PATCH /api/v1/memberships/{membership_id}": ApiRow(
        lambda w: f"{A}/memberships/{w.owner_membership.pk}", lambda w: {"role": "viewer"}, everyone(404, 404, 404, 401)
    ),
    "DELETE /api/v1/memberships/{membership_id}": ApiRow(
        lambda w: f"{A}/memberships/{w.owner_membership.pk}", lambda w: None, everyone(404, 404, 404, 401)
    ),
    "POST /api/v1/verification-requests": ApiRow(
        lambda w: f"{A}/verification-requests",
        lambda w: {"place": w.elsewhere.pk, "position": "Maire adjoint", "evidence": "Site officiel"},
        everyone(400, 400, 400, 401),
    ),
    "POST /api/v1/calendar/feeds": ApiRow(
        lambda w: f"{A}/calendar/feeds", lambda w: {"agreement": w.active.pk}, everyone(201, 201, 404, 401)
    ),
    "POST /api/v1/calendar/feeds/{id}/revoke": ApiRow(
        lambda w: f"{A}/calendar/feeds/{w.feed.pk}/revoke", lambda w: None, everyone(200, 404, 404, 401)
    ),
    "POST /api/v1/agreements/{agreement_id}/activities": ApiRow(
        lambda w: f"{A}/agreements/{w.active.pk}/activities", _api_activity, everyone(201, 201, 404, 401)
    ),
    "PATCH /api/v1/activities/{activity_id}": ApiRow(
        lambda w: f"{A}/activities/{w.activity.pk}",
        lambda w: {"revision": w.activity.revision, "venue": "Lycée du Parc"},
        everyone(200, 200, 404, 401),
    ),
    "DELETE /api/v1/activities/{activity_id}": ApiRow(
        lambda w: f"{A}/activities/{w.spare_activity.pk}", lambda w: None, everyone(204, 204, 404, 401)
    ),
    "PUT /api/v1/activities/{activity_id}/participant-groups": ApiRow(
        lambda w: f"{A}/activities/{w.activity.pk}/participant-groups",
        lambda w: {
            "groups": [
                {"place": w.home.pk, "invited": True, "age_band": "under_18", "count": 12},
                {"place": w.away.pk, "invited": False, "count": 20},
            ]
        },
        everyone(200, 200, 404, 401),
    ),
    "POST /api/v1/activities/{activity_id}/participants": ApiRow(
        lambda w: f"{A}/activities/{w.activity.pk}/participants",
        lambda w: {"full_name": "Jean Exemple", "place": w.away.pk, "invited": False, "consent": True},
        everyone(201, 201, 404, 401),
    ),
    "DELETE /api/v1/participants/{participant_id}": ApiRow(
        lambda w: f"{A}/participants/{w.participant.pk}", lambda w: None, everyone(204, 204, 404, 401)
    ),
    "POST /api/v1/agreements/{agreement_id}/budget-lines": ApiRow(
        lambda w: f"{A}/agreements/{w.active.pk}/budget-lines",
        lambda w: {"party": w.home.pk, "year": 2026, "description": "Stage", "planned": "500", "currency": "EUR"},
        everyone(201, 201, 404, 401),
    ),
    "PATCH /api/v1/budget-lines/{line_id}": ApiRow(
        lambda w: f"{A}/budget-lines/{w.budget_line.pk}",
        lambda w: {"description": "Coach Köln–Lyon–Köln"},
        everyone(200, 200, 404, 401),
    ),
    "DELETE /api/v1/budget-lines/{line_id}": ApiRow(
        lambda w: f"{A}/budget-lines/{w.budget_line.pk}", lambda w: None, everyone(204, 204, 404, 401)
    ),
    "PUT /api/v1/agreements/{agreement_id}/indicators": ApiRow(
        lambda w: f"{A}/agreements/{w.active.pk}/indicators",
        lambda w: {"year": 2026, "indicators": [{"kind": "custom", "name": "Trees planted", "target": "500"}]},
        everyone(200, 200, 404, 401),
    ),
    "DELETE /api/v1/indicators/{indicator_id}": ApiRow(
        lambda w: f"{A}/indicators/{w.indicator.pk}", lambda w: None, everyone(204, 204, 404, 401)
    ),
    "POST /api/v1/people/export": ApiRow(
        lambda w: f"{A}/people/export", lambda w: {"email": "marie@lyon.example"}, everyone(200, 200, 200, 401)
    ),
    "POST /api/v1/people/erase": ApiRow(
        lambda w: f"{A}/people/erase", lambda w: {"email": "marie@lyon.example"}, everyone(200, 200, 200, 401)
    ),
}
