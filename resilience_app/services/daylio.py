"""Daylio's CSV export read as mood check-ins (README, "Importing from Daylio").

Columns are found by name, in any order; extra ones (`scales`...) are ignored. Dates and times are
wall-clock times in the user's zone. Daylio's five default moods have words of their own; any other
mood name must be mapped to a word by the user, else nothing is imported. Every row gets a stable id
made from the user and the row, so the same file imported twice adds nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import html
import io
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from sqlalchemy.orm import Session

from resilience_app.contracts.mood import NOTE
from resilience_app.core import i18n, localtime
from resilience_app.core.errors import UserError, shown
from resilience_app.services import accounts, emotions, moods

MAX_BYTES = 10 * 1024 * 1024  # ten years of daily check-ins with long notes take about 4 MB
MAX_ROWS = 50_000
REQUIRED = ("full_date", "time", "mood")
OPTIONAL = ("date", "weekday", "activities", "note_title", "note")

# Daylio's five default moods. `meh` sits in the middle of Daylio's scale; it means "not much
# either way, no spark", so it becomes 提不起劲 (unmotivated, low energy and mildly unpleasant):
# a pleasant word would make a flat stretch look good in Looking back. `--map meh=calm` overrides.
DEFAULT_MOODS = {"rad": "happy", "good": "content", "meh": "unmotivated", "bad": "glum", "awful": "sad"}

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?", re.I)
_ACTIVITY_SPLIT = re.compile(r"\s*\|\s*")
# Daylio writes rich notes with a little HTML: line breaks and paragraphs become new lines, other
# tags go, entities are decoded. Text that merely contains < or & ("a <3 b", "R&D") is left alone.
_BREAK = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li)\s*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


@dataclasses.dataclass(frozen=True)
class Row:
    line: int  # where the row starts in the file, counting the header as line 1
    day: date
    at: time
    mood: str  # as written
    activities: tuple[str, ...]
    title: str
    note: str


class UnmappedMoods(UserError):
    """Mood names with no word yet: nothing is imported until each is mapped."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__("error.daylio_unmapped", names=", ".join(names), count=len(names))
        self.names = names


@dataclasses.dataclass(frozen=True)
class Plan:
    """What importing a file would do; `entries` are only those not stored yet."""

    read: int  # rows in the file
    duplicates_in_file: int
    already_here: int
    first_day: date | None
    last_day: date | None
    mood_names: tuple[tuple[str, int], ...]  # each mood name as first written, and how many rows
    unknown_moods: tuple[str, ...]
    shortened: int  # notes cut to the app's length limit
    entries: tuple[dict[str, Any], ...]

    @property
    def skipped(self) -> int:
        return self.duplicates_in_file + self.already_here


# --- reading the file ----------------------------------------------------------------


