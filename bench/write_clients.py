"""HTTP clients that write, for bench_concurrency.py and bench_faults.py: each keeps one keep-alive
connection to the server, signs in with a write token (API) and a session (pages), and records
every write it tries with what the server answered.

A write's outcome is `accepted` (2xx, or a page's redirect after saving), `conflict` (409: a
stale revision, nothing saved), `refused` (another 4xx), `server error` (5xx), `unsent` (the
connection was refused: the server never saw it) or `unknown` (the connection broke after the
request was sent: it may or may not have been saved).
"""

from __future__ import annotations

import http.client
import json
import random
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

IDLE_SECONDS = 1.0  # a connection idle longer is opened afresh (gunicorn's keep-alive is 2 s)
RETRY_PAUSE = 0.05  # seconds a client waits after a failed request
DOWN_PAUSE = 0.25  # … and after a refused connection (the server is not there)
API_KINDS = ["terms", "clause", "commitment", "responsibilities"]
REVISION_INPUT = re.compile(r'name="new-revision"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="new-revision"')


@dataclass
class Reply:
    status: int  # 0: no HTTP answer
    body: bytes
    seconds: float
    error: str = ""  # the exception's name when there was no answer
    sent: bool = True  # False when the connection was refused before anything was sent

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def outcome(reply: Reply) -> str:
    if reply.status == 0:
        return "unknown" if reply.sent else "unsent"
    if reply.status == 409:
        return "conflict"
    if reply.status >= 500:
        return "server error"
    if reply.status >= 400:
        return "refused"
    return "accepted"


class Client:
    """One keep-alive connection; a bearer token for the API and a session cookie for pages."""

    def __init__(self, port: int, token: str = "", timeout: float = 30.0) -> None:
        self.port, self.token, self.timeout = port, token, timeout
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.last_used = 0.0
        self.log: list[tuple[float, float, int]] = []  # (start, end, status) of every request
        self.last_body = b""

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(
        self, method: str, path: str, payload: Any = None, form: dict[str, str] | None = None, api: bool = True
    ) -> Reply:
        headers = {"Connection": "keep-alive"}
        body: bytes | None = None
        if api and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if payload is not None:
            body, headers["Content-Type"] = json.dumps(payload).encode(), "application/json"
        if form is not None:
            body, headers["Content-Type"] = urlencode(form).encode(), "application/x-www-form-urlencoded"
        if self.cookies and not api:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        if started - self.last_used > IDLE_SECONDS:  # gunicorn may be closing it: don't race it
            self.close()
        sent = False
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                self.connection.connect()
            sent = True
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            self.last_used = 0.0
            self.log.append((started, time.monotonic(), 0))
            self.last_body = b""
            refused = isinstance(error, ConnectionRefusedError) and not sent
            time.sleep(DOWN_PAUSE if refused else RETRY_PAUSE)  # the server is down or restarting: don't spin
            return Reply(0, b"", self.log[-1][1] - started, type(error).__name__, sent=not refused)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        self.last_used = time.monotonic()
        self.log.append((started, self.last_used, response.status))
        self.last_body = data
        if response.status >= 500:
            time.sleep(RETRY_PAUSE)
        return Reply(response.status, data, self.last_used - started)

    def login(self, email: str, password: str) -> bool:
        self.request("GET", "/account/login/", api=False)
        form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), "username": email, "password": password}
        reply = self.request("POST", "/account/login/", form=form, api=False)
        return reply.status == 302 and "sessionid" in self.cookies


