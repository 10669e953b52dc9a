"""The weekly reflection, the month calendar and the pleasant-share trend, built from the
user's own entries: check-ins, wins and gratitude, first aid, the emotion box, recharge
blocks and small goals (seed 000: a weekly look back that builds self-efficacy).

Reading the database happens here: each loader returns plain data (`summaries.WeekEntries`,
`summaries.Mood`), and the numbers and sentences come from the pure functions in `summaries`
and `streaks`. Days are the user's local days (zone and day-start hour); recharge blocks and
goals use their plain calendar days.
"""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from resilience_app.core import localtime
from resilience_app.models import DailyGoal, FirstAidUse, JournalEntry, MoodEntry, RechargeBlock, User
from resilience_app.services import emotion_box
from resilience_app.services.ownership import user_row
from resilience_app.services.streaks import StreakReport, days_of, streak_report
from resilience_app.services.summaries import (
    MonthCalendar, Mood, Note, Recharge, WeekEntries, WeeklyReflection, WeekSpan, month_grid, pleasant_share,
    summarize_week, week_span,
)

TREND_WEEKS = 12


def _user(session: Session, user_id: int) -> User:
    return user_row(session, user_id, missing="error.user_not_found")


def _logged_days(session: Session, user_id: int, zone: str, day_start: int) -> set[date]:
    """Every local day with a check-in or a journal entry: what streaks count."""
    instants = session.scalars(
        select(MoodEntry.felt_at).where(MoodEntry.user_id == user_id)
        .union_all(select(JournalEntry.written_at).where(JournalEntry.user_id == user_id))
    )
    return days_of(instants, zone, day_start)


def _moods(session: Session, user_id: int, start: datetime, end: datetime) -> list[Mood]:
    """The check-ins felt in [start, end), in the order they were felt (then saved)."""
    rows = session.execute(
        select(MoodEntry.felt_at, MoodEntry.emotion, MoodEntry.quadrant, MoodEntry.intensity, MoodEntry.cause,
               MoodEntry.cause_tags)
        .where(MoodEntry.user_id == user_id, MoodEntry.felt_at >= start, MoodEntry.felt_at < end)
        .order_by(MoodEntry.felt_at, MoodEntry.id)
    )
    return [Mood(felt_at, emotion, quadrant, intensity, cause, tuple(tags or ()))
            for felt_at, emotion, quadrant, intensity, cause, tags in rows]


def _week_entries(session: Session, user_id: int, span: WeekSpan) -> WeekEntries:
    """A week's entries as plain data: check-ins from the week before on, and this week's journal
    entries, recharge blocks (by their calendar days), first aid, slips let go and goals done."""
    start, end = span.start, span.end
    notes = session.execute(
        select(JournalEntry.kind, JournalEntry.text, JournalEntry.written_at).where(
            JournalEntry.user_id == user_id, JournalEntry.written_at >= start, JournalEntry.written_at < end)
        .order_by(JournalEntry.written_at)
    )
    aid_uses, aid_completed = session.execute(
        select(func.count(), func.count().filter(FirstAidUse.completed)).where(
            FirstAidUse.user_id == user_id, FirstAidUse.started_at >= start, FirstAidUse.started_at < end)
    ).one()
    calendar_start, calendar_end = localtime.week_bounds(span.week, span.time_zone, 0)
    recharges = session.execute(
        select(RechargeBlock.status, RechargeBlock.recharged).where(
            RechargeBlock.user_id == user_id, RechargeBlock.starts_at >= calendar_start,
            RechargeBlock.starts_at < calendar_end)
    )
    goals_done = session.scalar(
        select(func.count()).select_from(DailyGoal).where(
            DailyGoal.user_id == user_id, DailyGoal.day >= span.monday, DailyGoal.day <= span.sunday,
            DailyGoal.status == "done")
    ) or 0
    return WeekEntries(
        moods=_moods(session, user_id, span.before_start, end),
        notes=[Note(kind, text, written_at) for kind, text, written_at in notes],
        recharges=[Recharge(status, rating) for status, rating in recharges],
        first_aid_uses=aid_uses,
        first_aid_completed=aid_completed,
        box_let_go=emotion_box.released_between(session, user_id=user_id, start=start, end=end),
        goals_done=goals_done,
    )


