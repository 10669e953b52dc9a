"""A file given to Me → Import: this app's own export (JSON) or a Daylio CSV.

`preview` says what importing would do and writes nothing; `import_file` does it, all or nothing
(the caller's unit of work rolls back on any error). The bytes are only ever held in memory.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import localtime
from resilience_app.core.errors import UserError, shown
from resilience_app.models import BoxSlip, DailyGoal, FirstAidUse, Interest, JournalEntry, MoodEntry, RechargeBlock, WeeklyReview
from resilience_app.services import daylio, portability

EXPORT_MAX_BYTES = 50 * 1024 * 1024  # years of daily entries take a few MB; anything far bigger is not an export
UPLOAD_MAX_BYTES = 10 * 1024 * 1024  # what the app accepts from a phone (the command line takes bigger exports)
_NUMBER_MAX_DIGITS = 30  # no field of the format needs more; Python refuses ints past 4300 digits anyway

# The export's private sections and their tables: an entry whose id the user has is already here.
_TABLES = {"moods": MoodEntry, "first_aid": FirstAidUse, "journal": JournalEntry, "weekly_reviews": WeeklyReview,
           "goals": DailyGoal, "interests": Interest, "recharge_blocks": RechargeBlock, "emotion_box": BoxSlip}
_DATED = {"moods": "felt_at", "journal": "written_at"}  # what the date range of an export is read from


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _NUMBER_MAX_DIGITS:
        raise ValueError(f"a number has more than {_NUMBER_MAX_DIGITS} digits")
    return int(digits)


def read_export(data: bytes, file: str) -> object:
    """The JSON document in an export's bytes; UserError naming the problem (and `file`) otherwise."""
    file = shown(file)
    if len(data) > EXPORT_MAX_BYTES:
        raise UserError("error.import_too_large", file=file, max=EXPORT_MAX_BYTES // (1024 * 1024))
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is fine
    except UnicodeDecodeError as error:
        raise UserError("error.import_not_utf8", file=file, offset=error.start) from None
    if not text.strip():
        raise UserError("error.import_empty", file=file)
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int)
    except json.JSONDecodeError as error:
        raise UserError("error.import_not_json", file=file,
                        detail=f"line {error.lineno} column {error.colno}: {error.msg}") from None
    except ValueError as error:
        raise UserError("error.import_not_json", file=file, detail=str(error)) from None
    except RecursionError:
        raise UserError("error.import_too_deep", file=file) from None


def kind_of(data: bytes) -> str:
    """"export" when the file looks like JSON, else "daylio"."""
    return "export" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "daylio"


@dataclasses.dataclass(frozen=True)
class Preview:
    kind: str  # "export" or "daylio"
    counts: tuple[tuple[str, int], ...]  # (section, entries in the file), sections with entries only
    new: int  # entries that importing adds
    skipped: int  # Daylio: duplicates (in the file or already here); export: entries already here
    first_day: date | None
    last_day: date | None
    mood_names: tuple[tuple[str, int], ...] = ()
    unknown_moods: tuple[str, ...] = ()
    shortened: int = 0


def _known(session: Session, model: Any, user_id: int, ids: list[str]) -> int:
    found = 0
    for start in range(0, len(ids), 500):
        found += len(session.scalars(select(model.public_id).where(
            model.user_id == user_id, model.public_id.in_(ids[start:start + 500]))).all())
    return found


def _export_preview(session: Session, user_id: int, data: bytes, name: str) -> Preview:
    document = read_export(data, name)
    # A dry run finds every fault the real import would, then leaves nothing behind.
    with session.begin_nested() as dry_run:
        portability.import_user(session, user_id=user_id, document=document)
        dry_run.rollback()
    assert isinstance(document, dict)  # import_user refuses anything else
    counts, total, already, days = [], 0, 0, []
    for section in portability.SECTIONS:
        items = document.get(section.name)
        if not isinstance(items, list) or not items:
            continue
        counts.append((section.name, len(items)))
        total += len(items)
        if model := _TABLES.get(section.name):
            already += _known(session, model, user_id, [item["id"] for item in items])
        if field := _DATED.get(section.name):
            days += [localtime.parse_instant(item[field]).date() for item in items]
    return Preview(kind="export", counts=tuple(counts), new=total - already, skipped=already,
                   first_day=min(days, default=None), last_day=max(days, default=None))


def preview(session: Session, *, user_id: int, data: bytes, name: str = "",
            mapping: Mapping[str, str] | None = None) -> Preview:
    """What importing this file would do; writes nothing."""
    if len(data) > UPLOAD_MAX_BYTES:
        raise UserError("error.upload_too_large", max=UPLOAD_MAX_BYTES // (1024 * 1024))
    if kind_of(data) == "export":
        return _export_preview(session, user_id, data, name)
    return _daylio_preview(daylio.plan_import(session, user_id=user_id, data=data, mapping=mapping))


def _daylio_preview(plan: daylio.Plan) -> Preview:
    return Preview(kind="daylio", counts=(("moods", plan.read),), new=plan.read - plan.skipped,
                   skipped=plan.skipped, first_day=plan.first_day, last_day=plan.last_day,
                   mood_names=plan.mood_names, unknown_moods=plan.unknown_moods, shortened=plan.shortened)


def import_file(session: Session, *, user_id: int, data: bytes, name: str = "",
                mapping: Mapping[str, str] | None = None) -> Preview:
    """Import everything in the file or, on any error (an unmapped mood too), nothing; returns its preview."""
    if len(data) > UPLOAD_MAX_BYTES:
        raise UserError("error.upload_too_large", max=UPLOAD_MAX_BYTES // (1024 * 1024))
    if kind_of(data) == "daylio":
        return _daylio_preview(daylio.import_daylio(session, user_id=user_id, data=data, mapping=mapping))
    result = _export_preview(session, user_id, data, name)
    portability.import_user(session, user_id=user_id, document=read_export(data, name))
    return result
