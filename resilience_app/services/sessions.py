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

# Writing last_seen on every event would turn each read into a write; a minute is plenty.
TOUCH_EVERY = timedelta(minutes=1)


def create_session(session: Session, *, user_id: int, user_agent: str = "") -> str:
    """Start a login and return the raw token (the caller puts it in the cookie)."""
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
        )
    )
    session.flush()
    return token


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
