"""Looking back (回看): streaks, the week's reflection, the month calendar and the weekly trend.

The numbers and sentences come from services/reflection.py; this state only turns them into
labels in the user's language. Which week and month are shown is the only thing it remembers.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import reflex as rx

from resilience_app.core import i18n, localtime
from resilience_app.core.db import run_db
from resilience_app.services import accounts, emotions, reflection
from resilience_app.services.streaks import StreakReport
from resilience_app.services.summaries import CalendarDay, Cause, MonthCalendar, WeeklyReflection
from resilience_app.state.auth import SignedIn, private_state


@dataclasses.dataclass
class Stat:
    key: str  # catalog key of the label
    value: str


@dataclasses.dataclass
class Chip:
    label: str
    count: int


@dataclasses.dataclass
class QuadrantShare:
    color: str  # red, blue, green, yellow: the quadrant's colours (assets/app.css, data-q)
    label: str
    count: int
    percent: int


@dataclasses.dataclass
class Day:
    day: int  # 0 for the padding days of the neighbouring months
    color: str  # the dominant quadrant's colour, or "" for a day without check-ins
    logged: bool
    rest: bool
    today: bool
    future: bool
    label: str  # what a screen reader says


def _stats(r: WeeklyReflection) -> list[Stat]:
    share = "–" if r.pleasant_share is None else f"{round(r.pleasant_share * 100)}%"
    stats = [Stat("insights.stat.days", str(r.check_in_days)), Stat("insights.stat.moods", str(r.mood_count)),
             Stat("insights.stat.pleasant", share), Stat("insights.stat.wins", str(r.wins_count))]
    optional = [("insights.stat.first_aid", r.first_aid_uses), ("insights.stat.let_go", r.box_let_go),
                ("insights.stat.recharge", r.recharge_done), ("insights.stat.goals", r.goals_done)]
    return stats + [Stat(key, str(n)) for key, n in optional if n]


def _cause_label(cause: Cause, lang: str) -> str:
    tag = emotions.cause_tag(cause.tag) if cause.tag else None
    return tag.label(lang) if tag else cause.word


def _month_label(lang: str, *, year: int, month: int) -> str:
    return date(year, month, 1).strftime("%B %Y") if lang == "en" else f"{year}年{month}月"


def _year_month(month: str) -> dict[str, int]:
    """A month such as "2026-11" as the keywords the month's calls take."""
    year, number = (int(part) for part in month.split("-"))
    return {"year": year, "month": number}


