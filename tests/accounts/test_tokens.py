from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.workspace import People
from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken

pytestmark = pytest.mark.django_db


def test_a_new_token_is_shown_once(client: Client, people: People) -> None:
    client.force_login(people.officer)
    html = client.post(reverse("accounts:tokens"), {"name": "Intranet", "scope": "write"}).content.decode()
    secret = re.search(r"twn_[\w-]+", html)
    assert secret
    token = AccessToken.objects.get()
    assert token.token_hash != secret.group(0) and access_tokens.authenticate(secret.group(0)) == token
    assert secret.group(0) not in client.get(reverse("accounts:tokens")).content.decode()


@pytest.mark.parametrize(("who", "status"), [("officer", 302), ("partner", 404), ("outsider", 404)])
def test_only_its_owner_revokes_a_token(client: Client, people: People, who: str, status: int) -> None:
    token, _raw = access_tokens.create(people.officer, "Intranet", "read")
    client.force_login(people.by_name(who))
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == status
    token.refresh_from_db()
    assert (token.revoked_at is not None) is (status == 302)
