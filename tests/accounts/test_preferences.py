"""The language a signed-in user picks in the switcher is kept for the emails they receive;
visitors' choices and unknown languages keep nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.workspace import People
from twinnings.accounts.models import Preferences
from twinnings.accounts.preferences import language_of


def switch(client: Client, code: str) -> int:
    response = client.post(reverse("set_language"), {"language": code, "next": "/countries/"})
    return response.status_code


def test_a_signed_in_users_choice_is_kept(people: People) -> None:
    client = Client()
    client.force_login(people.officer)
    assert language_of(people.officer) == "en"  # the site's default before any choice
    assert switch(client, "pl") == 302
    assert client.cookies["django_language"].value == "pl"
    assert language_of(people.officer) == "pl"
    assert switch(client, "de") == 302
    assert language_of(people.officer) == "de"
    assert Preferences.objects.filter(user=people.officer).count() == 1


@pytest.mark.parametrize("code", ["xx", "", "pl\x00", "<script>"])
def test_an_unknown_language_keeps_nothing(people: People, code: str) -> None:
    client = Client()
    client.force_login(people.officer)
    switch(client, code)
    assert not Preferences.objects.exists()
    assert language_of(people.officer) == "en"


def test_a_visitors_choice_is_only_a_cookie(people: People) -> None:
    client = Client()
    assert switch(client, "fr") == 302
    assert client.cookies["django_language"].value == "fr"
    assert not Preferences.objects.exists()


def test_switching_needs_a_post(people: People) -> None:
    assert Client().get(reverse("set_language"), {"language": "fr"}).status_code == 405
