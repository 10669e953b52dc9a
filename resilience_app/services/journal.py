"""Small wins and gratitude (客服成就清单), and the Sunday review's line of self-recognition."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock, localtime, security
from resilience_app.core.errors import UserError, shown
from resilience_app.models import JournalEntry, User, WeeklyReview
from resilience_app.services import import_fields
from resilience_app.services.ownership import find_owned, owned, write_owned

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
        return monday, monday + timedelta(days=6)
    except (ValueError, AttributeError, OverflowError):  # 9999-W52 ends past the last date there is
        raise UserError("error.week_format", week=shown(week)) from None


def week_bounds(week: str, time_zone: str, day_start_hour: int) -> tuple[datetime, datetime]:
    monday, sunday = week_days(week)
    return (localtime.day_bounds(monday, time_zone, day_start_hour)[0],
            localtime.day_bounds(sunday, time_zone, day_start_hour)[1])


def review_due(*, now_local: datetime, today: date, review_weekday: int, review_hour: int) -> bool:
    """From the review hour of the review day until that week ends (a late Sunday still counts)."""
    if today.weekday() > review_weekday:
        return True
    return today.weekday() == review_weekday and (now_local.hour >= review_hour or now_local.date() > today)


def _check_recognition(recognition: str) -> str:
    clean = (recognition or "").strip()
    if not clean:
        raise UserError("error.review_empty")
    if len(clean) > RECOGNITION_MAX:
        raise UserError("error.review_too_long", max=RECOGNITION_MAX)
    return clean


def save_review(
    session: Session, *, user_id: int, week: str, recognition: str, public_id: str | None = None
) -> dict[str, Any]:
    week_days(week)
    clean = _check_recognition(recognition)
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


def _read_entry(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, kind, prompt_key = entry.public_id(), entry.choice("kind", KINDS), entry.text("prompt_key", "")
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
        monday, _ = week_days(week)
        localtime.check_import_day(monday + timedelta(days=3), week)  # a week's Thursday is in its ISO year
    recognition = entry.check("recognition", _check_recognition, entry.text("recognition"))
    return {"public_id": public_id, "week": iso_week(monday), "recognition": recognition}


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
