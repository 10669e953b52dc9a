"""Reminders the user chooses (issue 15): all off until chosen, in the user's own zone.

Three kinds: the end-of-shift check-in (a time per weekday, since shifts vary), the Sunday review
(at users.review_weekday / review_hour) and the start of each planned recharge block. Rules, applied
in one place (`keep`) for push, the calendar feed and Today alike: none in quiet hours, none during a
recharge block (its own start excepted), at most one a day unless the user asks for more.

Times are wall-clock times on the user's day: a shift ending at 01:30 on Monday's day (with the day
starting at 04:00) rings on the Tuesday calendar date, like every entry made then. Loaders query;
`occurrences` and `keep` are pure functions of the choices, the blocks and the days.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from resilience_app.contracts import reminders as contract
from resilience_app.core import clock, i18n, localtime
from resilience_app.core.errors import UserError
from resilience_app.models import MoodEntry, PushSubscription, RechargeBlock, ReminderSent, ReminderSettings, User, \
    WeeklyReview
from resilience_app.services.ownership import user_row

# How long after its time a reminder may still be pushed (a server that was down for a while, a cron
# every few minutes); later than that it would only startle. Today keeps showing it until it is done.
PUSH_WINDOW = {"shift_end": timedelta(minutes=60), "review": timedelta(minutes=60),
               "recharge": timedelta(minutes=15)}
# Where a tap on the notification (or the card on Today) leads.
LINKS = {"shift_end": "/", "review": "/review", "recharge": "/"}
SENT_LOG_DAYS = 30
# A check-in this long before the shift's end already counts (some name the feeling on the last break).
CHECKED_IN_LEAD = timedelta(minutes=30)
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclasses.dataclass(frozen=True)
class Choices:
    """What a user chose, as plain data (no row means the defaults: everything off)."""

    shift_end: dict[int, time] = dataclasses.field(default_factory=dict)
    review: bool = False
    recharge: bool = False
    quiet_from: time | None = None
    quiet_until: time | None = None
    one_a_day: bool = True

    @property
    def anything(self) -> bool:
        return bool(self.shift_end) or self.review or self.recharge


@dataclasses.dataclass(frozen=True)
class Block:
    starts_at: datetime
    minutes: int

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


@dataclasses.dataclass(frozen=True)
class Occurrence:
    kind: str
    at: datetime  # aware
    day: date  # the user's day it belongs to


@dataclasses.dataclass(frozen=True)
class Calendar:
    """Where and when a user's days are: their zone, day start and review time."""

    time_zone: str
    day_start_hour: int
    review_weekday: int
    review_hour: int

    @classmethod
    def of(cls, user: User) -> Calendar:
        return cls(user.time_zone, user.day_start_hour, user.review_weekday, user.review_hour)


# --- choices ------------------------------------------------------------------------------


def parse_time(value: Any) -> time | None:
    """"18:30" → 18:30; "" → None; anything else is the user's typo."""
    text = str(value or "").strip()
    if not text:
        return None
    match = _TIME.match(text.zfill(5))
    if not match:
        raise UserError("error.reminder_bad_time", value=text[:8])
    return time(int(match[1]), int(match[2]))


