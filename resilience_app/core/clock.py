"""The one source of "now". Tests set it; everything else asks it.

RESILIENCE_CLOCK_START, a testing aid, starts this process's clock at an ISO 8601 instant with
its offset (2026-11-30T00:30:00+08:00); from there it runs on in real time, so timers and
session touches still see time pass. It is read once, when this module is first imported; the
server says so loudly at startup (resilience_app.py).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

START_VARIABLE = "RESILIENCE_CLOCK_START"

_frozen: datetime | None = None


def _start_from_environment() -> datetime | None:
    value = os.environ.get(START_VARIABLE, "").strip()
    if not value:
        return None
    try:
        start = datetime.fromisoformat(value)
    except ValueError:
        start = None
    if start is None or start.tzinfo is None:
        raise ValueError(f"{START_VARIABLE} wants an instant with its offset, like 2026-11-30T00:30:00+08:00, "
                         f"not {value[:40]!r}")
    return start


_start = _start_from_environment()
_offset = _start - datetime.now(UTC) if _start is not None else timedelta(0)


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return _frozen if _frozen is not None else datetime.now(UTC) + _offset


def started_at() -> datetime | None:
    """The instant RESILIENCE_CLOCK_START started this process's clock at, or None: the real time."""
    return _start


def set_now(instant: datetime | None) -> None:
    """Freeze the clock at an instant (aware), or pass None to let it run again."""
    global _frozen
    if instant is not None and instant.tzinfo is None:
        raise ValueError("the clock needs an aware datetime")
    _frozen = instant.astimezone(UTC) if instant is not None else None
