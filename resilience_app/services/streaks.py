"""Streaks that encourage: pure functions of the days a user logged something and "today".

A day counts when it holds a mood check-in or a journal entry (the caller maps instants to
local days with the user's zone and day-start hour). Up to two rest days per calendar month
bridge a gap, so one tired evening doesn't wipe out weeks; a rest day keeps the streak alive
but doesn't lengthen it. Today, not yet logged, never breaks anything.

The consistency score follows Loop Habit Tracker's habit strength: recent days weigh more,
so one miss dents the score a little and a run of logged days lifts it back.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from resilience_app.core import localtime

REST_DAYS_PER_MONTH = 2
CONSISTENCY_DAYS = 30
# A day's weight halves every two weeks: yesterday counts about twice as much as 14 days ago.
HALF_LIFE_DAYS = 14


@dataclasses.dataclass(frozen=True)
class StreakReport:
    current: int
    longest: int
    # Every rest day applied so far (including ones that bridge up to today).
    rest_days: frozenset[date]
    # Rest days applied in today's calendar month, and how many are left.
    rest_days_used: int
    rest_days_left: int
    consistency: int  # 0-100
    logged_today: bool
    # The logged days it was computed from, up to today (the calendar marks them).
    logged_days: frozenset[date] = frozenset()


def days_of(instants: Iterable[datetime], time_zone: str, day_start_hour: int) -> set[date]:
    """The user's local days these instants fall on (01:30 with day start 04:00 is the day before)."""
    return {localtime.local_day(instant, time_zone, day_start_hour) for instant in instants}


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def _bridgeable(gap: list[date], used: Counter) -> bool:
    """Whether the monthly allowance covers every day of a gap (a gap may span two months)."""
    needed = Counter(_month(day) for day in gap)
    return all(used[month] + count <= REST_DAYS_PER_MONTH for month, count in needed.items())


def _days_between(first: date, last: date) -> list[date]:
    """The days strictly between first and last."""
    return [first + timedelta(days=n) for n in range(1, (last - first).days)]


def consistency(logged: set[date], today: date) -> int:
    """Weighted share of the last 30 days with an entry, 0-100.

    The window starts no earlier than the first logged day (a newcomer isn't scored on days
    before they began) and ends yesterday while today is still open.
    """
    past = [day for day in logged if day <= today]
    if not past:
        return 0
    end = today if today in logged else today - timedelta(days=1)
    start = max(min(past), today - timedelta(days=CONSISTENCY_DAYS - 1))
    total = hit = 0.0
    for age in range((end - start).days + 1):
        weight = 0.5 ** (age / HALF_LIFE_DAYS)
        total += weight
        if end - timedelta(days=age) in logged:
            hit += weight
    return round(100 * hit / total)


def streak_report(logged_days: Iterable[date], today: date) -> StreakReport:
    """Current and longest streak, the rest days that bridge them, and consistency."""
    logged = {day for day in logged_days if day <= today}
    if not logged:
        return StreakReport(0, 0, frozenset(), 0, REST_DAYS_PER_MONTH, 0, False, frozenset())
    days = sorted(logged)
    used: Counter = Counter()
    rest: set[date] = set()
    run = longest = 1
    for previous, day in zip(days, days[1:]):
        gap = _days_between(previous, day)
        if gap and not _bridgeable(gap, used):
            longest, run = max(longest, run), 1
            continue
        used.update(_month(d) for d in gap)
        rest.update(gap)
        run += 1
    longest = max(longest, run)
    # Days missed since the last entry, up to yesterday: today is still open.
    trailing = _days_between(days[-1], today)
    current = run
    if trailing:
        if _bridgeable(trailing, used):
            used.update(_month(d) for d in trailing)
            rest.update(trailing)
        else:
            current = 0
    this_month = used[_month(today)]
    return StreakReport(
        current=current,
        longest=longest,
        rest_days=frozenset(rest),
        rest_days_used=this_month,
        rest_days_left=REST_DAYS_PER_MONTH - this_month,
        consistency=consistency(logged, today),
        logged_today=today in logged,
        logged_days=frozenset(logged),
    )
