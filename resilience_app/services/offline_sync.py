"""Entries made on a phone without a connection (assets/offline_capture.js), stored when it is back.

Each entry carries the id the phone made and the moment it was felt; storing one twice stores it
once (the id is the idempotency key), and a moment in the future or too long ago is refused. The
caller has already checked who is signed in and that the queue is theirs (web/offline_routes.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock, security
from resilience_app.core.errors import UserError
from resilience_app.models import BoxSlip, JournalEntry, MoodEntry
from resilience_app.services import emotion_box, journal, moods
from resilience_app.services.ownership import find_owned

KINDS = ("checkin", "win", "gratitude", "box")
# A phone's clock (corrected by the server's time when it last had a connection) may run a little ahead.
FUTURE_SKEW = timedelta(minutes=5)
# What the phone keeps, and what the server takes: a month is long enough for any outage.
MAX_AGE = timedelta(days=30)
BATCH_MAX = 50
_TABLES = {"checkin": MoodEntry, "win": JournalEntry, "gratitude": JournalEntry, "box": BoxSlip}
# Refusals that a later try may get past: the entry stays on the phone.
_LATER = {"error.box_too_many"}


def felt_at(value: Any) -> datetime:
    """An ISO-8601 moment with an offset, inside [now - MAX_AGE, now + FUTURE_SKEW]."""
    if not isinstance(value, str) or len(value) > 40:
        raise UserError("offline.error.time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UserError("offline.error.time") from None
    if moment.tzinfo is None:
        raise UserError("offline.error.time")
    now = clock.now()
    if moment > now + FUTURE_SKEW or moment < now - MAX_AGE:
        raise UserError("offline.error.time_range")
    return moment


def _text(entry: dict[str, Any]) -> str:
    text = entry.get("text")
    if not isinstance(text, str):
        raise UserError("offline.error.entry")
    return text


def _intensity(value: Any) -> int | None:
    # bool is an int in Python; a phone never sends one.
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise UserError("error.mood_intensity")


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise UserError("offline.error.entry")
    return value


def _store(session: Session, user_id: int, entry: dict[str, Any], public_id: str, kind: str) -> None:
    moment = felt_at(entry.get("felt_at"))
    if kind == "checkin":
        emotion = entry.get("emotion")
        if not isinstance(emotion, str):
            raise UserError("error.mood_no_emotion")
        moods.log_mood(session, user_id=user_id, emotion=emotion, public_id=public_id, felt_at=moment,
                       intensity=_intensity(entry.get("intensity")), cause_tags=_tags(entry.get("tags")))
    elif kind == "box":
        emotion_box.add_slip(session, user_id=user_id, text=_text(entry), public_id=public_id, written_at=moment)
    else:
        journal.add_entry(session, user_id=user_id, kind=kind, text=_text(entry), public_id=public_id,
                          written_at=moment)


def store_one(session: Session, *, user_id: int, entry: Any) -> dict[str, str]:
    """Store one queued entry; returns {"id", "status", "reason"} where status is "stored",
    "duplicate" (already here), "refused" (never storable: the phone drops it) or "later"."""
    public_id = entry.get("id") if isinstance(entry, dict) else None
    shown_id = public_id if security.is_public_id(public_id) else ""
    kind = entry.get("kind") if isinstance(entry, dict) else None
    if not shown_id or kind not in KINDS:
        return {"id": shown_id, "status": "refused", "reason": "offline.error.entry"}
    if find_owned(session, _TABLES[kind], user_id, public_id) is not None:
        return {"id": public_id, "status": "duplicate", "reason": ""}
    try:
        _store(session, user_id, entry, public_id, kind)
    except UserError as error:
        return {"id": public_id, "status": "later" if error.key in _LATER else "refused", "reason": error.key}
    return {"id": public_id, "status": "stored", "reason": ""}


def store_queued(session: Session, *, user_id: int, entries: list[Any]) -> list[dict[str, str]]:
    """Store a batch from one phone's queue, in order; one result per entry."""
    if len(entries) > BATCH_MAX:
        raise UserError("offline.error.batch", max=BATCH_MAX)
    return [store_one(session, user_id=user_id, entry=entry) for entry in entries]


def written_texts(session: Session, *, user_id: int, public_ids: list[str]) -> list[str]:
    """The words of this user's lines and slips with these ids (a check-in made offline has none), for
    the care check after a sync; another user's ids match nothing."""
    ids = [public_id for public_id in public_ids[:BATCH_MAX] if security.is_public_id(public_id)]
    if not ids:
        return []
    texts: list[str] = []
    for model in (JournalEntry, BoxSlip):
        texts += session.scalars(select(model.text).where(model.user_id == user_id, model.public_id.in_(ids)))
    return texts
