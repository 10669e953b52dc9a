"""Mood check-ins: name the feeling, then (optionally) why, how strongly, and a fairer view.

Every function takes the owner's user id and only ever touches that user's rows: an entry of
someone else answers exactly like one that does not exist.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from itertools import groupby
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.contracts import mood as contract
from resilience_app.core import clock, localtime, security
from resilience_app.core.errors import UserError, shown
from resilience_app.models import MoodEntry
from resilience_app.services import emotions, import_fields
from resilience_app.services.ownership import find_owned, owned, write_owned

TAGS_MAX = 6
# The details written in words, each with its own limit.
TEXTS = {"cause": contract.CAUSE, "reframe": contract.REFRAME, "note": contract.NOTE}


@dataclasses.dataclass(frozen=True)
class Mood:
    public_id: str
    felt_at: datetime  # in UTC
    emotion: str
    quadrant: str
    intensity: int | None
    cause: str
    cause_tags: tuple[str, ...]
    reframe: str
    note: str


@dataclasses.dataclass(frozen=True)
class Day:
    day: date  # the user's local day (after their day-start hour)
    moods: tuple[Mood, ...]


def _mood(row: MoodEntry) -> Mood:
    return Mood(
        public_id=row.public_id,
        felt_at=row.felt_at.astimezone(UTC),
        emotion=row.emotion,
        quadrant=row.quadrant,
        intensity=row.intensity,
        cause=row.cause,
        cause_tags=tuple(row.cause_tags or ()),
        reframe=row.reframe,
        note=row.note,
    )


def _check_emotion(key: str | None) -> str:
    if not key:
        raise UserError("error.mood_no_emotion")
    quadrant = emotions.quadrant_of(key)
    if quadrant is None:
        raise UserError("error.mood_unknown_emotion", key=shown(key))
    return quadrant


def _check_details(details: dict[str, Any]) -> dict[str, Any]:
    """Validate whichever details are given; unknown names are a programming error."""
    clean: dict[str, Any] = {}
    for name, value in details.items():
        if name == "intensity":
            clean[name] = None if value in (None, "") else contract.INTENSITY.check(value)
        elif name == "cause_tags":
            tags = list(dict.fromkeys(value or ()))
            if len(tags) > TAGS_MAX:
                raise UserError("error.mood_too_many_tags", max=TAGS_MAX)
            if unknown := [tag for tag in tags if emotions.cause_tag(tag) is None]:
                raise UserError("error.mood_unknown_tag", key=shown(unknown[0]))
            clean[name] = tags
        elif name in TEXTS:
            clean[name] = TEXTS[name].clean(value, field=name)
        elif name == "emotion":
            clean["quadrant"] = _check_emotion(value)
            clean[name] = value
        else:
            raise TypeError(f"unknown mood detail {name!r}")
    return clean


def _owned(session: Session, user_id: int, public_id: str) -> MoodEntry:
    return owned(session, MoodEntry, user_id, public_id)


def log_mood(
    session: Session,
    *,
    user_id: int,
    emotion: str | None,
    public_id: str | None = None,
    felt_at: datetime | None = None,
    **details: Any,
) -> Mood:
    """Save a check-in. The same public_id twice (a double tap) returns the first entry."""
    quadrant = _check_emotion(emotion)
    clean = _check_details(details)
    if existing := find_owned(session, MoodEntry, user_id, public_id):
        return _mood(existing)
    now = clock.now()
    row = MoodEntry(
        public_id=public_id or security.new_public_id(),
        user_id=user_id,
        felt_at=felt_at or now,
        emotion=emotion,
        quadrant=quadrant,
        intensity=clean.get("intensity"),
        cause=clean.get("cause", ""),
        cause_tags=clean.get("cause_tags", []),
        reframe=clean.get("reframe", ""),
        note=clean.get("note", ""),
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return _mood(row)


def update_mood(session: Session, *, user_id: int, public_id: str, **details: Any) -> Mood:
    """Change any of: emotion, intensity, cause, cause_tags, reframe, note. All checked first."""
    row = _owned(session, user_id, public_id)
    for name, value in _check_details(details).items():
        setattr(row, name, value)
    row.updated_at = clock.now()
    session.flush()
    return _mood(row)


def delete_mood(session: Session, *, user_id: int, public_id: str) -> None:
    session.delete(_owned(session, user_id, public_id))
    session.flush()


def get_mood(session: Session, *, user_id: int, public_id: str) -> Mood:
    return _mood(_owned(session, user_id, public_id))


def moods_between(session: Session, *, user_id: int, start: datetime, end: datetime) -> list[Mood]:
    rows = session.scalars(
        select(MoodEntry)
        .where(MoodEntry.user_id == user_id, MoodEntry.felt_at >= start, MoodEntry.felt_at < end)
        .order_by(MoodEntry.felt_at)
    )
    return [_mood(row) for row in rows]


def history(
    session: Session, *, user_id: int, time_zone: str, day_start_hour: int, limit: int = 60
) -> tuple[list[Day], bool]:
    """The newest check-ins grouped by the user's local day, and whether older ones exist."""
    rows = session.scalars(
        select(MoodEntry)
        .where(MoodEntry.user_id == user_id)
        .order_by(MoodEntry.felt_at.desc(), MoodEntry.id.desc())
        .limit(limit + 1)
    ).all()
    more = len(rows) > limit
    moods = [_mood(row) for row in rows[:limit]]
    days = [
        Day(day=day, moods=tuple(group))
        for day, group in groupby(moods, key=lambda m: localtime.local_day(m.felt_at, time_zone, day_start_hour))
    ]
    return days, more


