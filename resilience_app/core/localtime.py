"""The user's own calendar: their zone, a day that starts at their day-start hour, and the ISO
weeks (Monday to Sunday, named like 2026-W47) those days fall in."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from resilience_app.core import clock, i18n
from resilience_app.core.errors import UserError, shown

T = TypeVar("T")


def local_now(time_zone: str) -> datetime:
    return clock.now().astimezone(ZoneInfo(time_zone))


def local_day(instant: datetime, time_zone: str, day_start_hour: int) -> date:
    """The day an instant belongs to: a shift ending at 02:00 still counts for the day before."""
    return (instant.astimezone(ZoneInfo(time_zone)) - timedelta(hours=day_start_hour)).date()


def today(time_zone: str, day_start_hour: int) -> date:
    return local_day(clock.now(), time_zone, day_start_hour)


def utc_offset_label(time_zone: str) -> str:
    offset = local_now(time_zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def to_local(instant: datetime, time_zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(time_zone))


def day_bounds(day: date, time_zone: str, day_start_hour: int) -> tuple[datetime, datetime]:
    """The instants [start, end) of a user's local day, as aware datetimes."""
    zone = ZoneInfo(time_zone)
    start = datetime.combine(day, time(hour=day_start_hour), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(hour=day_start_hour), tzinfo=zone)
    return start, end


def day_label(language: str, day: date, today: date) -> str:
    """A day as a heading names it: Today, Yesterday, or else its date (Sunday, 22 November)."""
    if day == today:
        return i18n.translate(language, "common.today")
    if day == today - timedelta(days=1):
        return i18n.translate(language, "common.yesterday")
    return i18n.format_long_date(language, day)


# --- ISO weeks ---------------------------------------------------------------------------

_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")


def week_of(day: date) -> str:
    """The ISO week a day falls in: 31 December 2026 and 1 January 2027 are both in 2026-W53."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_days(week: object) -> tuple[date, date]:
    """Monday and Sunday of an ISO week written like 2026-W47; UserError for anything else."""
    if match := _WEEK.fullmatch(week.strip()) if isinstance(week, str) else None:
        try:
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday, monday + timedelta(days=6)
        except (ValueError, OverflowError):  # 2025-W53 does not exist; 9999-W52 ends past the last date there is
            pass
    raise UserError("error.week_format", week=shown(week))


def week_monday(week: object) -> date:
    return week_days(week)[0]


def shift_week(week: object, weeks: int) -> str:
    """The week `weeks` after (or before, if negative) an ISO week; UserError past the calendar's ends."""
    try:
        shifted = week_of(week_monday(week) + timedelta(weeks=weeks))
    except OverflowError:
        raise UserError("error.week_format", week=shown(week)) from None
    week_days(shifted)  # 9999-W52 begins within the calendar but ends past it
    return shifted


def week_bounds(week: object, time_zone: str, day_start_hour: int) -> tuple[datetime, datetime]:
    """The instants [start, end) of an ISO week of the user's days, from Monday's start to the next
    Monday's, in UTC."""
    monday, sunday = week_days(week)
    try:
        return (day_bounds(monday, time_zone, day_start_hour)[0].astimezone(UTC),
                day_bounds(sunday, time_zone, day_start_hour)[1].astimezone(UTC))
    except OverflowError:  # east of Greenwich, 0001-W01 starts before the first instant there is
        raise UserError("error.week_format", week=shown(week)) from None


# Every time and date an import brings in must fall within these years (a time's year in UTC as
# well as where it was written): anything else is a typo or a forgery, and near datetime's own
# limits (year 1, year 9999) converting between zones overflows.
IMPORT_YEARS = range(1970, 2101)


def _check_import_year(year: int, value: object) -> None:
    if year not in IMPORT_YEARS:
        raise UserError("error.import_time_range", value=shown(value), first=IMPORT_YEARS[0], last=IMPORT_YEARS[-1])


def _parse_iso(value: object, parse: Callable[[str], T], bad: str) -> T:
    if not isinstance(value, str):
        raise UserError(bad, value=shown(value))
    try:
        return parse(value)
    except ValueError:
        raise UserError(bad, value=shown(value)) from None


def parse_instant(value: object) -> datetime:
    """An ISO 8601 instant from an import; it must carry its offset and fall within IMPORT_YEARS."""
    instant = _parse_iso(value, datetime.fromisoformat, "error.import_bad_time")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise UserError("error.import_bad_time", value=shown(value))
    _check_import_year(instant.year, value)  # first, so the conversion below cannot overflow
    _check_import_year(instant.astimezone(UTC).year, value)
    return instant


def parse_day(value: object) -> date:
    """A calendar date (2026-11-22) from an import, within IMPORT_YEARS."""
    return check_import_day(_parse_iso(value, date.fromisoformat, "error.import_bad_day"), value)


def check_import_day(day: date, value: object) -> date:
    """The import rule for a date; also for one reached some other way (an ISO week's Thursday)."""
    _check_import_year(day.year, value)
    return day


def from_wall_clock(day: date, at: time, time_zone: str) -> datetime:
    """The instant a clock on the wall in time_zone showed `at` on `day` (an import's local times).

    Where the clocks went back (an hour shown twice) this is the first of the two instants; where
    they jumped forward (an hour never shown) the time is read with the offset from before the
    jump, so 02:30 in a gap from 02:00 to 03:00 becomes 03:30: the nearest instant, in order.
    """
    return datetime.combine(day, at, tzinfo=ZoneInfo(time_zone)).astimezone(UTC)
