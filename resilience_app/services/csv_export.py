"""Check-ins and journal entries as spreadsheets (CSV) the user can open in Excel or Numbers.

One row per entry, oldest first, headers and labels in the user's language, local date and time
in the user's zone with the zone itself in two columns. UTF-8 with a byte-order mark (without it
Excel reads Chinese as mojibake), RFC 4180 quoting and CRLF line ends.

Formula guard: a cell whose text starts with = + - @, a tab or a carriage return would be run
as a formula by spreadsheet programs (CSV injection), so such cells get a leading apostrophe,
which Excel shows as plain text. The JSON export keeps the text exactly as written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import localtime
from resilience_app.core.i18n import translate
from resilience_app.models import JournalEntry, MoodEntry, User
from resilience_app.services import emotions

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CHECKIN_COLUMNS = (
    "download.col.date", "download.col.time", "download.col.zone", "download.col.utc_offset",
    "download.col.emotion", "download.col.emotion_key", "download.col.quadrant", "download.col.intensity",
    "download.col.cause_tags", "download.col.cause", "download.col.reframe", "download.col.note",
    "download.col.id",
)
JOURNAL_COLUMNS = (
    "download.col.date", "download.col.time", "download.col.zone", "download.col.utc_offset",
    "download.col.kind", "download.col.kind_key", "download.col.text", "download.col.prompt",
    "download.col.id",
)


def guard_cell(value: object) -> str:
    """The cell's text, made inert if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV document: BOM, header, rows; every cell guarded, quoted only where needed."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([guard_cell(name) for name in header])
    writer.writerows([guard_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _when(instant: datetime, zone: str) -> list[str]:
    """Local date, local time, the zone's name and its offset at that moment (DST aware)."""
    local = localtime.to_local(instant, zone)
    minutes = int((local.utcoffset() or timedelta(0)).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    # "UTC+08:00" rather than "+08:00": a bare sign would look like a formula to a spreadsheet.
    offset = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return [local.date().isoformat(), local.strftime("%H:%M"), zone, offset]


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    assert user is not None
    return user


def checkins_csv(session: Session, *, user_id: int) -> str:
    """Every mood check-in of this user (and only this user's)."""
    user = _user(session, user_id)
    language, zone = user.language, user.time_zone
    quadrant_names = {q.key: q.label(language) for q in emotions.quadrants()}
    joiner = translate(language, "download.list_separator")
    entries = session.scalars(
        select(MoodEntry).where(MoodEntry.user_id == user_id).order_by(MoodEntry.felt_at, MoodEntry.id)
    )
    rows = []
    for entry in entries:
        word = emotions.emotion(entry.emotion)
        tags = [tag.label(language) if (tag := emotions.cause_tag(key)) else key for key in entry.cause_tags or ()]
        rows.append([
            *_when(entry.felt_at, zone),
            word.label(language) if word else entry.emotion,
            entry.emotion,
            quadrant_names.get(entry.quadrant, entry.quadrant),
            "" if entry.intensity is None else entry.intensity,
            joiner.join(tags),
            entry.cause,
            entry.reframe,
            entry.note,
            entry.public_id,
        ])
    return write_csv([translate(language, key) for key in CHECKIN_COLUMNS], rows)


def journal_csv(session: Session, *, user_id: int) -> str:
    """Every journal entry (wins and gratitude) of this user (and only this user's)."""
    user = _user(session, user_id)
    language, zone = user.language, user.time_zone
    entries = session.scalars(
        select(JournalEntry).where(JournalEntry.user_id == user_id)
        .order_by(JournalEntry.written_at, JournalEntry.id)
    )
    rows = [
        [
            *_when(entry.written_at, zone),
            translate(language, f"journal.kind.{entry.kind}"),
            entry.kind,
            entry.text,
            translate(language, entry.prompt_key) if entry.prompt_key else "",
            entry.public_id,
        ]
        for entry in entries
    ]
    return write_csv([translate(language, key) for key in JOURNAL_COLUMNS], rows)
