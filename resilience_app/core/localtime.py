"""The user's own calendar: their zone, and a day that starts at their day-start hour."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from resilience_app.core import clock


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


def parse_instant(value: object) -> datetime:
    """An ISO 8601 instant from an import; it must carry its offset."""
    from resilience_app.core.errors import UserError

    try:
        instant = datetime.fromisoformat(str(value))
    except ValueError:
        raise UserError("error.import_bad_time", value=str(value)[:40]) from None
    if instant.tzinfo is None:
        raise UserError("error.import_bad_time", value=str(value)[:40])
    return instant