def decode(data: bytes) -> str:
    """The file as text: UTF-8 (a byte-order mark is fine), within the size limit, not binary."""
    if len(data) > MAX_BYTES:
        raise UserError("error.daylio_too_large", max=MAX_BYTES // (1024 * 1024))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError("error.daylio_not_utf8", line=data.count(b"\n", 0, error.start) + 1) from None
    if "\x00" in text:
        raise UserError("error.daylio_binary")
    if not text.strip():
        raise UserError("error.daylio_empty")
    return text


def _columns(header: list[str]) -> dict[str, int]:
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in REQUIRED + OPTIONAL:
            if name in columns:
                raise UserError("error.daylio_header_twice", column=shown(name))
            columns[name] = index
    if missing := [name for name in REQUIRED if name not in columns]:
        raise UserError("error.daylio_header", missing=", ".join(missing))
    return columns


def parse_time(value: str) -> time:
    """21:05, 9:05 pm, 12:15 AM, 9:05:30 p.m.; ValueError otherwise."""
    match = _TIME.fullmatch(value.strip())
    if not match:
        raise ValueError(value)
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError(value)
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    return time(hour, minute, second)  # ValueError past 23:59:59


def plain_text(value: str) -> str:
    """A note or title without Daylio's markup, with its lines and spaces tidied."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if _TAG.search(text):
        text = _TAG.sub("", _BREAK.sub("\n", text))
    text = _ENTITY.sub(lambda m: html.unescape(m[0]).replace("\xa0", " "), text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _row(line: int, cells: dict[str, str]) -> Row:
    raw_day, raw_time, mood = cells["full_date"].strip(), cells["time"].strip(), cells["mood"].strip()
    try:
        day = localtime.check_import_day(date.fromisoformat(raw_day), raw_day)
    except (ValueError, UserError):
        raise UserError("error.daylio_bad_date", line=line, value=shown(raw_day)) from None
    try:
        at = parse_time(raw_time)
    except ValueError:
        raise UserError("error.daylio_bad_time", line=line, value=shown(raw_time)) from None
    if not mood:
        raise UserError("error.daylio_no_mood", line=line)
    activities = tuple(dict.fromkeys(a for a in _ACTIVITY_SPLIT.split(cells.get("activities", "").strip()) if a))
    return Row(line=line, day=day, at=at, mood=mood, activities=activities,
               title=plain_text(cells.get("note_title", "")), note=plain_text(cells.get("note", "")))


def read_rows(data: bytes) -> list[Row]:
    """Every check-in in a Daylio CSV export, in file order; UserError naming the line otherwise."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    try:
        header = next(reader)
    except csv.Error:
        raise UserError("error.daylio_bad_csv", line=1) from None
    columns = _columns(header)
    rows: list[Row] = []
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:  # an over-long field, an unclosed quote at the end
            raise UserError("error.daylio_bad_csv", line=line) from None
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_ROWS:
            raise UserError("error.daylio_too_many_rows", max=MAX_ROWS)
        rows.append(_row(line, {name: record[i] if i < len(record) else "" for name, i in columns.items()}))
    if not rows:
        raise UserError("error.daylio_no_rows")
    return rows


# --- moods, activities and notes -------------------------------------------------------


def read_mapping(pairs: list[str]) -> dict[str, str]:
    """`--map NAME=EMOTION_KEY` arguments as a mapping; UserError for a malformed one."""
    mapping = {}
    for pair in pairs:
        name, sep, key = pair.rpartition("=")
        if not sep or not name.strip() or not key.strip():
            raise UserError("error.daylio_bad_map", value=shown(pair))
        mapping[name.strip()] = key.strip()
    return mapping


def _words(mapping: Mapping[str, str]) -> dict[str, str]:
    """Every mood name (folded) with its word: the defaults, then the user's choices over them."""
    words = dict(DEFAULT_MOODS)
    for name, key in mapping.items():
        if emotions.emotion(key) is None:
            raise UserError("error.daylio_map_unknown_word", mood=shown(name), key=shown(key))
        words[name.strip().casefold()] = key
    return words


def _cause_tag_names() -> dict[str, str]:
    """Each cause tag by its key and its label in every language, folded."""
    names = {}
    for tag in emotions.cause_tags():
        for name in (tag.key, *tag.name.values()):
            names.setdefault(name.strip().casefold(), tag.key)
    return names


def stable_id(user_id: int, row: Row) -> str:
    """The same row for the same user always gets the same id, however its time was written."""
    parts = ["daylio-1", str(user_id), row.day.isoformat(), row.at.isoformat(), row.mood.casefold(),
             " | ".join(row.activities), row.title, row.note]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _note(row: Row, others: list[str], language: str) -> str:
    parts = [row.title, row.note]
    if others:
        parts.append(i18n.translate(language, "daylio.activities_line", names=", ".join(others)))
    return "\n\n".join(part for part in parts if part)


def _entry(row: Row, public_id: str, word: str, zone: str, language: str, tag_names: dict[str, str]) -> dict:
    tags: list[str] = []
    others: list[str] = []
    for activity in row.activities:
        tag = tag_names.get(activity.casefold())
        if tag and tag not in tags and len(tags) < moods.TAGS_MAX:
            tags.append(tag)
        elif not tag or tag not in tags:
            others.append(activity)
    return {"public_id": public_id, "felt_at": localtime.from_wall_clock(row.day, row.at, zone), "emotion": word,
            "cause_tags": tags, "note": _note(row, others, language)}


def _shorten(text: str) -> str:
    return text if len(text) <= NOTE.max else text[: NOTE.max - 1].rstrip() + "…"


def plan_import(session: Session, *, user_id: int, data: bytes, mapping: Mapping[str, str] | None = None) -> Plan:
    """Read the file and decide what importing it would add; writes nothing."""
    rows = read_rows(data)
    profile = accounts.get_profile(session, user_id)
    if profile is None:
        raise UserError("error.session_expired")
    words = _words(mapping or {})
    spelled: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for row in rows:
        spelled.setdefault(row.mood.casefold(), row.mood)
        counts[row.mood.casefold()] += 1
    unknown = tuple(spelled[name] for name in spelled if name not in words)
    unique: dict[str, Row] = {}
    for row in rows:
        unique.setdefault(stable_id(user_id, row), row)
    known = moods.known_ids(session, user_id=user_id, public_ids=list(unique))
    tag_names = _cause_tag_names()
    entries, shortened = [], 0
    if not unknown:
        for public_id, row in unique.items():
            if public_id in known:
                continue
            entry = _entry(row, public_id, words[row.mood.casefold()], profile.time_zone, profile.language, tag_names)
            if len(entry["note"]) > NOTE.max:
                entry["note"], shortened = _shorten(entry["note"]), shortened + 1
            entries.append(entry)
    days = [row.day for row in rows]
    return Plan(read=len(rows), duplicates_in_file=len(rows) - len(unique), already_here=len(known),
                first_day=min(days), last_day=max(days),
                mood_names=tuple((spelled[name], counts[name]) for name in spelled), unknown_moods=unknown,
                shortened=shortened, entries=tuple(entries))


def import_daylio(session: Session, *, user_id: int, data: bytes, mapping: Mapping[str, str] | None = None) -> Plan:
    """Add every check-in of the file not stored yet, or nothing: UnmappedMoods when a mood has no word.

    The caller's unit of work commits the lot or, on any error, none of it."""
    plan = plan_import(session, user_id=user_id, data=data, mapping=mapping)
    if plan.unknown_moods:
        raise UnmappedMoods(plan.unknown_moods)
    moods.add_imported(session, user_id=user_id, entries=list(plan.entries))
    return plan


def summary(plan: Plan | None, *, imported: int = 0, unknown: tuple[str, ...] = (), error: str = "") -> dict:
    """The command line's JSON answer."""
    result: dict[str, Any] = {
        "imported": imported,
        "skipped": plan.skipped if plan else 0,
        "unknown_moods": list(plan.unknown_moods if plan else unknown),
    }
    if plan:
        result |= {"read": plan.read, "duplicates_in_file": plan.duplicates_in_file,
                   "already_here": plan.already_here, "shortened_notes": plan.shortened,
                   "first_day": plan.first_day.isoformat() if plan.first_day else None,
                   "last_day": plan.last_day.isoformat() if plan.last_day else None}
    if error:
        result["error"] = error
    return result
