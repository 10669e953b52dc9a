"""The one source of "now". Tests set it; everything else asks it."""

from __future__ import annotations

from datetime import UTC, datetime

_frozen: datetime | None = None


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def set_now(instant: datetime | None) -> None:
    """Freeze the clock at an instant (aware), or pass None to let it run again."""
    global _frozen
    if instant is not None and instant.tzinfo is None:
        raise ValueError("the clock needs an aware datetime")
    _frozen = instant.astimezone(UTC) if instant is not None else None
