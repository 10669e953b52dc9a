"""Small wins and gratitude (客服成就清单), and the Sunday review's line of self-recognition."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.contracts import journal as contract
from resilience_app.core import clock, localtime, security
from resilience_app.core.errors import UserError
from resilience_app.models import JournalEntry, User, WeeklyReview
from resilience_app.services import import_fields
from resilience_app.services.ownership import find_owned, owned, write_owned

# Prompts drawn from the agents' day; their text lives in the catalogs (journal.prompt.N).
PROMPT_KEYS = tuple(f"journal.prompt.{n}" for n in range(1, 11))


def prompt_for(day: date, written_today: int) -> str:
    """A different prompt each day, moving on after each entry."""
    return PROMPT_KEYS[(day.toordinal() + written_today) % len(PROMPT_KEYS)]


@dataclasses.dataclass(frozen=True)
class Entry:
    """A win or a thank-you."""

    public_id: str
    kind: str
    text: str
    prompt_key: str
    written_at: datetime  # in the user's local time zone


@dataclasses.dataclass(frozen=True)
class Review:
    """The Sunday review's line of self-recognition for one ISO week."""

    public_id: str
    week: str  # an ISO week, "2026-W48"
    recognition: str


def _entry(row: JournalEntry, zone: str) -> Entry:
    return Entry(public_id=row.public_id, kind=row.kind, text=row.text, prompt_key=row.prompt_key,
                 written_at=localtime.to_local(row.written_at, zone))


def _review(row: WeeklyReview) -> Review:
    return Review(public_id=row.public_id, week=row.week, recognition=row.recognition)


def _zone(session: Session, user_id: int) -> str:
    return session.get(User, user_id).time_zone


def _check(kind: str, text: str) -> str:
    """The entry's text as stored, once its kind is known."""
    contract.KIND.check(kind)
    return contract.ENTRY_TEXT.clean(text)


def _owned(session: Session, user_id: int, public_id: str) -> JournalEntry:
    return owned(session, JournalEntry, user_id, public_id)


def add_entry(
    session: Session, *, user_id: int, kind: str, text: str, prompt_key: str = "",
    public_id: str | None = None, written_at: datetime | None = None,
) -> Entry:
    """Store a win or a thank-you; the same public_id twice stores it once."""
    clean = _check(kind, text)
    if existing := find_owned(session, JournalEntry, user_id, public_id):
        return _entry(existing, _zone(session, user_id))
    now = clock.now()
    row = JournalEntry(
        public_id=public_id or security.new_public_id(), user_id=user_id, kind=kind, text=clean,
        prompt_key=prompt_key if prompt_key in PROMPT_KEYS else "", written_at=written_at or now,
        created_at=now, updated_at=now,
    )
    session.add(row)
    session.flush()
    return _entry(row, _zone(session, user_id))


def update_entry(session: Session, *, user_id: int, public_id: str, kind: str, text: str) -> Entry:
    row = _owned(session, user_id, public_id)
    row.text, row.kind, row.updated_at = _check(kind, text), kind, clock.now()
    return _entry(row, _zone(session, user_id))


def delete_entry(session: Session, *, user_id: int, public_id: str) -> None:
    session.delete(_owned(session, user_id, public_id))


def entries_between(session: Session, *, user_id: int, start: datetime, end: datetime) -> list[Entry]:
    zone = _zone(session, user_id)
    rows = session.scalars(
        select(JournalEntry)
        .where(JournalEntry.user_id == user_id, JournalEntry.written_at >= start, JournalEntry.written_at < end)
        .order_by(JournalEntry.written_at, JournalEntry.id)
    )
    return [_entry(row, zone) for row in rows]


def recent_entries(session: Session, *, user_id: int, limit: int = 60) -> list[Entry]:
    zone = _zone(session, user_id)
    rows = session.scalars(
        select(JournalEntry).where(JournalEntry.user_id == user_id)
        .order_by(JournalEntry.written_at.desc(), JournalEntry.id.desc()).limit(limit)
    )
    return [_entry(row, zone) for row in rows]