def weekly_reflection(
    session: Session, *, user_id: int, week: str | None = None, as_of: date | None = None,
    language: str | None = None, report: StreakReport | None = None,
) -> WeeklyReflection:
    """Everything the week's reflection says, with its sentences (`summaries.summarize_week`
    over the week's entries).

    `report`: the user's streaks as of the same day, when the caller already has them.
    """
    user = _user(session, user_id)
    zone, day_start = user.time_zone, user.day_start_hour
    today = as_of or localtime.today(zone, day_start)
    span = week_span(week or localtime.week_of(today), zone, day_start)
    entries = _week_entries(session, user_id, span)
    report = report or streak_report(_logged_days(session, user_id, zone, day_start), today)
    return summarize_week(entries, span, today=today, report=report, language=language or user.language)


def streaks(session: Session, *, user_id: int, as_of: date | None = None) -> StreakReport:
    user = _user(session, user_id)
    today = as_of or localtime.today(user.time_zone, user.day_start_hour)
    return streak_report(_logged_days(session, user_id, user.time_zone, user.day_start_hour), today)


def month_calendar(
    session: Session, *, user_id: int, year: int, month: int, as_of: date | None = None,
    report: StreakReport | None = None,
) -> MonthCalendar:
    """A month as weeks of days (Monday first), each with its dominant quadrant and whether it
    was logged, a rest day, today or still ahead (`summaries.month_grid`). `report` as for
    weekly_reflection."""
    user = _user(session, user_id)
    zone, day_start = user.time_zone, user.day_start_hour
    today = as_of or localtime.today(zone, day_start)
    start = localtime.day_bounds(date(year, month, 1), zone, day_start)[0]
    end = localtime.day_bounds(date(year, month, calendar.monthrange(year, month)[1]), zone, day_start)[1]
    moods = _moods(session, user_id, start, end)
    report = report or streak_report(_logged_days(session, user_id, zone, day_start), today)
    return month_grid(moods, year, month, time_zone=zone, day_start_hour=day_start, today=today, report=report)


def pleasant_trend(
    session: Session, *, user_id: int, as_of: date | None = None, weeks: int = TREND_WEEKS,
) -> list[dict[str, Any]]:
    """The pleasant share of each of the last `weeks` ISO weeks (None for a week without check-ins)."""
    user = _user(session, user_id)
    zone, day_start = user.time_zone, user.day_start_hour
    today = as_of or localtime.today(zone, day_start)
    mondays = [today - timedelta(days=today.weekday() + 7 * n) for n in reversed(range(weeks))]
    start = localtime.day_bounds(mondays[0], zone, day_start)[0]
    end = localtime.day_bounds(mondays[-1] + timedelta(days=6), zone, day_start)[1]
    rows = session.execute(
        select(MoodEntry.felt_at, MoodEntry.quadrant).where(
            MoodEntry.user_id == user_id, MoodEntry.felt_at >= start, MoodEntry.felt_at < end)
    ).all()
    per_week: dict[date, Counter] = {monday: Counter() for monday in mondays}
    for felt_at, quadrant in rows:
        day = localtime.local_day(felt_at, zone, day_start)
        per_week[day - timedelta(days=day.weekday())][quadrant] += 1
    trend = []
    for monday in mondays:
        share = pleasant_share(per_week[monday])
        trend.append({
            "week": localtime.week_of(monday),
            "label": f"{monday.month}/{monday.day}",
            "share": None if share is None else round(share * 100),
            "count": sum(per_week[monday].values()),
        })
    return trend
