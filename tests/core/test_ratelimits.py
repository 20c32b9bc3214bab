"""Rate limits per client address: login, password reset, search (page and API) and the API as a
whole answer 429 past their limit, with a message and Retry-After, and let requests through again
in the next window."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings

from tests.factories import TinyGazetteer
from twinnings.core.ratelimits import client_ip

pytestmark = pytest.mark.django_db


NOW = 1_800_000_000.0  # the limiter's windows are fixed: a frozen clock keeps a test inside one


@pytest.fixture(autouse=True)
def small_limits(settings: Settings) -> Iterator[None]:
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = {"login": "3/m", "password_reset": "2/h", "search": "3/m", "api": "5/m"}
    with clock(NOW):
        yield


def clock(now: float) -> mock._patch[mock.MagicMock]:
    """The rate limiter's clock (only its own) set to `now`."""
    return mock.patch("django_ratelimit.core.time", mock.Mock(time=mock.Mock(return_value=now)))


def later(seconds: int) -> mock._patch[mock.MagicMock]:
    return clock(NOW + seconds)


def test_login_posts_past_the_limit_get_429_then_pass_in_the_next_window(client: Client) -> None:
    for attempt in range(3):  # different usernames: below django-axes' lockout of one account
        response = client.post("/account/login/", {"username": f"user{attempt}@example.org", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/account/login/", {"username": "ana@example.org", "password": "wrong"})
    assert response.status_code == 429
    assert "at most 3 login attempts per minute from one address" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 60
    assert client.get("/account/login/").status_code == 200  # showing the form is not an attempt
    with later(61):
        assert client.post("/account/login/", {"username": "ana@example.org", "password": "x"}).status_code == 200


def test_password_reset_requests_are_limited(client: Client) -> None:
    for _ in range(2):
        assert client.post("/account/password/reset/", {"email": "ana@example.org"}).status_code == 302
    response = client.post("/account/password/reset/", {"email": "ana@example.org"})
    assert response.status_code == 429
    assert "at most 2 password-reset requests per hour" in response.content.decode()


def test_the_search_box_is_limited_per_address(client: Client, tiny_gazetteer: TinyGazetteer) -> None:
    for _ in range(3):
        assert client.get("/search/", {"q": "ko"}).status_code == 200
    limited = client.get("/search/", {"q": "kol"})
    assert limited.status_code == 429 and "at most 3 searches per minute" in limited.content.decode()
    assert limited["Content-Type"].startswith("text/html")
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.get("/search/", {"q": "ko"}).status_code == 200


def test_api_search_and_the_api_answer_429_in_json(client: Client, tiny_gazetteer: TinyGazetteer) -> None:
    for _ in range(3):
        assert client.get("/api/v1/places", {"q": "ko"}).status_code == 200
    searched = client.get("/api/v1/places", {"q": "ko"})
    assert searched.status_code == 429
    assert searched.json()["detail"].startswith("Too many requests: at most 3 searches per minute")
    assert client.get("/api/v1/countries").status_code == 200  # the 5th API request
    limited = client.get("/api/v1/countries")
    assert limited.status_code == 429 and "at most 5 API requests per minute" in limited.json()["detail"]
    assert int(limited["Retry-After"]) >= 1
    with later(61):
        assert client.get("/api/v1/countries").status_code == 200


def test_pages_outside_the_rules_are_not_counted(client: Client, tiny_gazetteer: TinyGazetteer) -> None:
    for _ in range(10):
        assert client.get("/countries/").status_code == 200


def test_lifting_the_limits(client: Client, settings: Settings, tiny_gazetteer: TinyGazetteer) -> None:
    settings.RATELIMIT_ENABLE = False
    assert all(client.get("/api/v1/places", {"q": "ko"}).status_code == 200 for _ in range(10))


def test_behind_a_proxy_each_forwarded_client_has_its_own_count(
    client: Client, settings: Settings, tiny_gazetteer: TinyGazetteer
) -> None:
    settings.PROXY_COUNT = 1
    for _ in range(3):
        client.get("/search/", {"q": "ko"}, HTTP_X_FORWARDED_FOR="198.51.100.1")
    # a client cannot dodge its count by sending an X-Forwarded-For of its own: the proxy appends the real one
    spoofed = client.get("/search/", {"q": "ko"}, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1")
    assert spoofed.status_code == 429
    assert client.get("/search/", {"q": "ko"}, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_client_ip_counts_proxies_from_the_right(settings: Settings) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2, 3.3.3.3")
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.PROXY_COUNT = 2
    assert client_ip(request) == "2.2.2.2"
    settings.PROXY_COUNT = 4  # fewer entries than proxies: the header is not ours
    assert client_ip(request) == "10.0.0.2"
