"""The weekly recharge plan (兴趣充电计划, seed 000 §04-3).

Three things that make you forget work; each ISO week, in the user's own zone, a block of a
few hours for one of them with work apps switched off; afterwards, done or skipped and how
recharged one felt. Every function takes the owner's user id; someone else's block answers
exactly like one that does not exist.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.contracts import plan as contract
from resilience_app.core import clock, i18n, localtime, security
from resilience_app.core.errors import UserError
from resilience_app.models import Interest as InterestRow
from resilience_app.models import RechargeBlock, User
from resilience_app.services import ics, import_fields
from resilience_app.services.ownership import find_owned, owned, user_row, write_owned

INTERESTS_MAX = 20
INTERESTS_ENCOURAGED = 3
CHECKLIST_MAX = 12
BLOCKS_PER_WEEK = 14
ID_MAX = 32
DEFAULT_MINUTES = 120
LENGTHS = (60, 90, 120, 150, 180, 240)
ADHERENCE_WEEKS = 4
# From Wednesday on, a week without a block gets a gentle word on Today.
NUDGE_WEEKDAY = 2
SUGGESTION_KEYS = (
    "plan.suggest.drawing", "plan.suggest.cooking", "plan.suggest.hiking", "plan.suggest.lego",
    "plan.suggest.standup", "plan.suggest.reading", "plan.suggest.music", "plan.suggest.plants",
)
SWITCH_OFF_KEYS = ("plan.switch_off.qianniu", "plan.switch_off.wecom", "plan.switch_off.groups",
                   "plan.switch_off.notifications")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclasses.dataclass(frozen=True)
class Interest:
    """Something that makes the user forget work, to plan blocks for."""

    public_id: str
    name: str


@dataclasses.dataclass(frozen=True)
class SwitchOff:
    """An app or group on a block's checklist, and whether it is switched off yet."""

    label: str
    off: bool


@dataclasses.dataclass(frozen=True)
class Block:
    """A recharge block: a few hours for one interest with work apps switched off, and how it went."""

    public_id: str
    interest: str
    starts_at: datetime  # in the user's local time zone
    ends_at: datetime  # in the user's local time zone
    minutes: int
    status: str  # planned, done, skipped
    recharged: int | None  # how recharged it left the user, 1-5, once done
    note: str
    checklist: tuple[SwitchOff, ...]
    timing: str  # upcoming, now or past, by the clock when it was read

    @property
    def day(self) -> date:
        """The user's local day the block starts on: the week it belongs to is that day's."""
        return self.starts_at.date()


@dataclasses.dataclass(frozen=True)
class Adherence:
    """Of the last few whole weeks since the account began, how many had a block done."""

    weeks: int
    done: int


def suggestions(language: str) -> list[str]:
    return [i18n.translate(language, key) for key in SUGGESTION_KEYS]


def _user(session: Session, user_id: int) -> User:
    return user_row(session, user_id, missing="error.not_found")


def current_week(session: Session, *, user_id: int) -> str:
    """This week, by the user's own "today" (a night shift still belongs to its day)."""
    user = _user(session, user_id)
    return localtime.week_of(localtime.today(user.time_zone, user.day_start_hour))


def _week_bounds(week: str, zone: str) -> tuple[datetime, datetime]:
    """A block sits on the calendar day it starts on, so its week runs from midnight to midnight."""
    return localtime.week_bounds(week, zone, 0)


# --- interests ------------------------------------------------------------------------


def _interest(row: InterestRow) -> Interest:
    return Interest(public_id=row.public_id, name=row.name)


def list_interests(session: Session, *, user_id: int) -> list[Interest]:
    rows = session.scalars(
        select(InterestRow).where(InterestRow.user_id == user_id).order_by(InterestRow.created_at, InterestRow.id)
    )
    return [_interest(row) for row in rows]


