"""Emotion first aid (情绪急救): the guided exercises, and each use of one, for the summaries.

The exercises are data: steps with a catalog text key and a length in seconds. The player
(components/first_aid_player.py) turns them into CSS animations, so an exercise runs to its
end on the phone even if the connection drops. Every use belongs to one user: someone else's
use answers exactly like one that does not exist.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.models import FirstAidUse, MoodEntry
from resilience_app.services import import_fields
from resilience_app.services.ownership import find_owned, write_owned

ID_MAX = 32  # public ids are 32 hex characters (core.security.new_public_id)
BREATHS = ("in", "hold", "out", "slow")


@dataclasses.dataclass(frozen=True)
class Step:
    text_key: str
    seconds: int
    detail_key: str = ""
    # A heading shared by consecutive steps (the breathing space's three minutes, 4-7-8's rounds).
    phase_key: str = ""
    # What the breathing circle does: grow (in), stay (hold), shrink (out), or breathe slowly.
    breath: str = ""


@dataclasses.dataclass(frozen=True)
class Exercise:
    key: str
    name_key: str
    when_key: str
    steps: tuple[Step, ...]
    total: int


def _exercise(key: str, name_key: str, when_key: str, *steps: Step) -> Exercise:
    assert all(step.breath in ("", *BREATHS) for step in steps), key
    return Exercise(key, name_key, when_key, steps, sum(step.seconds for step in steps))


def _round_478(number: int) -> tuple[Step, ...]:
    phase = f"fa.478.round_{number}"
    return (
        Step("fa.478.inhale", 4, "fa.478.inhale_detail", phase, "in"),
        Step("fa.478.hold", 7, "fa.478.hold_detail", phase, "hold"),
        Step("fa.478.exhale", 8, "fa.478.exhale_detail", phase, "out"),
    )


# Seed 000: 觉察 1 min, 聚焦呼吸 1 min, 扩展 1 min; seed 003: 4-7-8; seed 004: 心理暂停.
EXERCISES: dict[str, Exercise] = {
    exercise.key: exercise
    for exercise in (
        _exercise(
            "breathing_space", "fa.breathing_space.name", "fa.breathing_space.when",
            Step("fa.space.notice_1", 20, phase_key="fa.space.phase.notice"),
            Step("fa.space.notice_2", 20, phase_key="fa.space.phase.notice"),
            Step("fa.space.notice_3", 20, phase_key="fa.space.phase.notice"),
            Step("fa.space.breathe_1", 30, phase_key="fa.space.phase.breathe", breath="slow"),
            Step("fa.space.breathe_2", 30, phase_key="fa.space.phase.breathe", breath="slow"),
            Step("fa.space.widen_1", 20, phase_key="fa.space.phase.widen"),
            Step("fa.space.widen_2", 20, phase_key="fa.space.phase.widen"),
            Step("fa.space.widen_3", 20, phase_key="fa.space.phase.widen"),
        ),
        _exercise(
            "breath_478", "fa.breath_478.name", "fa.breath_478.when",
            Step("fa.478.ready", 4, "fa.478.ready_detail"),
            *_round_478(1), *_round_478(2), *_round_478(3), *_round_478(4),
        ),
        _exercise(
            "pause_30s", "fa.pause_30s.name", "fa.pause_30s.when",
            Step("fa.pause.stop", 5, "fa.pause.stop_detail"),
            Step("fa.pause.inhale", 4, breath="in"),
            Step("fa.pause.exhale", 6, "fa.pause.exhale_detail", breath="out"),
            Step("fa.pause.not_you", 5, "fa.pause.not_you_detail"),
            Step("fa.pause.inhale_again", 4, breath="in"),
            Step("fa.pause.look", 6, "fa.pause.look_detail", breath="out"),
        ),
        _exercise(
            "body_relax", "fa.body_relax.name", "fa.body_relax.when",
            Step("fa.body.chin", 20, "fa.body.chin_detail"),
            Step("fa.body.neck_left", 15, "fa.body.neck_left_detail"),
            Step("fa.body.neck_right", 15, "fa.body.neck_right_detail"),
            Step("fa.body.shoulders", 20, "fa.body.shoulders_detail"),
            Step("fa.body.waist", 20, "fa.body.waist_detail"),
            Step("fa.body.water", 10, "fa.body.water_detail"),
            Step("fa.body.voice", 20, "fa.body.voice_detail"),
        ),
    )
}


# What the check-in offers right after an unpleasant feeling, by its energy (the quadrant).
# High energy (angry, anxious, wronged and hot): slow the body first — 4-7-8 breathing, then loosen
# the neck and shoulders that tensed. Low energy (drained, low, numb): the breathing space's gentle
# restart, then the same body release for a body that sat and talked all shift. The 30-second pause
# is for the moment before a reply, so it stays on the first-aid page.
OFFERS: dict[str, tuple[str, ...]] = {
    "high_unpleasant": ("breath_478", "body_relax"),
    "low_unpleasant": ("breathing_space", "body_relax"),
}


def timeline(exercise: Exercise) -> list[tuple[int, Step]]:
    """Each step with the second it starts at."""
    starts, at = [], 0
    for step in exercise.steps:
        starts.append((at, step))
        at += step.seconds
    return starts


def phases(exercise: Exercise) -> list[tuple[str, int, int]]:
    """(phase_key, start, seconds) for each run of consecutive steps sharing a heading."""
    runs: list[tuple[str, int, int]] = []
    for start, step in timeline(exercise):
        if runs and runs[-1][0] == step.phase_key:
            key, begun, length = runs[-1]
            runs[-1] = (key, begun, length + step.seconds)
        else:
            runs.append((step.phase_key, start, step.seconds))
    return [run for run in runs if run[0]]


def exercise_for(key: str) -> Exercise:
    exercise = EXERCISES.get(key)
    if exercise is None:
        raise UserError("error.first_aid_unknown")
    return exercise


# --- uses ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Use:
    """One run of an exercise: when it began, the time spent, and whether it ran to the end."""

    public_id: str
    exercise: str
    started_at: datetime  # in UTC
    seconds: int
    completed: bool
    mood_public_id: str | None  # the check-in that led here, if any


def _use(row: FirstAidUse) -> Use:
    return Use(public_id=row.public_id, exercise=row.exercise, started_at=row.started_at.astimezone(UTC),
               seconds=row.seconds, completed=row.completed, mood_public_id=row.mood_public_id)


def _find(session: Session, user_id: int, public_id: str) -> FirstAidUse | None:
    return find_owned(session, FirstAidUse, user_id, public_id)


def _own_mood(session: Session, user_id: int, mood_public_id: str | None) -> str | None:
    """The check-in that led here, kept only if it is this user's own."""
    if not mood_public_id:
        return None
    found = session.scalar(
        select(MoodEntry.id).where(MoodEntry.user_id == user_id, MoodEntry.public_id == mood_public_id)
    )
    return mood_public_id if found is not None else None


