"""The emotion box (情绪收纳盒): write the shift's heavy feelings on slips, seal them, and meet
them again from the next local day, to keep, to turn into a check-in, or to let go.

A sealed slip's text never leaves this module until its day has come: the views read only
how many are locked and when they open. Every function touches only its user's own slips.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from resilience_app.contracts import emotion_box as contract
from resilience_app.contracts import mood as mood_contract
from resilience_app.core import clock, localtime, security
from resilience_app.core.errors import UserError
from resilience_app.models import BoxSlip, User
from resilience_app.services import import_fields, moods
from resilience_app.services.ownership import find_owned, owned, user_row, write_owned

OPEN_MAX = 20
# The page lists this many kept slips, newest first.
KEPT_SHOWN = 50


@dataclasses.dataclass(frozen=True)
class Slip:
    """One of the user's slips: open, sealed with its day come, or kept. A double tap on Add that
    meets a slip no longer open gets it without its text."""

    public_id: str
    text: str
    status: str  # open, sealed, kept (released only for such a double tap)
    written_on: date  # the user's local day it was written (zone and day-start hour)


@dataclasses.dataclass(frozen=True)
class BoxSummary:
    """How many slips are where, for the cards on Today and Journal: counts only, never text."""

    open_count: int = 0
    sealed_count: int = 0  # still locked
    ready_count: int = 0  # sealed, and their day has come
    kept_count: int = 0
    opens_on: date | None = None  # the user's local day the first locked slip opens


@dataclasses.dataclass(frozen=True)
class Box:
    """The box page: open slips, how many are locked and until when, ready and kept slips."""

    open: tuple[Slip, ...]
    sealed_count: int
    opens_on: date | None  # the user's local day the first locked slip opens
    ready: tuple[Slip, ...]
    kept: tuple[Slip, ...]  # the newest KEPT_SHOWN, newest first
    kept_count: int


def _find(session: Session, user_id: int, public_id: str) -> BoxSlip | None:
    return find_owned(session, BoxSlip, user_id, public_id)


def _owned(session: Session, user_id: int, public_id: str) -> BoxSlip:
    return owned(session, BoxSlip, user_id, public_id)


def _readable(session: Session, user_id: int, public_id: str, time_zone: str, day_start_hour: int) -> BoxSlip:
    """A slip whose day has come (or one already kept); a locked slip stays locked."""
    row = _owned(session, user_id, public_id)
    if row.status == "released":
        raise UserError("error.not_found")
    if row.status == "open":
        raise UserError("error.box_not_sealed")
    if row.status == "sealed" and row.opens_on > localtime.today(time_zone, day_start_hour):
        raise UserError("error.box_still_sealed")
    return row


def _item(row: BoxSlip, time_zone: str, day_start_hour: int) -> Slip:
    """A readable slip (never called for a locked one)."""
    return Slip(public_id=row.public_id, text=row.text, status=row.status,
                written_on=localtime.local_day(row.written_at, time_zone, day_start_hour))


def _added(session: Session, user_id: int, row: BoxSlip) -> Slip:
    """A slip just put in the box, or the one a double tap met: its text only while it is open."""
    user = user_row(session, user_id, missing="error.not_found")
    return Slip(public_id=row.public_id, text=row.text if row.status == "open" else "", status=row.status,
                written_on=localtime.local_day(row.written_at, user.time_zone, user.day_start_hour))


def add_slip(session: Session, *, user_id: int, text: str, public_id: str | None = None,
             written_at: datetime | None = None) -> Slip:
    """Put a slip in the open box; the same public_id twice (a double tap) stores it once. A slip
    written on the phone without a connection keeps the moment it was written (`written_at`)."""
    clean = contract.SLIP_TEXT.clean(text)
    if public_id and (existing := _find(session, user_id, public_id)) is not None:
        return _added(session, user_id, existing)
    open_count = session.scalar(
        select(func.count()).select_from(BoxSlip).where(BoxSlip.user_id == user_id, BoxSlip.status == "open")
    )
    if open_count >= OPEN_MAX:
        raise UserError("error.box_too_many", max=OPEN_MAX)
    row = BoxSlip(public_id=public_id or security.new_public_id(), user_id=user_id, text=clean,
                  status="open", written_at=written_at or clock.now())
    session.add(row)
    session.flush()
    return _added(session, user_id, row)


def remove_open_slip(session: Session, *, user_id: int, public_id: str) -> None:
    """Take a slip back out before the box is sealed; once sealed it waits for its day."""
    row = _owned(session, user_id, public_id)
    if row.status != "open":
        raise UserError("error.box_already_sealed")
    session.delete(row)
    session.flush()


def seal_box(session: Session, *, user_id: int, time_zone: str, day_start_hour: int) -> int:
    """Seal every open slip until the user's next local day; returns how many were sealed."""
    rows = session.scalars(select(BoxSlip).where(BoxSlip.user_id == user_id, BoxSlip.status == "open")).all()
    if not rows:
        raise UserError("error.box_nothing_to_seal")
    now = clock.now()
    # A night shift sealing at 01:30 (day start 04:00) still belongs to the day before.
    opens_on = localtime.today(time_zone, day_start_hour) + timedelta(days=1)
    for row in rows:
        row.status, row.sealed_at, row.opens_on = "sealed", now, opens_on
    session.flush()
    return len(rows)