@dataclass
class Write:
    client: int
    kind: str
    tag: str
    agreement: int | None = None
    party: int | None = None
    status: int = 0
    outcome: str = ""
    error: str = ""
    revision_sent: int | None = None  # the revision an edit was made from
    started: float = 0.0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Writer:
    """One client of the fixture: writes to the agreements and the conversation, records each write."""

    number: int
    port: int
    fixture: dict[str, Any]
    think: float = 0.0  # longest pause between reading a revision and writing with it (makes conflicts)
    page_share: float = 0.25  # share of agreement edits made through the clauses page
    message_share: float = 0.2  # share of writes that are messages in the conversation
    writes: list[Write] = field(default_factory=list)
    reads: list[tuple[float, int]] = field(default_factory=list)  # (time, status) of every other request

    def __post_init__(self) -> None:
        user = self.fixture["users"][self.number]
        self.user = user
        self.rng = random.Random(f"{self.fixture['run']}-{self.number}")
        self.client = Client(self.port, user["token"])
        self.sequence = 0

    def _tag(self, kind: str) -> str:
        self.sequence += 1
        return f"{self.fixture['run']}-c{self.number}-{kind}-{self.sequence}"

    def _record(self, write: Write, reply: Reply, started: float) -> Write:
        write.status, write.outcome, write.error = reply.status, outcome(reply), reply.error
        write.started, write.seconds = started, reply.seconds
        self.writes.append(write)
        return write

    def _read(self, method: str, path: str, api: bool = True) -> Reply:
        reply = self.client.request(method, path, api=api)
        self.reads.append((time.monotonic(), reply.status))
        return reply

    def revision(self, agreement: int) -> int | None:
        reply = self._read("GET", f"/api/v1/agreements/{agreement}")
        data = reply.json() if reply.status == 200 else None
        return int(data["revision"]) if isinstance(data, dict) else None

    def message(self) -> Write:
        tag, started = self._tag("message"), time.monotonic()
        path = f"/api/v1/conversations/{self.fixture['conversation']}/messages"
        reply = self.client.request("POST", path, {"text": tag})
        return self._record(Write(self.number, "message", tag), reply, started)

    def api_edit(self, agreement: dict[str, Any], kind: str) -> Write | None:
        revision = self.revision(agreement["id"])
        if revision is None:
            return None
        if self.think:
            time.sleep(self.rng.uniform(0, self.think))
        tag, started = self._tag(kind), time.monotonic()
        base = f"/api/v1/agreements/{agreement['id']}"
        party = agreement["parties"][str(self.user["place"])]
        write = Write(self.number, kind, tag, agreement["id"], party if kind != "terms" else None)
        write.revision_sent = revision
        if kind == "terms":
            reply = self.client.request("PATCH", base, {"revision": revision, "objectives": tag})
        elif kind == "clause":
            payload = {"revision": revision, "texts": {"en": tag, "fr": tag}}
            reply = self.client.request("POST", f"{base}/clauses", payload)
        elif kind == "commitment":
            payload = {"revision": revision, "party": party, "description": tag}
            reply = self.client.request("POST", f"{base}/commitments", payload)
        else:
            payload = {"revision": revision, "responsibilities": tag}
            reply = self.client.request("PUT", f"{base}/parties/{party}", payload)
        return self._record(write, reply, started)

    def page_edit(self, agreement: dict[str, Any]) -> Write | None:
        """A new clause through the clauses page: the form's revision, the CSRF token, a POST."""
        path = f"/workspace/agreements/{agreement['id']}/clauses/"
        page = self._read("GET", path, api=False)
        found = REVISION_INPUT.search(page.body.decode(errors="replace")) if page.status == 200 else None
        if found is None:
            return None
        if self.think:
            time.sleep(self.rng.uniform(0, self.think))
        tag, started = self._tag("page"), time.monotonic()
        form = {
            "csrfmiddlewaretoken": self.cookies_csrf(),
            "prefix": "new",
            "new-revision": found.group(1) or found.group(2),
            "new-clause": "",
            "new-text_en": tag,
            "new-text_fr": tag,
        }
        reply = self.client.request("POST", path, form=form, api=False)
        write = Write(self.number, "clause page", tag, agreement["id"], revision_sent=int(form["new-revision"]))
        return self._record(write, reply, started)

    @property
    def last_body(self) -> bytes:
        return self.client.last_body

    def cookies_csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def login(self) -> bool:
        return self.client.login(self.user["email"], self.user["password"])

    def step(self) -> None:
        """One write: a message, or an edit of a random agreement through the API or its page."""
        if self.rng.random() < self.message_share:
            self.message()
            return
        agreement = self.rng.choice(self.fixture["agreements"])
        if self.client.cookies.get("sessionid") and self.rng.random() < self.page_share:
            self.page_edit(agreement)
        else:
            self.api_edit(agreement, self.rng.choice(API_KINDS))

    def run_until(self, deadline: float, stop: threading.Event | None = None) -> None:
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            self.step()

    # --- proposing, approving and signing -------------------------------------------------

    def propose(self, agreement: dict[str, Any]) -> Write:
        revision = self.revision(agreement["id"]) or 0
        tag, started = self._tag("propose"), time.monotonic()
        path = f"/api/v1/agreements/{agreement['id']}/events/propose"
        reply = self.client.request("POST", path, {"revision": revision})
        return self._record(Write(self.number, "propose", tag, agreement["id"]), reply, started)

    def current_version(self, agreement: dict[str, Any]) -> dict[str, Any] | None:
        reply = self._read("GET", f"/api/v1/agreements/{agreement['id']}")
        data = reply.json() if reply.status == 200 else None
        return data.get("current_version") if isinstance(data, dict) else None

    def approve(self, agreement: dict[str, Any], version: dict[str, Any]) -> Write:
        party = agreement["parties"][str(self.user["place"])]
        tag, started = self._tag("resolution"), time.monotonic()
        payload = {"party": party, "version": version["id"], "reference": tag, "resolution_date": str(date.today())}
        reply = self.client.request("POST", f"/api/v1/agreements/{agreement['id']}/approvals", payload)
        return self._record(Write(self.number, "approve", tag, agreement["id"], party), reply, started)

    def sign(self, agreement: dict[str, Any], version: dict[str, Any]) -> Write:
        party = agreement["parties"][str(self.user["place"])]
        tag, started = self._tag("signature"), time.monotonic()
        payload = {"party": party, "version": version["id"], "version_hash": version["hash"]}
        reply = self.client.request("POST", f"/api/v1/agreements/{agreement['id']}/signatures", payload)
        return self._record(Write(self.number, "sign", tag, agreement["id"], party), reply, started)


class Reader:
    """A visitor reading pages and the API in a loop (every request is in `client.log`)."""

    def __init__(self, port: int, paths: list[str]) -> None:
        self.client, self.paths = Client(port), paths

    def run_until(self, deadline: float, stop: threading.Event | None = None) -> None:
        position = 0
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            self.client.request("GET", self.paths[position % len(self.paths)], api=False)
            position += 1


def run_threads(targets: list[Any]) -> None:
    """Start one thread per callable and wait for them all."""
    threads = [threading.Thread(target=target, daemon=True) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
