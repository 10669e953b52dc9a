"""Automatic erasing: a user may keep private entries for N months only (off by default).

Once a day in the user's own calendar (their zone, after their day-start hour) every private entry
whose day is more than N months before that day is deleted: check-ins, first-aid uses, journal
entries, weekly reviews, emotion-box slips, goals and recharge blocks. Forum posts are not private
entries and stay; so do interests (a list, not a record of days) and consents (the legal record).

`run_due` is cheap and idempotent: it reads only users who turned retention on, and each user's
local day runs once (users.retention_ran_on, claimed by a conditional UPDATE, so several server
workers and `resilience retention run` from cron never erase twice or race).
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from resilience_app.core import localtime
from resilience_app.core.errors import UserError
from resilience_app.models import (
    BoxSlip, DailyGoal, FirstAidUse, JournalEntry, MoodEntry, RechargeBlock, User, WeeklyReview,
)

CHOICES = (3, 6, 12, 24)  # months; None is off


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier (the month's last day when it is shorter)."""
    years, month_index = divmod(day.month - 1 - months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def set_retention(session: Session, *, user_id: int, months: int | None) -> int | None:
    """Turn automatic erasing on (one of CHOICES) or off (None). The first run comes with the next check."""
    if months is not None and months not in CHOICES:
        raise UserError("error.retention_choice")
    user = session.get(User, user_id)
    if user is None:
        raise UserError("error.session_expired")
    if user.retention_months != months:
        user.retention_months, user.retention_ran_on = months, None
    session.flush()
    return months


def get_retention(session: Session, *, user_id: int) -> int | None:
    return session.scalar(select(User.retention_months).where(User.id == user_id))


def cutoff_day(user: User) -> date | None:
    """The first local day still kept (today minus N months), or None when retention is off."""
    if user.retention_months is None:
        return None
    return months_before(localtime.today(user.time_zone, user.day_start_hour), user.retention_months)


def erase_old_entries(session: Session, user: User) -> dict[str, int]:
    """Delete the user's private entries from before cutoff_day; returns how many of each kind went."""
    first_kept = cutoff_day(user)
    if first_kept is None:
        return {}
    since, _ = localtime.day_bounds(first_kept, user.time_zone, user.day_start_hour)
    by_time = (
        ("moods", MoodEntry, MoodEntry.felt_at),
        ("first_aid_uses", FirstAidUse, FirstAidUse.started_at),
        ("journal_entries", JournalEntry, JournalEntry.written_at),
        ("box_slips", BoxSlip, BoxSlip.written_at),
        ("recharge_blocks", RechargeBlock, RechargeBlock.starts_at),
    )
    erased = {name: session.execute(delete(model).where(model.user_id == user.id, column < since)).rowcount
              for name, model, column in by_time}
    erased["goals"] = session.execute(
        delete(DailyGoal).where(DailyGoal.user_id == user.id, DailyGoal.day < first_kept)).rowcount
    # A review belongs to its ISO week, which ends on Sunday.
    old_reviews = [review_id for review_id, week in session.execute(
        select(WeeklyReview.id, WeeklyReview.week).where(WeeklyReview.user_id == user.id))
        if _week_end(week) < first_kept]
    if old_reviews:
        session.execute(delete(WeeklyReview).where(WeeklyReview.id.in_(old_reviews)))
    erased["weekly_reviews"] = len(old_reviews)
    session.flush()
    return erased


def _week_end(week: str) -> date:
    try:
        return localtime.week_days(week)[1]
    except UserError:
        return date.max  # an unreadable week is kept, never guessed at


def due_user_ids(session: Session) -> list[int]:
    """Users with retention on whose current local day has not run yet."""
    rows = session.execute(
        select(User.id, User.time_zone, User.day_start_hour, User.retention_ran_on)
        .where(User.retention_months.is_not(None))
    ).all()
    return [user_id for user_id, zone, start, ran_on in rows
            if ran_on is None or ran_on < localtime.today(zone, start)]


def run_for_user(session: Session, user_id: int) -> dict[str, int] | None:
    """Claim today's run for this user and erase; None when it already ran today (or retention is off)."""
    user = session.get(User, user_id)
    if user is None or user.retention_months is None:
        return None
    today = localtime.today(user.time_zone, user.day_start_hour)
    claimed = session.execute(
        update(User).where(User.id == user_id, User.retention_months.is_not(None),
                           or_(User.retention_ran_on.is_(None), User.retention_ran_on < today))
        .values(retention_ran_on=today).execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        return None
    return erase_old_entries(session, user)


def run_due(session: Session) -> list[dict[str, Any]]:
    """Every due user's run, in this one session (the CLI's and the tests' way; the server commits per user)."""
    done = []
    for user_id in due_user_ids(session):
        erased = run_for_user(session, user_id)
        if erased is not None:
            done.append({"user_id": user_id, "erased": erased})
    return done
