from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from tests.workspace import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-Passphrase-9"


def login(client: Client, password: str) -> int:
    return client.post(reverse("accounts:login"), {"username": "ana@example.org", "password": password}).status_code


def test_login_and_logout(client: Client) -> None:
    make_user("ana@example.org", password=PASSWORD)
    assert login(client, PASSWORD) == 302
    assert client.get(reverse("accounts:home")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302


def test_login_asks_for_the_email_address_in_any_case(client: Client) -> None:
    make_user("ana@example.org", password=PASSWORD)
    page = client.get(reverse("accounts:login")).content.decode()
    assert re.search(r'<label for="id_username">Email address</label>', page)
    response = client.post(reverse("accounts:login"), {"username": " Ana@Example.ORG ", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_repeated_failures_lock_the_account_out(client: Client, settings: Settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    make_user("ana@example.org", password=PASSWORD)
    assert [login(client, "wrong") for _ in range(2)] == [200, 200]
    assert login(client, "wrong") == 429
    response = client.post(reverse("accounts:login"), {"username": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_password_reset_by_email(client: Client) -> None:
    make_user("ana@example.org", password="old-Passphrase-77")
    client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[-1].body)
    assert link
    form = client.get(link.group(0), follow=True)
    assert "Choose a new password" in form.content.decode()
    url = form.redirect_chain[-1][0]
    done = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert login(Client(), PASSWORD) == 302


def test_password_reset_says_the_same_for_unknown_addresses(client: Client) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "If an account uses this address" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("username", ["a" * 151, "ana@example.org" * 10_000])
def test_an_overlong_login_name_is_refused_by_the_form(client: Client, username: str) -> None:
    """Longer than any account's name: refused before authentication and its lockout records
    (whose column holds 255 characters; PostgreSQL refused the insert with a 500)."""
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})

    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