# --- export / import (docs/export-format.md, section "moods") -----------------------


def export_moods(session: Session, user_id: int) -> list[dict[str, Any]]:
    from resilience_app.models import User

    zone = session.get(User, user_id).time_zone
    rows = session.scalars(
        select(MoodEntry).where(MoodEntry.user_id == user_id).order_by(MoodEntry.felt_at, MoodEntry.id)
    )
    return [
        {
            "id": row.public_id,
            "felt_at": localtime.to_local(row.felt_at, zone).isoformat(timespec="seconds"),
            "emotion": row.emotion,
            "quadrant": row.quadrant,
            "intensity": row.intensity,
            "cause": row.cause,
            "cause_tags": list(row.cause_tags or ()),
            "reframe": row.reframe,
            "note": row.note,
        }
        for row in rows
    ]


def _read_mood(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, emotion = entry.public_id(), entry.text("emotion")
    quadrant = entry.check("emotion", _check_emotion, emotion)
    entry.choice("quadrant", (quadrant,), quadrant)  # derived from the emotion; a contradiction is refused
    tags = entry.raw("cause_tags", [])
    if not isinstance(tags, list) or not all(import_fields.is_text(tag) for tag in tags):
        raise entry.bad("cause_tags", tags, UserError("import.expect_text_list"))
    intensity = entry.integer("intensity", contract.INTENSITY.allowed, None, nullable=True)
    given = {"intensity": intensity, "cause_tags": tags}
    given |= {name: entry.text(name, "") for name in TEXTS}
    fields = {"public_id": public_id, "felt_at": entry.instant("felt_at"), "emotion": emotion,
              "quadrant": quadrant}
    for name, value in given.items():
        fields |= entry.check(name, _check_details, {name: value})
    return fields


def known_ids(session: Session, *, user_id: int, public_ids: list[str]) -> set[str]:
    """Which of these stable ids the user already has (an import skips them)."""
    found: set[str] = set()
    for start in range(0, len(public_ids), 500):  # well under every database's limit on bound values
        found.update(session.scalars(select(MoodEntry.public_id).where(
            MoodEntry.user_id == user_id, MoodEntry.public_id.in_(public_ids[start:start + 500]))))
    return found


def add_imported(session: Session, *, user_id: int, entries: list[dict[str, Any]]) -> int:
    """Import check-ins made elsewhere: each is checked like one made here, then all are added.

    Each dict holds public_id, felt_at, emotion and any details; ids the user already has are skipped.
    Returns how many were added."""
    checked = [(entry, _check_emotion(entry["emotion"]), _check_details(
        {k: v for k, v in entry.items() if k not in ("public_id", "felt_at", "emotion")})) for entry in entries]
    known = known_ids(session, user_id=user_id, public_ids=[entry["public_id"] for entry in entries])
    now = clock.now()
    added = 0
    for entry, quadrant, details in checked:
        if entry["public_id"] in known:
            continue
        known.add(entry["public_id"])
        session.add(MoodEntry(
            public_id=entry["public_id"], user_id=user_id, felt_at=entry["felt_at"], emotion=entry["emotion"],
            quadrant=quadrant, intensity=details.get("intensity"), cause=details.get("cause", ""),
            cause_tags=details.get("cause_tags", []), reframe=details.get("reframe", ""),
            note=details.get("note", ""), created_at=now, updated_at=now,
        ))
        added += 1
    session.flush()
    return added


def restore_moods(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id; the quadrant is derived from the emotion when absent."""
    checked = import_fields.read_section("moods", items, _read_mood)
    write_owned(session, MoodEntry, user_id, checked, stamped=True)
