"""The weekly reflection, the month calendar and the pleasant-share trend, built from the
user's own entries: check-ins, wins and gratitude, first aid, the emotion box, recharge
blocks and small goals (seed 000: a weekly look back that builds self-efficacy).

Reading the database happens here; the numbers come from pure functions below and in
`streaks`, and the sentences from `reflection_sentences`. Days are the user's local days
(zone and day-start hour); recharge blocks and goals use their plain calendar days.
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
from resilience_app.services import emotion_box, emotions, journal, keywords
from resilience_app.services.ownership import user_row
from resilience_app.services.streaks import StreakReport, days_of, streak_report

TOP_EMOTIONS = 5
TOP_CAUSES = 5
HIGHLIGHTS = 3
TREND_WEEKS = 12
# Fewer check-in days than this and the week "says so honestly" instead of drawing conclusions.
ENOUGH_DAYS = 3
# Both weeks need this many check-ins before their pleasant shares are compared.
ENOUGH_MOODS = 3
HARDEST_CAUSE_MAX = 40
PLEASANT = frozenset(q.key for q in emotions.quadrants() if q.pleasant)


def _user(session: Session, user_id: int) -> User:
    return user_row(session, user_id, missing="error.user_not_found")


def _logged_days(session: Session, user_id: int, zone: str, day_start: int) -> set[date]:
    """Every local day with a check-in or a journal entry: what streaks count."""
    instants = session.scalars(
        select(MoodEntry.felt_at).where(MoodEntry.user_id == user_id)
        .union_all(select(JournalEntry.written_at).where(JournalEntry.user_id == user_id))
    )
    return days_of(instants, zone, day_start)


def _share(quadrants: Counter) -> float | None:
    total = sum(quadrants.values())
    return round(sum(quadrants[q] for q in PLEASANT) / total, 2) if total else None


def _dominant(moods: list[MoodEntry]) -> str:
    """The quadrant a day felt most like: most check-ins, then the stronger ones, then the latest."""
    score: dict[str, tuple[int, int, datetime]] = {}
    for mood in moods:
        count, strength, latest = score.get(mood.quadrant, (0, 0, mood.felt_at))
        score[mood.quadrant] = (count + 1, strength + (mood.intensity or 3), max(latest, mood.felt_at))
    return max(score, key=lambda key: score[key]) if score else ""


def _hardest_day(by_day: dict[date, list[MoodEntry]], language: str) -> dict[str, Any] | None:
    """The day with the largest unpleasant share (then more, then stronger), and what caused it."""
    candidates = []
    for day, moods in by_day.items():
        hard = [m for m in moods if m.quadrant not in PLEASANT]
        if hard:
            strength = sum(m.intensity or 3 for m in hard)
            candidates.append(((len(hard) / len(moods), len(hard), strength), day, hard))
    if not candidates:
        return None
    _, day, hard = max(candidates, key=lambda c: c[0])
    strongest = max(hard, key=lambda m: (m.intensity or 3, bool(m.cause.strip()), m.felt_at))
    cause = next((m.cause.strip() for m in sorted(hard, key=lambda m: -(m.intensity or 3)) if m.cause.strip()), "")
    if len(cause) > HARDEST_CAUSE_MAX:
        cause = cause[: HARDEST_CAUSE_MAX - 1] + "…"
    if not cause:
        tags = Counter(tag for m in hard for tag in (m.cause_tags or ()))
        if tags and (tag := emotions.cause_tag(tags.most_common(1)[0][0])):
            cause = tag.label(language)
    return {"day": day.isoformat(), "unpleasant": len(hard), "emotion": strongest.emotion, "cause": cause}


def _highlights(wins: list[JournalEntry]) -> list[str]:
    """Up to three wins, the most detailed ones, told in the order they happened."""
    chosen = sorted(wins, key=lambda w: -len(w.text))[:HIGHLIGHTS]
    return [w.text for w in sorted(chosen, key=lambda w: w.written_at)]


def weekly_reflection(
    session: Session, *, user_id: int, week: str | None = None, as_of: date | None = None,
    language: str | None = None, report: StreakReport | None = None,
) -> dict[str, Any]:
    """Everything the week's reflection says, as plain JSON-ready data, with its sentences.

    `report`: the user's streaks as of the same day, when the caller already has them.
    """
    user = _user(session, user_id)
    zone, day_start, language = user.time_zone, user.day_start_hour, language or user.language
    today = as_of or localtime.today(zone, day_start)
    week = week or journal.iso_week(today)
    monday, sunday = journal.week_days(week)
    start, end = journal.week_bounds(week, zone, day_start)
    before_start = journal.week_bounds(journal.iso_week(monday - timedelta(days=7)), zone, day_start)[0]

    moods = session.scalars(
        select(MoodEntry).where(MoodEntry.user_id == user_id, MoodEntry.felt_at >= before_start,
                                MoodEntry.felt_at < end).order_by(MoodEntry.felt_at, MoodEntry.id)
    ).all()
    this_week = [m for m in moods if m.felt_at >= start]
    entries = session.scalars(
        select(JournalEntry).where(JournalEntry.user_id == user_id, JournalEntry.written_at >= start,
                                   JournalEntry.written_at < end).order_by(JournalEntry.written_at)
    ).all()
    by_day: dict[date, list[MoodEntry]] = {}
    for mood in this_week:
        by_day.setdefault(localtime.local_day(mood.felt_at, zone, day_start), []).append(mood)
    logged = set(by_day) | days_of((e.written_at for e in entries), zone, day_start)

    quadrants = Counter({key: 0 for key in emotions.QUADRANT_KEYS})
    quadrants.update(m.quadrant for m in this_week)
    before = Counter(m.quadrant for m in moods if m.felt_at < start)
    tags = Counter(tag for m in this_week for tag in (m.cause_tags or ()))
    tag_labels = [name for key in tags if (tag := emotions.cause_tag(key)) for name in tag.name.values()]
    words = keywords.top_keywords((m.cause for m in this_week if m.cause.strip()), TOP_CAUSES, known=tag_labels)
    causes = sorted(
        [{"tag": key, "count": n} for key, n in tags.items()] + [{"word": w, "count": n} for w, n in words],
        key=lambda c: -c["count"],
    )[:TOP_CAUSES]

    calendar_start, calendar_end = journal.week_bounds(week, zone, 0)
    aid = session.execute(
        select(func.count(), func.count().filter(FirstAidUse.completed)).where(
            FirstAidUse.user_id == user_id, FirstAidUse.started_at >= start, FirstAidUse.started_at < end)
    ).one()
    blocks = session.execute(
        select(RechargeBlock.status, RechargeBlock.recharged).where(
            RechargeBlock.user_id == user_id, RechargeBlock.starts_at >= calendar_start,
            RechargeBlock.starts_at < calendar_end)
    ).all()
    ratings = [rating for status, rating in blocks if status == "done" and rating]
    goals_done = session.scalar(
        select(func.count()).select_from(DailyGoal).where(
            DailyGoal.user_id == user_id, DailyGoal.day >= monday, DailyGoal.day <= sunday,
            DailyGoal.status == "done")
    ) or 0
    wins = [e for e in entries if e.kind == "win"]
    report = report or streak_report(_logged_days(session, user_id, zone, day_start), today)
    share, share_before = _share(quadrants), _share(before)

    reflection = {
        "week": week,
        "from": monday.isoformat(),
        "to": sunday.isoformat(),
        "as_of": today.isoformat(),
        "check_in_days": len({d for d in logged if monday <= d <= sunday}),
        **streak_fields(report),
        "mood_count": len(this_week),
        "quadrants": dict(quadrants),
        "top_emotions": [[key, n] for key, n in Counter(m.emotion for m in this_week).most_common(TOP_EMOTIONS)],
        "top_causes": causes,
        "pleasant_share": share,
        "pleasant_share_before": share_before,
        "comparable": len(this_week) >= ENOUGH_MOODS and sum(before.values()) >= ENOUGH_MOODS,
        "hardest_day": _hardest_day(by_day, language),
        "wins_count": len(wins),
        "gratitude_count": len(entries) - len(wins),
        "win_highlights": _highlights(wins),
        "first_aid_uses": aid[0],
        "first_aid_completed": aid[1],
        "box_let_go": emotion_box.released_between(session, user_id=user_id, start=start, end=end),
        "recharge_planned": len(blocks),
        "recharge_done": sum(1 for status, _ in blocks if status == "done"),
        "recharge_rating": round(sum(ratings) / len(ratings), 1) if ratings else None,
        "goals_done": goals_done,
    }
    reflection["little_data"] = reflection["check_in_days"] < ENOUGH_DAYS
    reflection["sentences"] = reflection_sentences(reflection, language)
    return reflection


def streak_fields(report: StreakReport) -> dict[str, Any]:
    return {
        "current_streak": report.current,
        "longest_streak": report.longest,
        "rest_days_used": report.rest_days_used,
        "rest_days_left": report.rest_days_left,
        "consistency": report.consistency,
        "logged_today": report.logged_today,
    }


def streaks(session: Session, *, user_id: int, as_of: date | None = None) -> StreakReport:
    user = _user(session, user_id)
    today = as_of or localtime.today(user.time_zone, user.day_start_hour)
    return streak_report(_logged_days(session, user_id, user.time_zone, user.day_start_hour), today)


def month_calendar(
    session: Session, *, user_id: int, year: int, month: int, as_of: date | None = None,
    report: StreakReport | None = None,
) -> dict:
    """A month as weeks of days (Monday first), each with its dominant quadrant and whether it
    was logged, a rest day, today or still ahead. `report` as for weekly_reflection."""
    user = _user(session, user_id)
    zone, day_start = user.time_zone, user.day_start_hour
    today = as_of or localtime.today(zone, day_start)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    start = localtime.day_bounds(first, zone, day_start)[0]
    end = localtime.day_bounds(last, zone, day_start)[1]
    moods = session.scalars(
        select(MoodEntry).where(MoodEntry.user_id == user_id, MoodEntry.felt_at >= start, MoodEntry.felt_at < end)
    ).all()
    by_day: dict[date, list[MoodEntry]] = {}
    for mood in moods:
        by_day.setdefault(localtime.local_day(mood.felt_at, zone, day_start), []).append(mood)
    report = report or streak_report(_logged_days(session, user_id, zone, day_start), today)
    logged = report.logged_days
    weeks = []
    for row in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([
            {
                "day": d.day if d.month == month else 0,
                "date": d.isoformat(),
                "quadrant": _dominant(by_day.get(d, [])) if d.month == month else "",
                "count": len(by_day.get(d, [])) if d.month == month else 0,
                "logged": d.month == month and d in logged,
                "rest": d.month == month and d in report.rest_days,
                "today": d == today,
                "future": d > today,
            }
            for d in row
        ])
    return {"year": year, "month": month, "weeks": weeks,
            "logged_days": sum(1 for d in logged if first <= d <= last),
            "rest_days": sorted(d.isoformat() for d in report.rest_days if first <= d <= last)}


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
        share = _share(per_week[monday])
        trend.append({
            "week": journal.iso_week(monday),
            "label": f"{monday.month}/{monday.day}",
            "share": None if share is None else round(share * 100),
            "count": sum(per_week[monday].values()),
        })
    return trend


# --- the sentences ---------------------------------------------------------------------


def reflection_sentences(r: dict[str, Any], language: str) -> list[str]:
    """A few warm sentences from the numbers: noticing, never grading."""
    from resilience_app.core.i18n import translate, translate_count, weekday_name

    def say(key: str, n: int | None = None, **params: Any) -> str:
        return translate(language, key, **params) if n is None else translate_count(language, key, n, **params)

    days, count = r["check_in_days"], r["mood_count"]
    if days == 0 and not (r["wins_count"] or r["gratitude_count"]):
        return [say("reflect.empty")]
    lines = [say("reflect.little" if r["little_data"] else "reflect.days", days, moods=count)]
    if not r["little_data"]:
        if r["comparable"]:
            share, before = round(r["pleasant_share"] * 100), round(r["pleasant_share_before"] * 100)
            if share - before >= 5:
                lines.append(say("reflect.pleasant_up", share=share, delta=share - before))
            elif before - share >= 5:
                lines.append(say("reflect.pleasant_down", share=share))
            else:
                lines.append(say("reflect.pleasant_same", share=share))
        elif r["pleasant_share"] is not None:
            lines.append(say("reflect.pleasant_first", share=round(r["pleasant_share"] * 100)))
        if r["top_emotions"] and (feeling := emotions.emotion(r["top_emotions"][0][0])):
            lines.append(say("reflect.top_emotion", r["top_emotions"][0][1], emotion=feeling.label(language)))
        if hard := r["hardest_day"]:
            day = weekday_name(language, date.fromisoformat(hard["day"]))
            lines.append(say("reflect.hardest_cause", day=day, cause=hard["cause"]) if hard["cause"]
                         else say("reflect.hardest", day=day))
    if r["wins_count"]:
        lines.append(say("reflect.wins", r["wins_count"], example=r["win_highlights"][0]))
    elif count and not r["little_data"]:
        lines.append(say("reflect.no_wins"))
    care = [say("reflect.first_aid", r["first_aid_uses"])] if r["first_aid_uses"] else []
    care += [say("reflect.let_go", r["box_let_go"])] if r["box_let_go"] else []
    if care:
        lines.append(say("reflect.care", acts=translate(language, "reflect.and").join(care)))
    if r["recharge_done"]:
        rating = "–" if r["recharge_rating"] is None else f"{r['recharge_rating']:g}"
        lines.append(say("reflect.recharge", r["recharge_done"], rating=rating))
    if r["goals_done"]:
        lines.append(say("reflect.goals", r["goals_done"]))
    return lines
