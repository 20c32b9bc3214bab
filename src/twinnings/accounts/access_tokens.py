"""Personal access tokens: creating (the secret is shown once), checking and revoking them."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinnings.accounts.models import AccessToken
from twinnings.accounts.tokens import new_token, token_hash
from twinnings.audit.services import record, snapshot
from twinnings.core.errors import Forbidden, Refused

PREFIX = "twn_"
FIELDS = ["user", "name", "scope", "prefix", "revoked_at"]


@transaction.atomic
def create(user: User, name: str, scope: str) -> tuple[AccessToken, str]:
    """The token and its secret, which is never stored and cannot be shown again."""
    if scope not in AccessToken.Scope.values:
        raise Refused(_("Unknown scope."))
    if not name.strip():
        raise Refused(_("Give the token a name."))
    secret, _hashed = new_token()
    raw = PREFIX + secret
    token = AccessToken.objects.create(
        user=user, name=name.strip()[:100], scope=scope, prefix=raw[:12], token_hash=token_hash(raw)
    )
    record(user, "access_token.create", token, after=snapshot(token, FIELDS), scope=f"auth.user:{user.pk}")
    return token, raw


def authenticate(raw: str) -> AccessToken | None:
    if not raw.startswith(PREFIX):
        return None
    token = (
        AccessToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


@transaction.atomic
def revoke(user: User, token: AccessToken) -> None:
    if token.user_id != user.pk:
        raise Forbidden(_("This is not your token."))
    if token.revoked_at is None:
        before = snapshot(token, FIELDS)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            user,
            "access_token.revoke",
            token,
            before=before,
            after=snapshot(token, FIELDS),
            scope=f"auth.user:{user.pk}",
        )
