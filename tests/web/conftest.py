"""Fixtures for the public directory's pages, and the browser that drives them.

Browser tests need Debian's `chromium`: without it they are skipped with a message, and fail
under CI=true. One Chromium runs for the journeys; each user of a journey gets a context of
their own (own cookies, own session). When a journey fails, every page it opened is saved,
as a screenshot and its HTML, under var/test-artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.factories import TinyGazetteer, make_place, make_twinning

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
# Nothing leaves the machine: every host name but the test server's fails to resolve.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
TIMEOUT_MS = 15_000  # generous: the machine running the suite may be busy
FAILED = pytest.StashKey[bool]()


@pytest.fixture
def hostile_place(tiny_registry: TinyGazetteer) -> TinyGazetteer:
    """A place whose name is markup, twinned with Cologne."""
    g = tiny_registry
    g.places["hostile"] = make_place(
        '<script>alert("x")</script> Town', "DE", latitude=50.0, longitude=7.0, alternate_names=["Scriptville"]
    )
    make_twinning(g["hostile"], g["cologne"])
    return g


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; skipped when it is missing, a failure under CI=true."""
    if CHROMIUM is None:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail("CI=true and chromium is not installed (apt-get install chromium)", pytrace=False)
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    """One headless Chromium for a module of journeys (there is one), driven by Playwright with
    Debian's build (never a browser download of its own).

    Between its calls, Playwright's sync API leaves its event loop marked as running in this
    thread, which Django takes for async code and refuses the ORM in: the fixtures' ORM calls
    are allowed while the browser lives, and the mark goes with it when it closes.
    """
    allowed = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", OFFLINE])
            yield launched
            launched.close()
    finally:
        if allowed is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allowed


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, object, object]:
    report = yield
    if call.when == "call" and getattr(report, "failed", False):
        item.stash[FAILED] = True
    return report


class Visitors:
    """The people of a journey, each with their own browser context; watches their pages for
    script errors and policy violations, and keeps what they saw when the journey fails."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: dict[str, BrowserContext] = {}
        self.errors: list[str] = []

    def new(self, name: str, locale: str = "en-GB") -> Page:
        context = self.browser.new_context(base_url=self.base_url, locale=locale, accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts[name] = context
        page = context.new_page()
        page.on("console", lambda message: self._console(name, message))
        page.on("pageerror", lambda error: self.errors.append(f"{name}: {error}"))
        return page

    def _console(self, name: str, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{name}: {message.text} ({message.location.get('url', '')})")

    def save(self, test_name: str) -> list[Path]:
        """A screenshot and the HTML of every open page, named after the test and the visitor."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", test_name)
        saved = []
        for name, context in self.contexts.items():
            for number, page in enumerate(context.pages):
                base = ARTIFACTS / f"{stem}-{name}-{number}"
                try:
                    page.screenshot(path=base.with_suffix(".png"), full_page=True)
                    base.with_suffix(".html").write_text(page.content(), encoding="utf-8")
                except Exception as error:  # a crashed page must not hide the journey's own failure
                    base.with_suffix(".txt").write_text(f"{page.url}: {error}", encoding="utf-8")
                saved.append(base)
        return saved

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture
def visitors(request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer) -> Iterator[Visitors]:
    people = Visitors(browser, live_server.url)
    yield people
    failed = request.node.stash.get(FAILED, False)
    if failed or people.errors:
        saved = people.save(request.node.name)
        print(f"\nBrowser artifacts of {request.node.name}: {', '.join(str(p) for p in saved)}")
    people.close()
    assert not people.errors, "errors in the browser's console:\n" + "\n".join(people.errors)