def start_use(
    session: Session,
    *,
    user_id: int,
    exercise: str,
    public_id: str,
    mood_public_id: str | None = None,
    started_at: datetime | None = None,
) -> Use:
    """Record that an exercise began. The same public_id twice (a double tap) is one use."""
    exercise_for(exercise)
    if not public_id or len(public_id) > ID_MAX:
        raise ValueError("a use needs a public id of 1 to 32 characters")
    existing = _find(session, user_id, public_id)
    if existing is not None:
        return _use(existing)
    row = FirstAidUse(
        public_id=public_id,
        user_id=user_id,
        exercise=exercise,
        started_at=started_at or clock.now(),
        seconds=0,
        completed=False,
        mood_public_id=_own_mood(session, user_id, mood_public_id),
    )
    session.add(row)
    session.flush()
    return _use(row)


def finish_use(session: Session, *, user_id: int, public_id: str, completed: bool) -> Use | None:
    """Record how it ended: the time spent (capped at the exercise's length) and whether it ran
    to the end. None when there is no id; a use once completed stays completed."""
    if not public_id:
        return None
    row = _find(session, user_id, public_id)
    if row is None:
        raise UserError("error.not_found")
    elapsed = int((clock.now() - row.started_at).total_seconds())
    spent = max(0, min(elapsed, EXERCISES[row.exercise].total))
    row.seconds = max(row.seconds, spent)
    row.completed = row.completed or completed
    session.flush()
    return _use(row)


def uses_between(session: Session, *, user_id: int, start: datetime, end: datetime) -> list[Use]:
    """The user's uses that started in [start, end), oldest first."""
    rows = session.scalars(
        select(FirstAidUse)
        .where(FirstAidUse.user_id == user_id, FirstAidUse.started_at >= start, FirstAidUse.started_at < end)
        .order_by(FirstAidUse.started_at, FirstAidUse.id)
    )
    return [_use(row) for row in rows]


# --- export / import (docs/export-format.md, section "first_aid") -------------------


def export_uses(session: Session, user_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(FirstAidUse).where(FirstAidUse.user_id == user_id).order_by(FirstAidUse.started_at, FirstAidUse.id)
    )
    return [
        {"id": row.public_id, "exercise": row.exercise,
         "started_at": row.started_at.astimezone(UTC).isoformat(timespec="seconds"), "seconds": row.seconds,
         "completed": row.completed, "mood_id": row.mood_public_id}
        for row in rows
    ]


def _read_use(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, exercise = entry.public_id(), entry.choice("exercise", tuple(EXERCISES))
    return {
        "public_id": public_id,
        "exercise": exercise,
        "started_at": entry.instant("started_at"),
        "seconds": entry.integer("seconds", range(EXERCISES[exercise].total + 1), 0),
        "completed": entry.flag("completed", False),
        "mood_public_id": entry.public_id("mood_id", None, nullable=True),
    }


def restore_uses(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id; every entry is checked before any is written."""
    write_owned(session, FirstAidUse, user_id, import_fields.read_section("first_aid", items, _read_use), stamped=False)