def box_summary(session: Session, *, user_id: int, time_zone: str, day_start_hour: int) -> BoxSummary:
    """Counts only (no text), for the cards on Today and Journal: one small grouped query."""
    today = localtime.today(time_zone, day_start_hour)
    counts: Counter[str] = Counter()
    locks: list[date] = []
    rows = session.execute(
        select(BoxSlip.status, BoxSlip.opens_on, func.count())
        .where(BoxSlip.user_id == user_id)
        .group_by(BoxSlip.status, BoxSlip.opens_on)
    )
    for status, opens_on, count in rows:
        if status == "sealed" and opens_on > today:
            counts["sealed"] += count
            locks.append(opens_on)
        elif status == "sealed":
            counts["ready"] += count
        else:
            counts[status] += count
    return BoxSummary(open_count=counts["open"], sealed_count=counts["sealed"], ready_count=counts["ready"],
                      kept_count=counts["kept"], opens_on=min(locks) if locks else None)


def box_view(session: Session, *, user_id: int, time_zone: str, day_start_hour: int) -> Box:
    """The box page: open slips, how many are locked (and until when), ready and kept slips.

    Locked slips are only counted; their rows, and so their text, are never loaded.
    """
    today = localtime.today(time_zone, day_start_hour)
    summary = box_summary(session, user_id=user_id, time_zone=time_zone, day_start_hour=day_start_hour)
    rows = session.scalars(
        select(BoxSlip)
        .where(
            BoxSlip.user_id == user_id,
            or_(BoxSlip.status.in_(("open", "kept")), and_(BoxSlip.status == "sealed", BoxSlip.opens_on <= today)),
        )
        .order_by(BoxSlip.written_at, BoxSlip.id)
    ).all()
    kept = [_item(row, time_zone, day_start_hour) for row in reversed(rows) if row.status == "kept"]
    return Box(
        open=tuple(_item(row, time_zone, day_start_hour) for row in rows if row.status == "open"),
        sealed_count=summary.sealed_count,
        opens_on=summary.opens_on,
        ready=tuple(_item(row, time_zone, day_start_hour) for row in rows if row.status == "sealed"),
        kept=tuple(kept[:KEPT_SHOWN]),
        kept_count=len(kept),
    )


def keep_slip(
    session: Session, *, user_id: int, public_id: str, time_zone: str, day_start_hour: int
) -> Slip:
    """Keep a slip whose day has come, to read again later."""
    row = _readable(session, user_id, public_id, time_zone, day_start_hour)
    row.status = "kept"
    session.flush()
    return _item(row, time_zone, day_start_hour)


