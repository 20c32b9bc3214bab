"""Every page is served with a strict Content-Security-Policy, and needs nothing it forbids."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import TinyGazetteer

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(rb"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(rb"<[^>]+\sstyle\s*=", re.IGNORECASE)


@pytest.mark.parametrize("path", ["/", "/twinnings/", "/countries/", "/countries/FR/", "/insights/", "/search/?q=ly"])
def test_pages_forbid_inline_scripts_and_contain_none(client: Client, tiny_registry: TinyGazetteer, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert not INLINE_SCRIPT.search(response.content)
    assert not INLINE_HANDLER.search(response.content)
    assert not STYLE_ATTRIBUTE.search(response.content)


def test_place_page_needs_nothing_the_policy_forbids(client: Client, tiny_registry: TinyGazetteer) -> None:
    response = client.get(tiny_registry["lyon"].get_absolute_url())
    assert "Content-Security-Policy" in response
    assert not INLINE_SCRIPT.search(response.content)
    assert not STYLE_ATTRIBUTE.search(response.content)
