"""The user's own calendar: their zone, and a day that starts at their day-start hour."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from resilience_app.core import clock
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
