"""The site header in every interface language and at common window widths: its links, search
box and language switcher fit the window (no horizontal scrolling, nothing cut off at the edge),
for visitors and for signed-in officers (who have the Workspace link)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.fixtures import Settings

from tests.factories import TinyGazetteer
from tests.web.conftest import Visitors
from tests.web.test_journeys import FAST_HASHER, PASSWORD, log_in
from tests.workspace import make_verified_officer

WIDTHS = [1366, 1280, 1024, 800]  # wider than the small-screen menu (760 px and less)
LANGUAGES = ["en", "fr", "de", "es", "it", "pl"]

OVERFLOW = """() => {
  const header = document.querySelector(".site-header .header-inner");
  const right = Math.max(...[...header.children].map((el) => el.getBoundingClientRect().right));
  return {scroll: document.documentElement.scrollWidth, width: window.innerWidth, right: right};
}"""


def overflow(page: Page) -> dict[str, float]:
    found: dict[str, float] = page.evaluate(OVERFLOW)
    return found


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "officer"])
def test_the_header_fits_the_window_in_every_language(
    visitors: Visitors, tiny_registry: TinyGazetteer, settings: Settings, signed_in: bool
) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER
    page = visitors.new("reader")
    if signed_in:
        officer = make_verified_officer(tiny_registry["cologne"], "officer@koeln.example")
        officer.set_password(PASSWORD)
        officer.save(update_fields=["password"])
        log_in(page, officer.email)
    too_wide = []
    for language in LANGUAGES:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": visitors.base_url}])
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(tiny_registry["cologne"].get_absolute_url())  # a page with the header's search box
            assert page.locator("html").get_attribute("lang") == language
            found = overflow(page)
            if found["scroll"] > found["width"] or found["right"] > found["width"]:
                too_wide.append((language, width, found))
    assert not too_wide, too_wide
