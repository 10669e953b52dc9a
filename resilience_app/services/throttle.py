"""Login throttling: slow the failing client, never the office next to it.

A *client* is one browser, known by its signed client cookie (web/client_id.py); a request
without one is known by its address. Three rules, each over the last hour:

- per account and client: five free failures, then a wait that doubles from 15 s to 5 min,
  and at most 20 failures;
- per client across accounts (password spraying): ten free failures, then the same doubling;
- per account across clients: at most 100 failures, after which only *trusted* clients (ones
  that have signed in to this account before) may still try.

So a client without recent failures of its own is checked at once, however busy an attacker
behind the same address is. Unknown usernames are throttled exactly like real ones.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from resilience_app.core import clock
from resilience_app.models import LoginFailure

FREE_FAILURES = 5
SPRAY_FREE_FAILURES = 10
FIRST_DELAY = timedelta(seconds=15)
MAX_DELAY = timedelta(minutes=5)
WINDOW = timedelta(hours=1)
PER_CLIENT_CEILING = 20
PER_ACCOUNT_CEILING = 100


def _backoff(failures: list[datetime], free: int, now: datetime) -> float:
    """Seconds left of the doubling wait after the last of `failures` (oldest first)."""
    if len(failures) < free:
        return 0.0
    delay = min(FIRST_DELAY * 2 ** (len(failures) - free), MAX_DELAY)
    return (failures[-1] + delay - now).total_seconds()


def seconds_to_wait(session: Session, *, username_key: str, client: str, trusted: bool = False) -> int:
    """0 when this client may try this account now, else how many seconds it must wait."""
    now = clock.now()
    since = now - WINDOW
    on_account = session.execute(
        select(LoginFailure.client, LoginFailure.at)
        .where(LoginFailure.username_key == username_key, LoginFailure.at > since)
        .order_by(LoginFailure.at)
    ).all()
    by_client = list(session.scalars(
        select(LoginFailure.at).where(LoginFailure.client == client, LoginFailure.at > since).order_by(LoginFailure.at)
    ))
    mine = [at for who, at in on_account if who == client]
    waits = [0.0, _backoff(mine, FREE_FAILURES, now), _backoff(by_client, SPRAY_FREE_FAILURES, now)]
    if len(mine) >= PER_CLIENT_CEILING:
        waits.append((mine[-PER_CLIENT_CEILING] + WINDOW - now).total_seconds())
    if not trusted and len(on_account) >= PER_ACCOUNT_CEILING:
        waits.append((on_account[-PER_ACCOUNT_CEILING].at + WINDOW - now).total_seconds())
    return max(0, math.ceil(max(waits)))


def record_failure(session: Session, *, username_key: str, client: str) -> None:
    now = clock.now()
    session.add(LoginFailure(username_key=username_key, client=client[:64], at=now))
    session.execute(delete(LoginFailure).where(LoginFailure.at < now - WINDOW))


def clear_failures(session: Session, *, username_key: str, client: str) -> None:
    """A success forgets this client's failures on this account only: signing in to one's own
    account does not wipe a spraying record made on others."""
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.username_key == username_key, LoginFailure.client == client
        )
    )


def failure_count(session: Session, *, username_key: str) -> int:
    return session.scalar(
        select(func.count()).select_from(LoginFailure).where(LoginFailure.username_key == username_key)
    ) or 0
