"""What the injection tests send and how they look at the outcome: hostile text, the text fields of
the site's forms (read from the pages, as a browser sees them) and of the API's request bodies and
query strings (read from the OpenAPI document), a fingerprint of everything a write may change,
and the pages where what was written is shown back."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.trust.world import World

SCRIPT = '<script>alert("trust")</script>'
# Markup, SQL metacharacters, a right-to-left override and zero-width characters in one text.
SQL = "'; DROP TABLE agreements_agreement; -- \" OR 1=1 /* %_\\"
HOSTILE = f"{SCRIPT}<img src=x onerror=alert(1)>{SQL} \u202eevil\u202c a\u200b\u200c\u200d\ufeffb"
HUGE = (HOSTILE * (100_000 // len(HOSTILE) + 1))[:100_000]
PAYLOADS = {"hostile": HOSTILE, "huge": HUGE}
# What a query string can carry that a form field cannot: NUL (PostgreSQL refuses it in any query).
QUERY_PAYLOADS = {**PAYLOADS, "nul": "Lyon\x00"}

TEXT_INPUTS = {"text", "search", "email", "url", ""}  # `<input>` without a type is a text box
CHANGING_APPS = ("agreements", "programme", "partners", "accounts", "audit")
VOLATILE_FIELDS = {"last_used_at", "last_login"}  # written by reading or signing in, not by the write tried
VOLATILE_MODELS = {"ReadMarker"}  # what a user has read, marked by showing a conversation


@dataclass
class Form:
    action: str
    method: str
    text_fields: set[str] = field(default_factory=set)
    all_fields: set[str] = field(default_factory=set)


class FormParser(HTMLParser):
    """The forms of a page, with the names of their text boxes and text areas."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = values.get("action") or self.page
            self.forms.append(Form(action.split("#")[0], values.get("method", "get").lower()))
            return
        name = values.get("name", "")
        if not self.forms or not name or name == "csrfmiddlewaretoken":
            return
        form = self.forms[-1]
        form.all_fields.add(name)
        if tag == "textarea" or (tag == "input" and values.get("type", "").lower() in TEXT_INPUTS):
            form.text_fields.add(name)


def forms_of(page: str, html: str) -> list[Form]:
    parser = FormParser(page)
    parser.feed(html)
    return parser.forms


def fingerprint() -> str:
    """A digest of every row a write may add, change or delete (tokens' last use aside)."""
    digest = hashlib.sha256()
    models = [m for label in CHANGING_APPS for m in apps.get_app_config(label).get_models()]
    for model in [*models, get_user_model()]:
        if model.__name__ not in VOLATILE_MODELS:
            names = [f.attname for f in model._meta.concrete_fields if f.attname not in VOLATILE_FIELDS]
            for row in model._default_manager.order_by("pk").values_list(*names):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def shows_raw_markup(html: str) -> bool:
    return SCRIPT in html or "<img src=x" in html


def _agreement_pages(pk: int, path: str = "") -> list[str]:
    pages = [reverse("agreements:detail", args=[pk])]
    if "clause" in path:
        pages.append(reverse("agreements:clauses", args=[pk]))
    if re.search(r"part(y|ies)|commitment|resource|organisation|programme", path):
        pages.append(reverse("agreements:programme", args=[pk]))
    return pages


def _has(path: str, segment: str, pk: int) -> bool:
    return re.search(rf"/{segment}/{pk}(/|$|\?)", path) is not None


def display_pages(world: World, path: str, created: dict[str, Any] | None = None) -> list[str]:
    """Pages that show what a write at `path` stored (and the object it created, if any)."""
    pages: list[str] = []
    for agreement in (world.draft, world.active, world.proposed, world.approved):
        if _has(path, "agreements", agreement.pk):
            pages += _agreement_pages(agreement.pk, path)
    for activity in (world.activity, world.spare_activity):
        if _has(path, "activities", activity.pk) or ("participant" in path and activity == world.activity):
            pages.append(activity.get_absolute_url())
    if "notice" in path:
        pages.append(world.notice.get_absolute_url())
    if "conversation" in path:
        pages.append(world.conversation.get_absolute_url())
    if "organisation" in path or "member" in path or "invitation" in path:
        pages += [reverse("accounts:home"), reverse("accounts:place_members", args=[world.home.pk])]
    if created and isinstance(created.get("id"), int):
        pages += _created_pages(path, created)
    return pages or [reverse("accounts:home")]


def _created_pages(path: str, created: dict[str, Any]) -> list[str]:
    if path.endswith(("/api/v1/agreements", "/agreement")):
        return _agreement_pages(created.get("agreement", created["id"]))
    if path.endswith("/api/v1/notices"):
        return [reverse("partners:notice", args=[created["id"]])]
    if path.endswith("/activities") and "agreement" in created:
        return [reverse("programme:activity", args=[created["agreement"], created["id"]])]
    return []


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _is_text(node: dict[str, Any]) -> bool:
    options = node.get("anyOf", [node])
    return any(o.get("type") == "string" and "format" not in o and "enum" not in o for o in options)


def body_text_fields(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, str]:
    """The request body's text properties: name -> `text`, `list` (of texts) or `map` (texts by key)."""
    content = operation.get("requestBody", {}).get("content", {})
    body = content.get("application/json") or content.get("multipart/form-data")
    if body is None:
        return {}
    found = {}
    for name, node in resolve(schema, body["schema"]).get("properties", {}).items():
        node = resolve(schema, node)
        if _is_text(node):
            found[name] = "text"
        elif node.get("type") == "array" and _is_text(resolve(schema, node.get("items", {}))):
            found[name] = "list"
        elif node.get("type") == "object" and _is_text(node.get("additionalProperties") or {}):
            found[name] = "map"
    return found


def with_text(body: dict[str, Any], name: str, kind: str, text: str) -> dict[str, Any]:
    """`body` with `text` put into the property `name` (into each entry of a list or map)."""
    changed = dict(body)
    if kind == "text":
        changed[name] = text
    elif kind == "list":
        changed[name] = [*(body.get(name) or ["de"])[:-1], text]
    else:
        changed[name] = {key: text for key in (body.get(name) or {"de": ""})}
    return changed
