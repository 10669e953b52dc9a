"""Login throttling per account: slower after a few failures, a ceiling per hour.

Delays are counted per (account, client address), so an attacker elsewhere slows only
itself; the hourly ceiling counts every client, and a lock it causes lifts within an hour
of the last failure ageing out. Unknown usernames are throttled exactly like real ones.
"""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from resilience_app.core import clock
from resilience_app.models import LoginFailure

FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=15)
MAX_DELAY = timedelta(minutes=5)
WINDOW = timedelta(hours=1)
PER_CLIENT_CEILING = 20
PER_ACCOUNT_CEILING = 100


def seconds_to_wait(session: Session, *, username_key: str, client: str) -> int:
    """0 when a login attempt may be checked now, else how many seconds to wait."""
    now = clock.now()
    since = now - WINDOW
    rows = session.execute(
        select(LoginFailure.client, LoginFailure.at)
        .where(LoginFailure.username_key == username_key, LoginFailure.at > since)
        .order_by(LoginFailure.at)
    ).all()
    if not rows:
        return 0
    waits = [0.0]
    if len(rows) >= PER_ACCOUNT_CEILING:
        waits.append((rows[-PER_ACCOUNT_CEILING].at + WINDOW - now).total_seconds())
    mine = [at for who, at in rows if who == client]
    if len(mine) >= PER_CLIENT_CEILING:
        waits.append((mine[-PER_CLIENT_CEILING].at + WINDOW - now).total_seconds())
    if len(mine) >= FREE_FAILURES:
        delay = min(FIRST_DELAY * 2 ** (len(mine) - FREE_FAILURES), MAX_DELAY)
        waits.append((mine[-1] + delay - now).total_seconds())
    return max(0, math.ceil(max(waits)))


def record_failure(session: Session, *, username_key: str, client: str) -> None:
    now = clock.now()
    session.add(LoginFailure(username_key=username_key, client=client[:64], at=now))
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - WINDOW))


def clear_failures(session: Session, *, username_key: str, client: str) -> None:
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.username_key == username_key, LoginFailure.client == client
        )
    )


def failure_count(session: Session, *, username_key: str) -> int:
    return session.scalar(
        select(func.count()).select_from(LoginFailure).where(LoginFailure.username_key == username_key)
    ) or 0