def _clock(value: time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def _choices(row: ReminderSettings | None) -> Choices:
    if row is None:
        return Choices()
    shift_end = {}
    for weekday, text in (row.shift_end or {}).items():
        try:
            if str(weekday).isdecimal() and int(weekday) in range(7) and (at := parse_time(text)) is not None:
                shift_end[int(weekday)] = at
        except UserError:
            continue  # a stored value this version cannot read is treated as off, never guessed at
    return Choices(shift_end=dict(sorted(shift_end.items())), review=row.review, recharge=row.recharge,
                   quiet_from=parse_time(row.quiet_from) if _TIME.match(row.quiet_from or "") else None,
                   quiet_until=parse_time(row.quiet_until) if _TIME.match(row.quiet_until or "") else None,
                   one_a_day=row.one_a_day)


def choices(session: Session, *, user_id: int) -> Choices:
    return _choices(session.get(ReminderSettings, user_id))


def as_form(chosen: Choices) -> dict[str, Any]:
    """The choices as the Me page shows them: times as "HH:MM" text, "" for off."""
    return {
        "shift_end": [_clock(chosen.shift_end.get(weekday)) for weekday in range(7)],
        "review": chosen.review,
        "recharge": chosen.recharge,
        "quiet_from": _clock(chosen.quiet_from),
        "quiet_until": _clock(chosen.quiet_until),
        "one_a_day": chosen.one_a_day,
    }


def settings_row(session: Session, user_id: int) -> ReminderSettings:
    user_row(session, user_id)
    row = session.get(ReminderSettings, user_id)
    if row is None:
        row = ReminderSettings(user_id=user_id, shift_end={}, review=False, recharge=False, quiet_from="",
                               quiet_until="", one_a_day=True, updated_at=clock.now())
        session.add(row)
    return row


def save_choices(
    session: Session, *, user_id: int, shift_end: list[Any] | dict[Any, Any], review: bool, recharge: bool,
    quiet_from: Any = "", quiet_until: Any = "", one_a_day: bool = True,
) -> Choices:
    """Save what the user chose; a time that is not HH:MM, or quiet hours with one end only, is refused."""
    items = enumerate(shift_end) if isinstance(shift_end, list) else shift_end.items()
    times = {}
    for weekday, value in items:
        if not str(weekday).isdecimal() or int(weekday) not in range(7):
            raise UserError("error.reminder_bad_time", value=str(weekday)[:8])
        if (at := parse_time(value)) is not None:
            times[str(int(weekday))] = _clock(at)
    quiet = parse_time(quiet_from), parse_time(quiet_until)
    if (quiet[0] is None) != (quiet[1] is None) or (quiet[0] is not None and quiet[0] == quiet[1]):
        raise UserError("error.reminder_quiet_hours")
    row = settings_row(session, user_id)
    row.shift_end = dict(sorted(times.items()))
    row.review, row.recharge, row.one_a_day = bool(review), bool(recharge), bool(one_a_day)
    row.quiet_from, row.quiet_until = _clock(quiet[0]), _clock(quiet[1])
    row.updated_at = clock.now()
    session.flush()
    return _choices(row)


# --- the schedule (pure) --------------------------------------------------------------------


def in_quiet_hours(at: time, chosen: Choices) -> bool:
    start, end = chosen.quiet_from, chosen.quiet_until
    if start is None or end is None:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end  # wraps past midnight: 22:00-07:00


def _on_day(day: date, at: time, where: Calendar) -> datetime:
    """The instant `at` shows on the wall during the user's `day` (before the day start: the next date)."""
    calendar_date = day + timedelta(days=1) if at.hour < where.day_start_hour else day
    return localtime.from_wall_clock(calendar_date, at, where.time_zone)


def occurrences(chosen: Choices, where: Calendar, days: list[date], blocks: list[Block]) -> list[Occurrence]:
    """Every chosen reminder on these user days, before the rules, in time order."""
    found = []
    for day in days:
        if (at := chosen.shift_end.get(day.weekday())) is not None:
            found.append(Occurrence("shift_end", _on_day(day, at, where), day))
        if chosen.review and day.weekday() == where.review_weekday:
            found.append(Occurrence("review", _on_day(day, time(where.review_hour), where), day))
    if chosen.recharge:
        for block in blocks:
            day = localtime.local_day(block.starts_at, where.time_zone, where.day_start_hour)
            if day in days:
                found.append(Occurrence("recharge", block.starts_at, day))
    return sorted(found, key=lambda o: (o.at, contract.KIND.values.index(o.kind)))


def keep(found: list[Occurrence], chosen: Choices, where: Calendar, blocks: list[Block], *,
         quiet: bool = True, one_a_day: bool = True) -> list[Occurrence]:
    """The rules: none in quiet hours, none during a recharge block (but its own start), one a day if asked."""
    kept, days_taken = [], set()
    for occurrence in sorted(found, key=lambda o: (o.at, contract.KIND.values.index(o.kind))):
        local = localtime.to_local(occurrence.at, where.time_zone).time()
        if quiet and in_quiet_hours(local, chosen):
            continue
        if occurrence.kind != "recharge" and any(b.starts_at <= occurrence.at < b.ends_at for b in blocks):
            continue
        if one_a_day and chosen.one_a_day and occurrence.day in days_taken:
            continue
        days_taken.add(occurrence.day)
        kept.append(occurrence)
    return kept


# --- loaders --------------------------------------------------------------------------------


def blocks_between(session: Session, user_id: int, start: datetime, end: datetime) -> list[Block]:
    """Recharge blocks that may overlap [start, end): planned or done (a skipped block frees the time)."""
    rows = session.execute(select(RechargeBlock.starts_at, RechargeBlock.minutes).where(
        RechargeBlock.user_id == user_id, RechargeBlock.status != "skipped",
        RechargeBlock.starts_at < end, RechargeBlock.starts_at >= start - timedelta(hours=8),
    ).order_by(RechargeBlock.starts_at))
    return [Block(starts_at, minutes) for starts_at, minutes in rows]


def planned_blocks(session: Session, user_id: int, start: datetime, end: datetime) -> list[Block]:
    """Blocks whose start is still a reason to remind (planned, not done or skipped)."""
    rows = session.execute(select(RechargeBlock.starts_at, RechargeBlock.minutes).where(
        RechargeBlock.user_id == user_id, RechargeBlock.status == "planned",
        RechargeBlock.starts_at >= start, RechargeBlock.starts_at < end,
    ))
    return [Block(starts_at, minutes) for starts_at, minutes in rows]


def schedule(session: Session, user: User, chosen: Choices, days: list[date], *, quiet: bool = True,
             one_a_day: bool = True) -> list[Occurrence]:
    """The reminders of these user days after the rules (the loaders around `occurrences` and `keep`)."""
    where = Calendar.of(user)
    start = localtime.day_bounds(min(days), where.time_zone, where.day_start_hour)[0]
    end = localtime.day_bounds(max(days), where.time_zone, where.day_start_hour)[1]
    planned = planned_blocks(session, user.id, start, end)
    found = occurrences(chosen, where, days, planned)
    return keep(found, chosen, where, blocks_between(session, user.id, start, end), quiet=quiet, one_a_day=one_a_day)


def is_done(session: Session, user_id: int, occurrence: Occurrence) -> bool:
    """Nothing to remind of any more: a check-in since the shift ended, or this week's review written."""
    if occurrence.kind == "shift_end":
        return bool(session.scalar(select(exists().where(MoodEntry.user_id == user_id,
                                                         MoodEntry.felt_at >= occurrence.at - CHECKED_IN_LEAD))))
    if occurrence.kind == "review":
        return bool(session.scalar(select(exists().where(WeeklyReview.user_id == user_id,
                                                         WeeklyReview.week == localtime.week_of(occurrence.day)))))
    return False


def due_today(session: Session, *, user_id: int) -> list[dict[str, str]]:
    """What Today shows as due: chosen reminders of today whose time has come and that are not done yet.

    Not notifications, so quiet hours and the one-a-day limit do not hide them; a recharge block shows
    its own calm screen on Today instead, and nothing else is due during one.
    """
    user = user_row(session, user_id)
    chosen = choices(session, user_id=user_id)
    if not (chosen.shift_end or chosen.review):
        return []
    now = clock.now()
    if any(b.starts_at <= now < b.ends_at for b in blocks_between(session, user_id, now, now + timedelta(seconds=1))):
        return []
    today = localtime.today(user.time_zone, user.day_start_hour)
    due = []
    for occurrence in schedule(session, user, chosen, [today], quiet=False, one_a_day=False):
        if occurrence.kind == "recharge" or occurrence.at > now or is_done(session, user_id, occurrence):
            continue
        due.append({"kind": occurrence.kind, "link": LINKS[occurrence.kind],
                    "time": localtime.to_local(occurrence.at, user.time_zone).strftime("%H:%M")})
    return due


def message(language: str, kind: str) -> dict[str, str]:
    """A reminder's words in the user's language; never any entry's text (a lock screen shows them)."""
    return {"title": i18n.translate(language, f"reminder.{kind}.title"),
            "body": i18n.translate(language, f"reminder.{kind}.body"),
            "url": LINKS[kind], "tag": f"resilience-{kind}"}


# --- push: who is due now, and claiming it once ----------------------------------------------


def push_due(session: Session, user: User) -> list[Occurrence]:
    """The user's reminders to push now: in their window, outside quiet hours, not done, not yet claimed."""
    chosen = choices(session, user_id=user.id)
    if not chosen.anything:
        return []
    now = clock.now()
    if in_quiet_hours(localtime.local_now(user.time_zone).time(), chosen):
        return []
    today = localtime.today(user.time_zone, user.day_start_hour)
    due = []
    # One a day is the sent-log's "day" slot: a reminder that was done before its time frees the day.
    for occurrence in schedule(session, user, chosen, [today - timedelta(days=1), today], one_a_day=False):
        if not occurrence.at <= now < occurrence.at + PUSH_WINDOW[occurrence.kind]:
            continue
        if already_sent(session, user.id, occurrence, chosen) or is_done(session, user.id, occurrence):
            continue
        due.append(occurrence)
    return due[:1] if chosen.one_a_day else due


def _slot(occurrence: Occurrence, chosen: Choices) -> str:
    return "day" if chosen.one_a_day else occurrence.kind


def already_sent(session: Session, user_id: int, occurrence: Occurrence, chosen: Choices) -> bool:
    slot = ReminderSent.slot == _slot(occurrence, chosen)
    return bool(session.scalar(select(exists().where(
        ReminderSent.user_id == user_id, ReminderSent.local_day == occurrence.day,
        (ReminderSent.kind == occurrence.kind) | slot))))


def claim(session: Session, user_id: int, occurrence: Occurrence, chosen: Choices) -> bool:
    """Record the reminder as sent; False when another worker (or an earlier pass) already has.

    An INSERT that does nothing on a conflict with the sent-log's unique keys: the database decides,
    so two workers that both found it due cannot both send it.
    """
    insert = (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(ReminderSent)
    statement = insert.values(user_id=user_id, kind=occurrence.kind, slot=_slot(occurrence, chosen),
                              local_day=occurrence.day, sent_at=clock.now()).on_conflict_do_nothing()
    # An INSERT's rowcount is kept only when asked for (psycopg otherwise reports -1, SQLite happens to keep it).
    return session.execute(statement, execution_options={"preserve_rowcount": True}).rowcount == 1


def release(session: Session, user_id: int, occurrence: Occurrence) -> None:
    """Undo a claim whose sending failed for every phone (a network error), so the next pass tries again."""
    session.execute(delete(ReminderSent).where(ReminderSent.user_id == user_id, ReminderSent.kind == occurrence.kind,
                                               ReminderSent.local_day == occurrence.day))


def users_with_push(session: Session) -> list[int]:
    """Users who have a phone to push to and chose at least one reminder."""
    return list(session.scalars(
        select(ReminderSettings.user_id).where(exists().where(PushSubscription.user_id == ReminderSettings.user_id))
        .order_by(ReminderSettings.user_id)
    ))


def forget_old_sends(session: Session) -> int:
    return session.execute(delete(ReminderSent).where(
        ReminderSent.sent_at < clock.now() - timedelta(days=SENT_LOG_DAYS))).rowcount
