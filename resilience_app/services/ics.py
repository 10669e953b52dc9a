"""A small RFC 5545 writer: one calendar of events in the user's own time zone.

Written by hand so the export needs no extra dependency. Times are local wall-clock times
with a TZID, and the calendar carries a VTIMEZONE built from zoneinfo's transitions for the
years it covers, so phone calendars show the hours the user planned.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

PRODID = "-//Resilience//Recharge Plan//EN"
LINE_OCTETS = 75


@dataclasses.dataclass(frozen=True)
class Event:
    uid: str
    start: datetime  # aware
    end: datetime  # aware
    summary: str
    description: str = ""


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # Continuation lines begin with one space, which counts towards their 75 octets.
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _local(instant: datetime, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _utc(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta(0)).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The UTC instants in [start, end) at which the zone's offset changes, to the minute."""
    found = []
    probe = start
    while probe < end:
        step = min(probe + timedelta(days=1), end)
        if probe.astimezone(zone).utcoffset() != step.astimezone(zone).utcoffset():
            low, high = probe, step
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if low.astimezone(zone).utcoffset() == middle.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            found.append(high.replace(second=0, microsecond=0))
        probe = step
    return found


def _kind(local: datetime) -> str:
    return "DAYLIGHT" if local.dst() else "STANDARD"


def vtimezone(time_zone: str, first_year: int, last_year: int) -> list[str]:
    """A VTIMEZONE for the years given: the offset at their start, then every change in them."""
    zone = ZoneInfo(time_zone)
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{time_zone}"]
    opening = start.astimezone(zone)
    observances = [(opening, opening.utcoffset(), opening)]
    for instant in _transitions(zone, start, end):
        before, after = (instant - timedelta(minutes=1)).astimezone(zone), instant.astimezone(zone)
        observances.append((after, before.utcoffset(), after))
    for local, offset_from, after in observances:
        # DTSTART is the onset as a wall-clock time in the offset that was in force before it.
        onset = (local.astimezone(UTC) + offset_from).replace(tzinfo=None)
        kind = _kind(after)
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{onset.strftime('%Y%m%dT%H%M%S')}",
            f"TZOFFSETFROM:{_offset(offset_from)}",
            f"TZOFFSETTO:{_offset(after.utcoffset())}",
        ]
        if name := after.tzname():
            lines.append(f"TZNAME:{escape_text(name)}")
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return lines


def calendar(events: list[Event], *, time_zone: str, name: str, stamp: datetime) -> str:
    """The whole .ics text: CRLF line ends, folded lines, one VEVENT per event."""
    zone = ZoneInfo(time_zone)
    years = [e.start.astimezone(zone).year for e in events] + [e.end.astimezone(zone).year for e in events]
    today = stamp.astimezone(zone).year
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{time_zone}",
        *vtimezone(time_zone, min(years, default=today), max(years, default=today)),
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART;TZID={time_zone}:{_local(event.start, zone)}",
            f"DTEND;TZID={time_zone}:{_local(event.end, zone)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += ["TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def day_stamp(day: date) -> str:
    return day.strftime("%Y%m%d")
