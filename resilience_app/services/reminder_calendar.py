"""The private calendar link: the chosen reminders as an .ics feed that phone calendars poll.

The link carries a long random secret (no cookie: calendars cannot sign in); only its SHA-256 is kept,
and making a new one revokes the old. The feed names reminders only ("下班打卡时间到了"), never an
entry's text, not even a recharge block's interest. Shift ends and the review are weekly events
(RRULE) with an alarm at their time; an occurrence the rules drop in the coming weeks (during a
recharge block, a second one that day) is an EXDATE; recharge blocks are single events.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock, i18n, localtime, security
from resilience_app.models import ReminderSettings, User
from resilience_app.services import ics, reminders

HORIZON_DAYS = 8 * 7  # recharge blocks and exceptions this far ahead; calendars poll again long before
EVENT_MINUTES = 10
REFRESH = "PT6H"
PRODID = "-//Resilience//Reminders//EN"


def new_link(session: Session, *, user_id: int) -> str:
    """A fresh secret for the calendar link (shown once); the previous link stops working."""
    token = security.new_session_token()
    row = reminders.settings_row(session, user_id)
    row.calendar_token_hash, row.calendar_created_at = security.hash_token(token), clock.now()
    session.flush()
    return token


def revoke_link(session: Session, *, user_id: int) -> None:
    row = session.get(ReminderSettings, user_id)
    if row is not None:
        row.calendar_token_hash, row.calendar_created_at = None, None
        session.flush()


def link_created_at(session: Session, *, user_id: int) -> datetime | None:
    row = session.get(ReminderSettings, user_id)
    return row.calendar_created_at if row is not None and row.calendar_token_hash else None


def user_for_token(session: Session, token: str) -> int | None:
    if not token or len(token) > 128:
        return None
    return session.scalar(select(ReminderSettings.user_id).where(
        ReminderSettings.calendar_token_hash == security.hash_token(token)))


def _local(instant: datetime, time_zone: str) -> str:
    return localtime.to_local(instant, time_zone).strftime("%Y%m%dT%H%M%S")


def _event(uid: str, start: datetime, summary: str, body: str, time_zone: str, stamp: str,
           rule: str | None = None, exdates: list[datetime] = ()) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={time_zone}:{_local(start, time_zone)}",
        f"DTEND;TZID={time_zone}:{_local(start + timedelta(minutes=EVENT_MINUTES), time_zone)}",
        f"SUMMARY:{ics.escape_text(summary)}",
        f"DESCRIPTION:{ics.escape_text(body)}",
        "TRANSP:TRANSPARENT",  # a reminder, not busy time
    ]
    if rule:
        lines.append(f"RRULE:{rule}")
    lines += [f"EXDATE;TZID={time_zone}:{_local(day, time_zone)}" for day in exdates]
    lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{ics.escape_text(summary)}", "TRIGGER:PT0S",
              "END:VALARM", "END:VEVENT"]
    return lines


def feed(session: Session, *, user_id: int) -> str:
    """The whole .ics text of a user's chosen reminders, in their zone and language."""
    user = session.get(User, user_id)
    chosen = reminders.choices(session, user_id=user_id)
    zone, language = user.time_zone, user.language
    now = clock.now()
    today = localtime.today(zone, user.day_start_hour)
    days = [today + timedelta(days=n) for n in range(HORIZON_DAYS)]
    where = reminders.Calendar.of(user)
    start = localtime.day_bounds(today, zone, user.day_start_hour)[0]
    end = localtime.day_bounds(days[-1], zone, user.day_start_hour)[1]
    planned = reminders.planned_blocks(session, user_id, start, end)
    found = reminders.occurrences(chosen, where, days, planned)
    kept = set(reminders.keep(found, chosen, where, reminders.blocks_between(session, user_id, start, end)))
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    who = security.keyed_mark("reminder-calendar", str(user_id))[:16]
    events, years = [], {today.year, days[-1].year}
    series: dict[tuple[str, int], list[reminders.Occurrence]] = {}
    for occurrence in found:
        if occurrence.kind == "recharge":
            if occurrence in kept:
                text = reminders.message(language, "recharge")
                events += _event(f"recharge-{_local(occurrence.at, 'UTC')}-{who}@resilience", occurrence.at,
                                 text["title"], text["body"], zone, stamp)
            continue
        series.setdefault((occurrence.kind, occurrence.day.weekday()), []).append(occurrence)
    for (kind, weekday), items in sorted(series.items()):
        local = localtime.to_local(items[0].at, zone).time()
        if reminders.in_quiet_hours(local, chosen):
            continue  # quiet hours never change from week to week: no event at all
        text = reminders.message(language, kind)
        dropped = [o.at for o in items if o not in kept]
        events += _event(f"{kind}-{weekday}-{who}@resilience", items[0].at, text["title"], text["body"], zone,
                         stamp, rule="FREQ=WEEKLY", exdates=dropped)
    name = i18n.translate(language, "reminder.calendar_name")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics.escape_text(name)}", f"X-WR-TIMEZONE:{zone}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}",
        *ics.vtimezone(zone, min(years), max(years) + 1),
        *events,
        "END:VCALENDAR",
    ]
    return "".join(ics.fold(line) + "\r\n" for line in lines)
