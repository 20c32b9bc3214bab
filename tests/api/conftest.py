"""Helpers for the read API tests: JSON requests with their status checked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

GetJson = Callable[..., Any]


@pytest.fixture
def get_json(client: Client) -> GetJson:
    """`get_json(url, expect=200, **params)`: the decoded JSON body, after checking status and content type."""

    def get(url: str, expect: int = 200, **params: Any) -> Any:
        response = client.get(url, params)
        assert response.status_code == expect, (url, params, response.content[:500])
        assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
        return response.json()

    return get
