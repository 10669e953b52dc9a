"""Care for crisis signs (issue 12): how urgent a sign is, and, for private entries, whether the writer
has already said "not now" today.

In private entries (check-ins, wins, slips, review lines) a crisis sign only ever brings a card to the
writer: nothing is stored, flagged or told to anyone. "Not now" is kept on the writer's device as a
mark made from their account and local day under the server's key, so the device holds neither a name
nor a date nor any words, and a mark from yesterday or from someone else matches nothing.
"""

from __future__ import annotations

from datetime import date

from resilience_app.core import localtime, security
from resilience_app.services import safety

# Crisis severities from safety.check, most urgent first.
SEVERITIES = ("acute", "concern")
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def more_urgent(first: str | None, second: str | None) -> str | None:
    """The more urgent of two severities ("acute" before "concern" before None)."""
    return min((s for s in (first, second) if s in _RANK), key=_RANK.__getitem__, default=None)


def severity_of(*texts: str) -> str | None:
    """The most urgent crisis sign among the texts, each checked on its own; None when there is none."""
    found = None
    for text in texts:
        if text and text.strip():
            found = more_urgent(found, safety.check(text).severity)
    return found


def quiet_mark(*, user_public_id: str, day: date) -> str:
    """What the device keeps after "not now": it matches only this user on this local day."""
    return security.keyed_mark("care-not-now", user_public_id, day.isoformat())


def quiet_mark_today(*, user_public_id: str, time_zone: str, day_start_hour: int) -> str:
    """The mark "not now" leaves today, in the writer's local day."""
    return quiet_mark(user_public_id=user_public_id, day=localtime.today(time_zone, day_start_hour))
