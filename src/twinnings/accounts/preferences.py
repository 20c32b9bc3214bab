"""A user's interface language, remembered when a signed-in user picks it in the language switcher,
so that emails sent by daily jobs and by other users' actions arrive in that language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.utils import translation

from twinnings.accounts.models import Preferences

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def remember_language(user: User | AnonymousUser, code: str) -> bool:
    """Keeps `code` as the user's language; False (nothing kept) for visitors and unknown codes."""
    if not user.is_authenticated or code not in LANGUAGES:
        return False
    Preferences.objects.update_or_create(user=user, defaults={"language": code})
    return True


def language_of(user: User) -> str:
    """The user's language, else the site's default."""
    chosen = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen if chosen in LANGUAGES else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user: User) -> Iterator[str]:
    """Translations, dates and numbers in the user's language inside the block."""
    code = language_of(user)
    with translation.override(code):
        yield code
