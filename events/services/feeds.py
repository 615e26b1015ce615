"""Members' personal calendar feeds: the secret token in the feed's URL.

The token is an HMAC of a random salt under the site's secret key; the database keeps the salt
and the token's SHA-256 (to find the member), so neither a database dump nor a log of digests
yields a usable URL. Regenerating draws a new salt (the old URL stops working); revoking deletes
the row.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import FeedToken

if TYPE_CHECKING:
    from hub.models import User

MAX_TOKEN_LENGTH = 64


def _token(salt: str) -> str:
    key = f"events.feed:{settings.SECRET_KEY}".encode()
    return hmac.new(key, salt.encode(), hashlib.sha256).hexdigest()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_token_of(*, user: User) -> str | None:
    """The member's current token, or None when they have none (or revoked it)."""
    row = FeedToken.objects.filter(user=user).first()
    return _token(row.salt) if row else None


@transaction.atomic
def feed_token_regenerate(*, user: User) -> str:
    """A new token for the member (the old one, if any, stops working). Returns the token."""
    salt = secrets.token_hex(32)
    token = _token(salt)
    FeedToken.objects.update_or_create(
        user=user, defaults={"salt": salt, "digest": _digest(token), "created_at": timezone.now()}
    )
    return token


@transaction.atomic
def feed_token_revoke(*, user: User) -> None:
    FeedToken.objects.filter(user=user).delete()


def feed_user_for_token(token: str) -> User | None:
    """The active member whose feed `token` opens, or None (wrong, revoked, malformed)."""
    if (
        not token
        or len(token) > MAX_TOKEN_LENGTH
        or not all(c in "0123456789abcdef" for c in token)
    ):
        return None
    row = FeedToken.objects.select_related("user").filter(digest=_digest(token)).first()
    if row is None or not hmac.compare_digest(_token(row.salt), token):
        return None
    if not row.user.is_active:
        return None
    FeedToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user
