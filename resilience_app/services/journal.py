"""Small wins and gratitude (客服成就清单), and the Sunday review's line of self-recognition."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock, localtime, security
from resilience_app.core.errors import UserError
from resilience_app.models import JournalEntry, User, WeeklyReview
from resilience_app.services.ownership import find_owned, owned

KINDS = ("win", "gratitude")
TEXT_MAX = 300
RECOGNITION_MAX = 200
# Prompts drawn from the agents' day; their text lives in the catalogs (journal.prompt.N).
PROMPT_KEYS = tuple(f"journal.prompt.{n}" for n in range(1, 11))


def prompt_for(day: date, written_today: int) -> str:
    """A different prompt each day, moving on after each entry."""
    return PROMPT_KEYS[(day.toordinal() + written_today) % len(PROMPT_KEYS)]


def _entry(row: JournalEntry, zone: str) -> dict[str, Any]:
    return {
        "id": row.public_id,
        "kind": row.kind,
        "text": row.text,
        "prompt_key": row.prompt_key,
        "written_at": localtime.to_local(row.written_at, zone).isoformat(timespec="seconds"),
    }


def _zone(session: Session, user_id: int) -> str:
    return session.get(User, user_id).time_zone


def _check(kind: str, text: str) -> str:
    if kind not in KINDS:
        raise UserError("error.journal_kind")
    clean = (text or "").strip()
    if not clean:
        raise UserError("error.journal_empty")
    if len(clean) > TEXT_MAX:
        raise UserError("error.journal_too_long", max=TEXT_MAX)
    return clean


def _owned(session: Session, user_id: int, public_id: str) -> JournalEntry:
    return owned(session, JournalEntry, user_id, public_id)


def add_entry(
    session: Session, *, user_id: int, kind: str, text: str, prompt_key: str = "",
    public_id: str | None = None, written_at: datetime | None = None,
) -> dict[str, Any]:
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


def update_entry(session: Session, *, user_id: int, public_id: str, kind: str, text: str) -> dict[str, Any]:
    row = _owned(session, user_id, public_id)
    row.text, row.kind, row.updated_at = _check(kind, text), kind, clock.now()
    return _entry(row, _zone(session, user_id))


def delete_entry(session: Session, *, user_id: int, public_id: str) -> None:
    session.delete(_owned(session, user_id, public_id))


def entries_between(session: Session, *, user_id: int, start: datetime, end: datetime) -> list[dict[str, Any]]:
    zone = _zone(session, user_id)
    rows = session.scalars(
        select(JournalEntry)
        .where(JournalEntry.user_id == user_id, JournalEntry.written_at >= start, JournalEntry.written_at < end)
        .order_by(JournalEntry.written_at, JournalEntry.id)
    )
    return [_entry(row, zone) for row in rows]


def recent_entries(session: Session, *, user_id: int, limit: int = 60) -> list[dict[str, Any]]:
    zone = _zone(session, user_id)
    rows = session.scalars(
        select(JournalEntry).where(JournalEntry.user_id == user_id)
        .order_by(JournalEntry.written_at.desc(), JournalEntry.id.desc()).limit(limit)
    )
    return [_entry(row, zone) for row in rows]


# --- weeks and the Sunday review -----------------------------------------------------


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_days(week: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week such as 2026-W47."""
    try:
        year, number = week.split("-W")
        monday = date.fromisocalendar(int(year), int(number), 1)
    except (ValueError, AttributeError):
        raise UserError("error.week_format", week=str(week)[:12]) from None
    return monday, monday + timedelta(days=6)


def week_bounds(week: str, time_zone: str, day_start_hour: int) -> tuple[datetime, datetime]:
    monday, sunday = week_days(week)
    return (localtime.day_bounds(monday, time_zone, day_start_hour)[0],
            localtime.day_bounds(sunday, time_zone, day_start_hour)[1])


def review_due(*, now_local: datetime, today: date, review_weekday: int, review_hour: int) -> bool:
    """From the review hour of the review day until that week ends (a late Sunday still counts)."""
    if today.weekday() > review_weekday:
        return True
    return today.weekday() == review_weekday and (now_local.hour >= review_hour or now_local.date() > today)


def save_review(
    session: Session, *, user_id: int, week: str, recognition: str, public_id: str | None = None
) -> dict[str, Any]:
    week_days(week)
    clean = (recognition or "").strip()
    if not clean:
        raise UserError("error.review_empty")
    if len(clean) > RECOGNITION_MAX:
        raise UserError("error.review_too_long", max=RECOGNITION_MAX)
    row = session.scalar(select(WeeklyReview).where(WeeklyReview.user_id == user_id, WeeklyReview.week == week))
    now = clock.now()
    if row is None:
        row = WeeklyReview(public_id=(public_id or security.new_public_id())[:32], user_id=user_id, week=week,
                           created_at=now)
        session.add(row)
    row.recognition, row.updated_at = clean, now
    session.flush()
    return {"id": row.public_id, "week": row.week, "recognition": row.recognition}


def get_review(session: Session, *, user_id: int, week: str) -> dict[str, Any] | None:
    row = session.scalar(select(WeeklyReview).where(WeeklyReview.user_id == user_id, WeeklyReview.week == week))
    return {"id": row.public_id, "week": row.week, "recognition": row.recognition} if row else None


# --- export / import ------------------------------------------------------------------


def export_entries(session: Session, user_id: int) -> list[dict[str, Any]]:
    zone = _zone(session, user_id)
    rows = session.scalars(
        select(JournalEntry).where(JournalEntry.user_id == user_id).order_by(JournalEntry.written_at, JournalEntry.id)
    )
    return [_entry(row, zone) for row in rows]


def restore_entries(session: Session, user_id: int, items: Any) -> None:
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
        raise UserError("error.import_bad_section", section="journal")
    for item in items:
        text = _check(str(item.get("kind", "")), str(item.get("text", "")))
        row = find_owned(session, JournalEntry, user_id, item["id"][:32])
        now = clock.now()
        if row is None:
            row = JournalEntry(public_id=item["id"][:32], user_id=user_id, created_at=now)
            session.add(row)
        row.kind, row.text, row.updated_at = item["kind"], text, now
        row.prompt_key = item.get("prompt_key") if item.get("prompt_key") in PROMPT_KEYS else ""
        row.written_at = localtime.parse_instant(item.get("written_at"))
    session.flush()


def export_reviews(session: Session, user_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(WeeklyReview).where(WeeklyReview.user_id == user_id).order_by(WeeklyReview.week))
    return [{"id": r.public_id, "week": r.week, "recognition": r.recognition} for r in rows]


def restore_reviews(session: Session, user_id: int, items: Any) -> None:
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise UserError("error.import_bad_section", section="weekly_reviews")
    for item in items:
        save_review(session, user_id=user_id, week=str(item.get("week", "")),
                    recognition=str(item.get("recognition", "")), public_id=item.get("id") or None)