def add_interest(session: Session, *, user_id: int, name: str, public_id: str | None = None) -> Interest:
    """Add an interest; one already on the list (or the same id, a double tap) is kept once."""
    clean = contract.INTEREST.clean(name)
    if public_id and len(public_id) > ID_MAX:
        raise ValueError("an interest's public id has at most 32 characters")
    rows = session.scalars(select(InterestRow).where(InterestRow.user_id == user_id)).all()
    for row in rows:
        if row.public_id == public_id or row.name.casefold() == clean.casefold():
            return _interest(row)
    if len(rows) >= INTERESTS_MAX:
        raise UserError("error.plan_interests_too_many", max=INTERESTS_MAX)
    now = clock.now()
    row = InterestRow(public_id=public_id or security.new_public_id(), user_id=user_id, name=clean,
                      created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return _interest(row)


def remove_interest(session: Session, *, user_id: int, public_id: str) -> None:
    """Let an interest go; blocks already planned for it keep its name."""
    row = session.scalar(select(InterestRow).where(InterestRow.user_id == user_id,
                                                   InterestRow.public_id == public_id))
    if row is None:
        raise UserError("error.not_found")
    session.delete(row)
    session.flush()


# --- blocks ---------------------------------------------------------------------------


def _block(row: RechargeBlock, zone: str) -> Block:
    # In UTC, so the end is the real instant even across a change of the clocks.
    ends_at = localtime.to_local(row.starts_at, "UTC") + timedelta(minutes=row.minutes)
    now = clock.now()
    if row.starts_at > now:
        timing = "upcoming"
    elif ends_at > now:
        timing = "now"
    else:
        timing = "past"
    return Block(
        public_id=row.public_id,
        interest=row.interest,
        starts_at=localtime.to_local(row.starts_at, zone),
        ends_at=localtime.to_local(ends_at, zone),
        minutes=row.minutes,
        status=row.status,
        recharged=row.recharged,
        note=row.note,
        checklist=tuple(SwitchOff(label=item["label"], off=bool(item.get("off"))) for item in row.checklist or ()),
        timing=timing,
    )


def _find(session: Session, user_id: int, public_id: str) -> RechargeBlock | None:
    return find_owned(session, RechargeBlock, user_id, public_id)


def _owned(session: Session, user_id: int, public_id: str) -> RechargeBlock:
    return owned(session, RechargeBlock, user_id, public_id)


def _check_day(day: Any) -> date:
    if isinstance(day, date):
        return day
    try:
        return date.fromisoformat(str(day or "").strip())
    except ValueError:
        raise UserError("error.plan_bad_day") from None


def _check_start(start: Any) -> time:
    match = _TIME.match(str(start or "").strip())
    if not match:
        raise UserError("error.plan_bad_time")
    return time(int(match[1]), int(match[2]))


def _check_minutes(minutes: Any) -> int:
    text = str(minutes if minutes not in (None, "") else DEFAULT_MINUTES).strip()
    return contract.MINUTES.check(text, min=contract.MINUTES.min, max=contract.MINUTES.max // 60)


def _local_start(day: date, start: time, zone: str) -> datetime:
    """The instant a wall-clock time names; a time the clocks skip (DST) is refused."""
    local = datetime.combine(day, start, tzinfo=ZoneInfo(zone))
    if localtime.to_local(localtime.to_local(local, "UTC"), zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise UserError("error.plan_time_skipped")
    return local


def _overlap(session: Session, user_id: int, start: datetime, minutes: int,
             exclude: str | None = None) -> RechargeBlock | None:
    end = start + timedelta(minutes=minutes)
    candidates = session.scalars(
        select(RechargeBlock).where(
            RechargeBlock.user_id == user_id,
            RechargeBlock.starts_at < end,
            RechargeBlock.starts_at > start - timedelta(minutes=contract.MINUTES.max),
        )
    )
    for row in candidates:
        if row.public_id != exclude and row.starts_at + timedelta(minutes=row.minutes) > start:
            return row
    return None


def default_checklist(language: str) -> list[dict[str, Any]]:
    return [{"label": i18n.translate(language, key), "off": False} for key in SWITCH_OFF_KEYS]


def add_block(
    session: Session, *, user_id: int, day: Any, start: Any, interest: Any, minutes: Any = DEFAULT_MINUTES,
    public_id: str | None = None,
) -> Block:
    """Plan a recharge block in the user's zone. The same public_id twice stores it once."""
    user = _user(session, user_id)
    zone = user.time_zone
    if public_id and len(public_id) > ID_MAX:
        raise ValueError("a block's public id has at most 32 characters")
    if public_id and (existing := _find(session, user_id, public_id)) is not None:
        return _block(existing, zone)
    clean_day, clean_start = _check_day(day), _check_start(start)
    clean_minutes, clean_interest = _check_minutes(minutes), contract.INTEREST.clean(interest)
    if localtime.monday_of(clean_day) < localtime.monday_of(localtime.today(zone, user.day_start_hour)):
        raise UserError("error.plan_past_week")
    starts = _local_start(clean_day, clean_start, zone)
    if (other := _overlap(session, user_id, starts, clean_minutes)) is not None:
        local = localtime.to_local(other.starts_at, zone)
        raise UserError("error.plan_overlap", interest=other.interest,
                        start=local.strftime("%H:%M"),
                        end=(local + timedelta(minutes=other.minutes)).strftime("%H:%M"))
    week_start, week_end = _week_bounds(localtime.week_of(clean_day), zone)
    planned = session.scalars(select(RechargeBlock.id).where(
        RechargeBlock.user_id == user_id, RechargeBlock.starts_at >= week_start, RechargeBlock.starts_at < week_end,
    )).all()
    if len(planned) >= BLOCKS_PER_WEEK:
        raise UserError("error.plan_too_many", max=BLOCKS_PER_WEEK)
    now = clock.now()
    row = RechargeBlock(
        public_id=public_id or security.new_public_id(), user_id=user_id, interest=clean_interest,
        starts_at=starts, minutes=clean_minutes, checklist=default_checklist(user.language), status="planned",
        recharged=None, note="", created_at=now, updated_at=now,
    )
    session.add(row)
    session.flush()
    return _block(row, zone)


def week_blocks(session: Session, *, user_id: int, week: str) -> list[Block]:
    """The week's blocks in time order, with local day and times."""
    zone = _user(session, user_id).time_zone
    start, end = _week_bounds(week, zone)
    rows = session.scalars(
        select(RechargeBlock)
        .where(RechargeBlock.user_id == user_id, RechargeBlock.starts_at >= start, RechargeBlock.starts_at < end)
        .order_by(RechargeBlock.starts_at, RechargeBlock.id)
    )
    return [_block(row, zone) for row in rows]


def get_block(session: Session, *, user_id: int, public_id: str) -> Block:
    return _block(_owned(session, user_id, public_id), _user(session, user_id).time_zone)


def delete_block(session: Session, *, user_id: int, public_id: str) -> None:
    session.delete(_owned(session, user_id, public_id))
    session.flush()


def _check_rating(recharged: Any) -> int | None:
    return None if recharged in (None, "", 0) else contract.RATING.check(recharged)


def finish_block(
    session: Session, *, user_id: int, public_id: str, outcome: str, recharged: Any = None, note: Any = "",
) -> Block:
    """After a block: done (how recharged, 1-5) or skipped, and a short note. Can be changed later."""
    row = _owned(session, user_id, public_id)
    contract.OUTCOME.check(outcome)
    rating, clean_note = _check_rating(recharged), contract.NOTE.clean(note)
    if row.starts_at > clock.now():
        raise UserError("error.plan_not_started")
    if outcome == "done" and rating is None:
        raise UserError("error.plan_bad_rating")
    row.status, row.recharged, row.note = outcome, rating if outcome == "done" else None, clean_note
    row.updated_at = clock.now()
    session.flush()
    return _block(row, _user(session, user_id).time_zone)


def toggle_switch_off(session: Session, *, user_id: int, public_id: str, index: int) -> Block:
    """Tick an app as switched off for the block, or untick it."""
    row = _owned(session, user_id, public_id)
    items = [dict(item) for item in row.checklist or ()]
    if not isinstance(index, int) or not 0 <= index < len(items):
        raise UserError("error.not_found")
    items[index]["off"] = not items[index].get("off", False)
    row.checklist, row.updated_at = items, clock.now()
    session.flush()
    return _block(row, _user(session, user_id).time_zone)


def add_switch_off(session: Session, *, user_id: int, public_id: str, label: Any) -> Block:
    """Add an app or group to one block's checklist; one already there is kept once."""
    row = _owned(session, user_id, public_id)
    clean = contract.ITEM.clean(label)
    items = [dict(item) for item in row.checklist or ()]
    if not any(item["label"].casefold() == clean.casefold() for item in items):
        if len(items) >= CHECKLIST_MAX:
            raise UserError("error.plan_items_too_many", max=CHECKLIST_MAX)
        items.append({"label": clean, "off": False})
    row.checklist, row.updated_at = items, clock.now()
    session.flush()
    return _block(row, _user(session, user_id).time_zone)


# --- Today: during a block, or a gentle nudge ---------------------------------------


def current_block(session: Session, *, user_id: int) -> Block | None:
    """The block the user is in right now (not skipped), if any."""
    now = clock.now()
    rows = session.scalars(
        select(RechargeBlock).where(
            RechargeBlock.user_id == user_id, RechargeBlock.starts_at <= now,
            RechargeBlock.starts_at > now - timedelta(minutes=contract.MINUTES.max), RechargeBlock.status != "skipped",
        ).order_by(RechargeBlock.starts_at)
    )
    zone = _user(session, user_id).time_zone
    for row in rows:
        if row.starts_at + timedelta(minutes=row.minutes) > now:
            return _block(row, zone)
    return None


def needs_nudge(session: Session, *, user_id: int) -> bool:
    """From mid-week on, a week with nothing planned earns one gentle line on Today."""
    user = _user(session, user_id)
    today = localtime.today(user.time_zone, user.day_start_hour)
    if today.weekday() < NUDGE_WEEKDAY:
        return False
    return not week_blocks(session, user_id=user_id, week=localtime.week_of(today))


def adherence(session: Session, *, user_id: int, weeks: int = ADHERENCE_WEEKS) -> Adherence:
    """Of the last few whole weeks since the account began, how many had a block done."""
    user = _user(session, user_id)
    this_week = localtime.week_of(localtime.today(user.time_zone, user.day_start_hour))
    joined = localtime.monday_of(localtime.to_local(user.created_at, user.time_zone).date())
    counted = done = 0
    for back in range(1, weeks + 1):
        week = localtime.shift_week(this_week, -back)
        if localtime.week_monday(week) < joined:
            break
        counted += 1
        done += any(b.status == "done" for b in week_blocks(session, user_id=user_id, week=week))
    return Adherence(weeks=counted, done=done)


# --- calendar export ------------------------------------------------------------------


def week_calendar(session: Session, *, user_id: int, week: Any) -> tuple[str, str]:
    """The week's blocks (not skipped) as an .ics file: its name and its text."""
    user = _user(session, user_id)
    name = localtime.week_of(localtime.week_monday(week))
    lang = user.language
    events = []
    for block in week_blocks(session, user_id=user_id, week=name):
        if block.status == "skipped":
            continue
        apps = i18n.translate(lang, "plan.list_sep").join(item.label for item in block.checklist)
        description = i18n.translate(lang, "plan.ics_description", interest=block.interest, apps=apps)
        events.append(ics.Event(
            uid=f"{block.public_id}@resilience", start=block.starts_at, end=block.ends_at,
            summary=i18n.translate(lang, "plan.ics_summary", interest=block.interest), description=description,
        ))
    text = ics.calendar(events, time_zone=user.time_zone, name=i18n.translate(lang, "plan.ics_name", week=name),
                        stamp=clock.now())
    return f"recharge-{name}.ics", text


# --- export / import (docs/export-format.md, sections "interests" and "recharge_blocks")


def export_interests(session: Session, user_id: int) -> list[dict[str, Any]]:
    return [{"id": interest.public_id, "name": interest.name} for interest in list_interests(session, user_id=user_id)]


def _read_interest(entry: import_fields.Entry) -> dict[str, Any]:
    return {"public_id": entry.public_id(), "name": entry.check("name", contract.INTEREST.clean, entry.text("name"))}


def restore_interests(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id; every interest is checked before any is written."""
    write_owned(session, InterestRow, user_id, import_fields.read_section("interests", items, _read_interest),
                stamped=True)


def export_recharge_blocks(session: Session, user_id: int) -> list[dict[str, Any]]:
    zone = _user(session, user_id).time_zone
    rows = session.scalars(
        select(RechargeBlock).where(RechargeBlock.user_id == user_id)
        .order_by(RechargeBlock.starts_at, RechargeBlock.id)
    )
    return [
        {
            "id": row.public_id,
            "starts_at": localtime.to_local(row.starts_at, zone).isoformat(timespec="seconds"),
            "minutes": row.minutes,
            "interest": row.interest,
            "checklist": [{"label": item["label"], "off": bool(item.get("off"))} for item in row.checklist or ()],
            "status": row.status,
            "recharged": row.recharged,
            "note": row.note,
        }
        for row in rows
    ]


def _read_checklist(entry: import_fields.Entry) -> list[dict[str, Any]]:
    checklist = entry.raw("checklist", [])
    shape = UserError("import.expect_checklist", max=CHECKLIST_MAX)
    if not isinstance(checklist, list) or len(checklist) > CHECKLIST_MAX:
        raise entry.bad("checklist", checklist, shape)
    items = []
    for item in checklist:
        if not isinstance(item, dict) or not import_fields.is_text(item.get("label")) or not isinstance(
            item.get("off", False), bool
        ):
            raise entry.bad("checklist", item, shape)
        items.append({"label": entry.check("checklist", contract.ITEM.clean, item["label"]),
                      "off": item.get("off", False)})
    return items


def _read_block(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, status = entry.public_id(), entry.choice("status", contract.STATUS.values, "planned")
    rating = entry.integer("recharged", contract.RATING.allowed, None, nullable=True)
    return {
        "public_id": public_id, "starts_at": entry.instant("starts_at"),
        "minutes": entry.integer("minutes", contract.MINUTES.allowed),
        "interest": entry.check("interest", contract.INTEREST.clean, entry.text("interest")),
        "checklist": _read_checklist(entry), "status": status, "recharged": rating if status == "done" else None,
        "note": entry.check("note", contract.NOTE.clean, entry.text("note", "")),
    }


def restore_recharge_blocks(session: Session, user_id: int, items: Any) -> None:
    """Insert or overwrite by id; every block is checked before any is written."""
    write_owned(session, RechargeBlock, user_id, import_fields.read_section("recharge_blocks", items, _read_block),
                stamped=True)
