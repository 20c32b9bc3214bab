from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from twinnings.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-Passphrase-9"


def sign_up(client: Client, email: str = "ana@example.org") -> str:
    response = client.post(reverse("accounts:sign_up"), {"name": "Ana", "email": email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    link = re.search(r"https?://\S+", mail.outbox[-1].body)
    assert link
    return link.group(0)


def test_sign_up_sends_a_confirmation_link_and_the_account_waits_for_it(client: Client) -> None:
    sign_up(client)
    user = get_user_model().objects.get(email="ana@example.org")
    assert not user.is_active
    assert user.password.startswith("argon2")
    response = client.post(reverse("accounts:login"), {"username": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_link_confirms_once_and_logs_in(client: Client) -> None:
    link = sign_up(client)
    response = client.get(link)
    assert response.status_code == 302
    assert get_user_model().objects.get(email="ana@example.org").is_active
    assert client.get(reverse("accounts:home")).status_code == 200
    assert Client().get(link).status_code == 400
    assert AuditEntry.objects.filter(action="account.confirm_email").count() == 1


def test_a_forged_link_is_refused(client: Client) -> None:
    sign_up(client)
    uid = get_user_model().objects.get().pk
    response = client.get(reverse("accounts:confirm", args=[str(uid), "abc-123"]))
    assert response.status_code == 400
    assert not get_user_model().objects.get().is_active


def test_an_address_signs_up_once(client: Client) -> None:
    sign_up(client)
    response = client.post(reverse("accounts:sign_up"), {"name": "B", "email": "ANA@example.org", "password": PASSWORD})
    assert "already exists" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_weak_passwords_are_refused(client: Client) -> None:
    response = client.post(reverse("accounts:sign_up"), {"name": "B", "email": "b@example.org", "password": "12345678"})
    assert response.status_code == 200
    assert get_user_model().objects.count() == 0
    assert "field-error" in response.content.decode()
