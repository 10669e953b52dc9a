"""Login sessions: a random token in an HttpOnly cookie, only its hash on the server.

Expiry is enforced here, on the server: a session ends after `session_idle` without use
or `session_absolute` after login, whichever comes first (both set in core/settings.py).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from resilience_app.core import clock, security
from resilience_app.core.settings import get_settings
from resilience_app.models import AuthSession

# Throttling names a browser "c:<client id>" and a request without one "ip:<address>".
CLIENT_PREFIX = "c:"
# Writing last_seen on every event would turn each read into a write; a minute is plenty.
TOUCH_EVERY = timedelta(minutes=1)


def create_session(session: Session, *, user_id: int, user_agent: str = "", client: str = "") -> str:
    """Start a login and return the raw token (the caller puts it in the cookie).

    `client` is the browser's client id (web/client_id.py), remembered as a hash so that this
    browser stays trusted for this account when others hammer it (services/throttle.py).
    """
    token = security.new_session_token()
    now = clock.now()
    session.add(
        AuthSession(
            token_hash=security.hash_token(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + get_settings().session_absolute,
            user_agent=user_agent[:200],
            client_hash=security.hash_token(client) if client.startswith(CLIENT_PREFIX) else None,
        )
    )
    session.flush()
    return token


def client_has_signed_in(session: Session, *, user_id: int, client: str) -> bool:
    """True when this browser (not merely its address) has signed in to this account before."""
    if not client.startswith(CLIENT_PREFIX):
        return False
    found = session.scalar(
        select(AuthSession.id)
        .where(AuthSession.user_id == user_id, AuthSession.client_hash == security.hash_token(client))
        .limit(1)
    )
    return found is not None


def user_for_token(session: Session, token: str | None) -> int | None:
    """The user id a live session token belongs to, or None (unknown, revoked or expired)."""
    if not token:
        return None
    row = session.scalar(
        select(AuthSession).where(AuthSession.token_hash == security.hash_token(token))
    )
    now = clock.now()
    if row is None or row.revoked_at is not None:
        return None
    if now >= row.expires_at or now >= row.last_seen_at + get_settings().session_idle:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row.user_id


def revoke(session: Session, token: str | None) -> None:
    if token:
        session.execute(
            update(AuthSession)
            .where(AuthSession.token_hash == security.hash_token(token), AuthSession.revoked_at.is_(None))
            .values(revoked_at=clock.now())
        )


def revoke_all(session: Session, *, user_id: int) -> None:
    session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
