"""One-use tokens: email confirmation links and invitation tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset token, but void once the account is active (so a link works once)."""

    key_salt = "twinnings.accounts.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: AbstractBaseUser, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.is_active}{timestamp}{user.get_email_field_name()}"


email_confirmation_token = EmailConfirmationTokenGenerator()


def new_token() -> tuple[str, str]:
    """A random URL-safe token and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