# --- weeks and the Sunday review -----------------------------------------------------


def review_due(*, now_local: datetime, today: date, review_weekday: int, review_hour: int) -> bool:
    """From the review hour of the review day until that week ends (a late Sunday still counts)."""
    if today.weekday() > review_weekday:
        return True
    return today.weekday() == review_weekday and (now_local.hour >= review_hour or now_local.date() > today)


def save_review(
    session: Session, *, user_id: int, week: str, recognition: str, public_id: str | None = None
) -> Review:
    week = localtime.week_of(localtime.week_monday(week))  # one spelling per week: " 2026-W47" is 2026-W47
    clean = contract.RECOGNITION.clean(recognition)
    row = session.scalar(select(WeeklyReview).where(WeeklyReview.user_id == user_id, WeeklyReview.week == week))
    now = clock.now()
    if row is None:
        row = WeeklyReview(public_id=(public_id or security.new_public_id())[:32], user_id=user_id, week=week,
                           created_at=now)
        session.add(row)
    row.recognition, row.updated_at = clean, now
    session.flush()
    return _review(row)


def get_review(session: Session, *, user_id: int, week: str) -> Review | None:
    row = session.scalar(select(WeeklyReview).where(WeeklyReview.user_id == user_id, WeeklyReview.week == week))
    return _review(row) if row else None


# --- export / import ------------------------------------------------------------------


def export_entries(session: Session, user_id: int) -> list[dict[str, Any]]:
    zone = _zone(session, user_id)
    rows = session.scalars(
        select(JournalEntry).where(JournalEntry.user_id == user_id).order_by(JournalEntry.written_at, JournalEntry.id)
    )
    return [
        {"id": row.public_id, "kind": row.kind, "text": row.text, "prompt_key": row.prompt_key,
         "written_at": localtime.to_local(row.written_at, zone).isoformat(timespec="seconds")}
        for row in rows
    ]


def _read_entry(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, kind = entry.public_id(), entry.choice("kind", contract.KIND.values)
    prompt_key = entry.text("prompt_key", "")
    return {"public_id": public_id, "kind": kind, "text": entry.check("text", _check, kind, entry.text("text")),
            # a prompt this version does not know is dropped, not refused: prompts come and go
            "prompt_key": prompt_key if prompt_key in PROMPT_KEYS else "", "written_at": entry.instant("written_at")}


def restore_entries(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id; every entry is checked before any is written."""
    write_owned(session, JournalEntry, user_id, import_fields.read_section("journal", items, _read_entry), stamped=True)


def export_reviews(session: Session, user_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(WeeklyReview).where(WeeklyReview.user_id == user_id).order_by(WeeklyReview.week))
    return [{"id": r.public_id, "week": r.week, "recognition": r.recognition} for r in rows]


def _read_review(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, week = entry.public_id(), entry.text("week")
    with entry.checking("week"):
        monday = localtime.week_monday(week)
        localtime.check_import_day(monday + timedelta(days=3), week)  # a week's Thursday is in its ISO year
    recognition = entry.check("recognition", contract.RECOGNITION.clean, entry.text("recognition"))
    return {"public_id": public_id, "week": localtime.week_of(monday), "recognition": recognition}


def restore_reviews(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id. There is one review a week: the document's replaces whatever
    other review this account has for that week."""
    checked = import_fields.read_section("weekly_reviews", items, _read_review)
    weeks: set[str] = set()
    for fields in checked:
        if fields["week"] in weeks:
            raise UserError("error.import_duplicate_week", section="weekly_reviews", week=fields["week"])
        weeks.add(fields["week"])
    for fields in checked:
        same_week = session.scalar(
            select(WeeklyReview).where(WeeklyReview.user_id == user_id, WeeklyReview.week == fields["week"])
        )
        if same_week is not None and same_week.public_id != fields["public_id"]:
            session.delete(same_week)
            session.flush()
    write_owned(session, WeeklyReview, user_id, checked, stamped=True)
