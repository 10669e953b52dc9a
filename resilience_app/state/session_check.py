"""A few seconds' memory of what a session cookie stands for, so an event need not ask the database.

Every event of a signed-in tab needs its user (state/auth.py, SignedIn._profile). Asking the
database each time made the session lookup most of an event's work under load (issue 16), so
this process remembers the answer per session token for RESILIENCE_SESSION_CHECK_SECONDS
(default 5): a session revoked elsewhere (signing out on another device, a password change, an
operator) stops being honoured within that window. Changes made through this process (consent,
settings, account deletion) forget the user's entries at once. Page loads always check afresh.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from datetime import datetime, timedelta

from resilience_app.core import clock
from resilience_app.services.accounts import Profile

# Past this many remembered sessions the stale ones are swept out (a sweep is one pass over them).
SWEEP_AT = 20_000


def window() -> timedelta:
    return timedelta(seconds=float(os.environ.get("RESILIENCE_SESSION_CHECK_SECONDS", "5")))


@dataclasses.dataclass(frozen=True)
class Checked:
    """A session token's answer at one moment: whose it is (None: no live session) and whether that
    user has agreed to the current privacy notice."""

    profile: Profile | None
    agreed: bool
    at: datetime


_remembered: dict[str, Checked] = {}
_lock = threading.Lock()


def _fresh(entry: Checked, now: datetime, span: timedelta) -> bool:
    return entry.at <= now < entry.at + span


def recall(token_hash: str) -> Checked | None:
    """The remembered answer for a session (by its token's hash), or None when it is too old."""
    entry = _remembered.get(token_hash)
    if entry is None or not _fresh(entry, clock.now(), window()):
        return None
    return entry


def remember(token_hash: str, profile: Profile | None, agreed: bool) -> Checked:
    entry = Checked(profile=profile, agreed=agreed, at=clock.now())
    with _lock:
        if len(_remembered) >= SWEEP_AT:
            now, span = clock.now(), window()
            for key in [key for key, old in _remembered.items() if not _fresh(old, now, span)]:
                del _remembered[key]
        _remembered[token_hash] = entry
    return entry


def forget(token_hash: str) -> None:
    """Drop one session's entry (it was just revoked through this process)."""
    with _lock:
        _remembered.pop(token_hash, None)


def forget_user(user_id: int) -> None:
    """Drop what this process remembers of a user's sessions (their profile or consent changed)."""
    with _lock:
        for key in [key for key, old in _remembered.items() if old.profile and old.profile.id == user_id]:
            del _remembered[key]


def forget_all() -> None:
    with _lock:
        _remembered.clear()