def _shift_month(month: str, delta: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 + delta
    return f"{index // 12}-{index % 12 + 1:02d}"


@private_state
class InsightsState(SignedIn, rx.State):
    # Streaks, as of today.
    current_streak: int = 0
    longest_streak: int = 0
    rest_days_left: int = 2
    consistency: int = 0
    logged_today: bool = False
    streak_text: str = ""
    longest_text: str = ""
    rest_text: str = ""
    # The week shown, and this week (the newest that can be shown).
    week: str = ""
    this_week: str = ""
    week_range: str = ""
    sentences: list[str] = []
    stats: list[Stat] = []
    quadrant_shares: list[QuadrantShare] = []
    top_emotions: list[Chip] = []
    top_causes: list[Chip] = []
    highlights: list[str] = []
    # The month shown ("2026-11") and this month.
    month: str = ""
    this_month: str = ""
    month_label: str = ""
    month_summary: str = ""
    calendar: list[list[Day]] = []
    quadrant_legend: list[QuadrantShare] = []
    trend: list[dict[str, Any]] = []
    has_trend: bool = False

    @rx.var
    def at_this_week(self) -> bool:
        return self.week == self.this_week

    @rx.var
    def at_this_month(self) -> bool:
        return self.month == self.this_month

    def _today(self, profile: accounts.Profile) -> date:
        return localtime.today(profile.time_zone, profile.day_start_hour)

    async def _load_streaks(self, profile: accounts.Profile) -> StreakReport:
        report = await run_db(lambda session: reflection.streaks(session, user_id=profile.id))
        lang = profile.language
        self.current_streak, self.longest_streak = report.current, report.longest
        self.rest_days_left, self.consistency, self.logged_today = (
            report.rest_days_left, report.consistency, report.logged_today)
        self.streak_text = (i18n.translate_count(lang, "insights.streak.current", report.current)
                            if report.current else i18n.translate(lang, "insights.streak.none"))
        self.longest_text = i18n.translate_count(lang, "insights.streak.longest", report.longest)
        self.rest_text = (i18n.translate_count(lang, "insights.streak.rest_left", report.rest_days_left)
                          if report.rest_days_left else i18n.translate(lang, "insights.streak.rest_none"))
        return report

    async def _load_week(self, profile: accounts.Profile, report: StreakReport | None = None) -> None:
        week = self.week
        r = await run_db(lambda session: reflection.weekly_reflection(
            session, user_id=profile.id, week=week, language=profile.language, report=report))
        self._show_week(profile.language, r)

    def _show_week(self, lang: str, r: WeeklyReflection) -> None:
        monday, sunday = localtime.week_days(self.week)
        self.week_range = i18n.translate(lang, "insights.week.range", start=i18n.format_short_date(lang, monday),
                                         end=i18n.format_short_date(lang, sunday))
        self.sentences = list(r.sentences)
        self.stats = _stats(r)
        total = r.mood_count or 1
        self.quadrant_shares = [
            QuadrantShare(color=q.color, label=q.name.get(lang) or q.name["zh-CN"], count=r.quadrants[q.key],
                          percent=round(100 * r.quadrants[q.key] / total))
            for q in emotions.quadrants()
        ] if r.mood_count else []
        self.top_emotions = [Chip(label=emotions.emotion(key).label(lang), count=n)
                             for key, n in r.top_emotions if emotions.emotion(key)]
        self.top_causes = [Chip(label=_cause_label(c, lang), count=c.count) for c in r.top_causes]
        self.highlights = list(r.win_highlights)

    async def _load_month(self, profile: accounts.Profile, report: StreakReport | None = None) -> None:
        month = self.month
        m = await run_db(lambda session: reflection.month_calendar(
            session, user_id=profile.id, **_year_month(month), report=report))
        self._show_month(profile.language, m)

    def _show_month(self, lang: str, m: MonthCalendar) -> None:
        names = {q.key: q.name.get(lang) or q.name["zh-CN"] for q in emotions.quadrants()}
        colors = {q.key: q.color for q in emotions.quadrants()}

        def spoken(cell: CalendarDay) -> str:
            when = i18n.format_long_date(lang, cell.day)
            mood = (names.get(cell.quadrant) or
                    i18n.translate(lang, "insights.calendar.day_rest" if cell.rest else
                                   "insights.calendar.day_logged" if cell.logged else "insights.calendar.day_empty"))
            return i18n.translate(lang, "insights.calendar.day_label", date=when, mood=mood)

        self.calendar = [
            [Day(day=c.number, color=colors.get(c.quadrant, ""), logged=c.logged, rest=c.rest, today=c.today,
                 future=c.future, label=spoken(c) if c.number else "") for c in week]
            for week in m.weeks
        ]
        self.quadrant_legend = [QuadrantShare(color=q.color, label=names[q.key], count=0, percent=0)
                                for q in emotions.quadrants()]
        self.month_label = _month_label(lang, **_year_month(self.month))
        self.month_summary = i18n.translate(
            lang, "insights.calendar.summary",
            logged=i18n.translate_count(lang, "insights.calendar.logged", m.logged_days),
            rest=i18n.translate_count(lang, "insights.calendar.rest", len(m.rest_days)))

    async def _load_trend(self, profile: accounts.Profile) -> None:
        trend = await run_db(lambda session: reflection.pleasant_trend(session, user_id=profile.id))
        self.trend = trend
        self.has_trend = sum(1 for w in trend if w["share"] is not None) >= 2

    def _reset_periods(self, profile: accounts.Profile) -> None:
        today = self._today(profile)
        self.this_week, self.this_month = localtime.week_of(today), f"{today.year}-{today.month:02d}"
        if not self.week or self.week > self.this_week:
            self.week = self.this_week
        if not self.month or self.month > self.this_month:
            self.month = self.this_month

    @rx.event
    async def load(self):
        """on_load of Looking back: everything, for the week and month last shown."""
        profile = await self._profile_or_none()
        if profile is None:
            return
        self._reset_periods(profile)
        # The streaks read the whole history once; the week and the month reuse them.
        report = await self._load_streaks(profile)
        await self._load_week(profile, report)
        await self._load_month(profile, report)
        await self._load_trend(profile)

    @rx.event
    async def load_this_week(self):
        """on_load of the Sunday review: it opens with this week's reflection."""
        profile = await self._profile_or_none()
        if profile is None:
            return
        self.week = ""
        self._reset_periods(profile)
        await self._load_week(profile)

    @rx.event
    async def load_streak(self):
        """on_load of Today: only the streak line."""
        profile = await self._profile_or_none()
        if profile is not None:
            await self._load_streaks(profile)

    @rx.event
    async def show_week(self, delta: int):
        def read(session, profile):
            week = min(localtime.shift_week(self.week or self.this_week, int(delta)), self.this_week)
            return week, reflection.weekly_reflection(session, user_id=profile.id, week=week, language=profile.language)

        if (done := await self._call(read)) is not None:
            profile, (self.week, r) = done
            self._show_week(profile.language, r)

    @rx.event
    async def show_month(self, delta: int):
        def read(session, profile):
            month = min(_shift_month(self.month or self.this_month, int(delta)), self.this_month)
            return month, reflection.month_calendar(session, user_id=profile.id, **_year_month(month))

        if (done := await self._call(read)) is not None:
            profile, (self.month, m) = done
            self._show_month(profile.language, m)