def let_go(session: Session, *, user_id: int, public_id: str, time_zone: str, day_start_hour: int) -> None:
    """Let a slip go for good: its words are erased; that it was let go, and when, is kept."""
    row = _readable(session, user_id, public_id, time_zone, day_start_hour)
    row.status, row.text, row.released_at = "released", "", clock.now()
    session.flush()


def released_between(session: Session, *, user_id: int, start, end) -> int:
    """How many slips were let go in [start, end)."""
    return session.scalar(
        select(func.count()).select_from(BoxSlip).where(
            BoxSlip.user_id == user_id, BoxSlip.status == "released",
            BoxSlip.released_at >= start, BoxSlip.released_at < end,
        )
    ) or 0


def slip_to_mood(
    session: Session, *, user_id: int, public_id: str, emotion: str | None, reframe: str = "",
    time_zone: str, day_start_hour: int,
) -> moods.Mood:
    """Name the feeling on a slip: a check-in now, the slip's text as its cause; then the slip goes.

    The check-in takes the slip's id, so a double tap returns the first check-in.
    """
    row = _find(session, user_id, public_id) if public_id else None
    if row is None:
        try:
            return moods.get_mood(session, user_id=user_id, public_id=public_id)
        except UserError:
            raise UserError("error.not_found") from None
    row = _readable(session, user_id, public_id, time_zone, day_start_hour)
    # A slip may hold more than a check-in's cause: the whole text then goes to the note.
    cause, note = row.text, ""
    if len(cause) > mood_contract.CAUSE.max:
        cause, note = cause[: mood_contract.CAUSE.max - 1] + "…", row.text
    mood = moods.log_mood(session, user_id=user_id, emotion=emotion, public_id=row.public_id,
                          cause=cause, reframe=reframe, note=note)
    session.delete(row)
    session.flush()
    return mood


# --- export / import (docs/export-format.md, section "emotion_box") ---------------------


def export_slips(session: Session, user_id: int) -> list[dict[str, Any]]:
    zone = session.get(User, user_id).time_zone
    rows = session.scalars(
        select(BoxSlip).where(BoxSlip.user_id == user_id).order_by(BoxSlip.written_at, BoxSlip.id)
    )

    def instant(value):
        return localtime.to_local(value, zone).isoformat(timespec="seconds") if value else None

    return [
        {
            "id": row.public_id,
            "text": row.text,
            "status": row.status,
            "written_at": instant(row.written_at),
            "sealed_at": instant(row.sealed_at),
            "opens_on": row.opens_on.isoformat() if row.opens_on else None,
            "released_at": instant(row.released_at),
        }
        for row in rows
    ]


def _read_slip(entry: import_fields.Entry) -> dict[str, Any]:
    """One exported slip, checked; a let-go slip's words are not restored, whatever the file says."""
    public_id, status = entry.public_id(), entry.choice("status", contract.STATUS.values)
    if status == "released":
        text = ""
    else:
        text = entry.check("text", contract.SLIP_TEXT.clean, entry.text("text"))
    fields = {"public_id": public_id, "text": text, "status": status, "written_at": entry.instant("written_at"),
              "sealed_at": entry.instant("sealed_at", None, nullable=True),
              "opens_on": entry.day("opens_on", None, nullable=True),
              "released_at": entry.instant("released_at", None, nullable=True)}
    if status == "sealed":
        for name in ("sealed_at", "opens_on"):
            if fields[name] is None:
                raise UserError("error.import_missing_field", place=entry.place, field=name)
    if status == "released" and fields["released_at"] is None:
        raise UserError("error.import_missing_field", place=entry.place, field="released_at")
    if status == "open":
        fields["sealed_at"] = fields["opens_on"] = None
    if status != "released":
        fields["released_at"] = None
    return fields


def restore_slips(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id, so the same document imported twice changes nothing."""
    write_owned(session, BoxSlip, user_id, import_fields.read_section("emotion_box", items, _read_slip), stamped=False)
