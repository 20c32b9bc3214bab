"""How API clients sign in: a personal access token (`Authorization: Bearer twn_…`) or the
browser session with its CSRF token. A read-scoped token cannot write. Public endpoints that show
signed-in users more (their own offices' objects) take `PUBLIC_AUTH`: anonymous requests pass,
but a request that sends a token must send a valid one.

A request with neither a valid token nor a signed-in session is answered 401 (as documented),
whatever its method: the CSRF check (403) applies only to a signed-in session, the only case in
which a forged cross-site request could act for someone."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = access_tokens.authenticate(token)
        if found is None:
            return None
        if found.scope != AccessToken.Scope.WRITE and request.method not in SAFE_METHODS:
            raise HttpError(403, "This token may only read: create a token with the write scope.")
        request.user = found.user
        return found.user


class SessionAuth(NinjaSessionAuth):
    """The browser session; its CSRF token is checked once a signed-in user is found."""

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not request.user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header.")
        return request.user


API_AUTH = [TokenAuth(), SessionAuth()]


class Anyone:
    """Last in an auth list: lets an anonymous request through unless it sent a token."""

    def __call__(self, request: HttpRequest) -> Any:
        return None if request.headers.get("Authorization") else True


PUBLIC_AUTH = [TokenAuth(), SessionAuth(), Anyone()]
