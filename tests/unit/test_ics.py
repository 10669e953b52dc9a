"""The .ics export: RFC 5545 text that a standard parser reads back with the planned local times."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from resilience_app.core import clock
from resilience_app.services import accounts, ics, plan, sessions
from resilience_app.web.cookies import SESSION_COOKIE
from resilience_app.web.plan_routes import plan_ics


def _events(text: str) -> list:
    return sorted(icalendar.Calendar.from_ical(text).walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))


def test_escaping_and_folding_follow_rfc_5545():
    assert ics.escape_text('a,b;c\\d\ne') == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "今天我不是客服，" * 20
    folded = ics.fold(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 1 and all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if i else piece for i, piece in enumerate(pieces)) == line


def test_a_calendar_is_crlf_folded_and_round_trips_text_exactly():
    zone = ZoneInfo("Asia/Shanghai")
    start = datetime(2026, 11, 21, 14, 0, tzinfo=zone)
    summary = "充电：画画, 做饭; 还有 \\ 反斜杠"
    description = "关掉：千牛、企业微信\n今天我不是客服。" * 5
    text = ics.calendar([ics.Event("b1@resilience", start, start + timedelta(hours=2), summary, description)],
                        time_zone="Asia/Shanghai", name="W47", stamp=datetime(2026, 11, 20, 12, tzinfo=UTC))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"])) == ("2.0", "GREGORIAN")
    assert str(calendar["PRODID"]) == ics.PRODID
    [event] = calendar.walk("VEVENT")
    assert (str(event["SUMMARY"]), str(event["DESCRIPTION"])) == (summary, description)
    assert str(event["UID"]) == "b1@resilience"
    assert event.decoded("DTSTAMP") == datetime(2026, 11, 20, 12, tzinfo=UTC)
    assert event.decoded("DTSTART") == start and event.decoded("DTEND") == start + timedelta(hours=2)


def test_the_vtimezone_carries_new_yorks_changes_for_the_year():
    lines = ics.vtimezone("America/New_York", 2026, 2026)
    text = "\r\n".join(lines)
    assert "BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400" in text
    assert "BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500" in text
    shanghai = ics.vtimezone("Asia/Shanghai", 2026, 2026)
    assert "TZOFFSETFROM:+0800" in shanghai and "TZOFFSETTO:+0800" in shanghai
    assert sum(line.startswith("BEGIN:") for line in shanghai) == 2  # the VTIMEZONE and one STANDARD


def test_a_new_york_week_across_the_clock_change_keeps_the_planned_local_times(db, users):
    lin, _ = users
    clock.set_now(datetime(2026, 10, 26, 12, 0, tzinfo=UTC))  # Monday of 2026-W44 in New York
    with db() as s:
        accounts.update_settings(s, user_id=lin, time_zone="America/New_York", language="en")
        plan.add_block(s, user_id=lin, day="2026-10-28", start="19:00", interest="Drawing")  # EDT, UTC-4
        plan.add_block(s, user_id=lin, day="2026-11-01", start="10:00", minutes=150, interest="Hiking")  # EST
        name, text = plan.week_calendar(s, user_id=lin, week="2026-W44")
    assert name == "recharge-2026-W44.ics"
    assert "DTSTART;TZID=America/New_York:20261028T190000" in text
    wednesday, sunday = _events(text)
    new_york = ZoneInfo("America/New_York")
    for event, local, utc in [
        (wednesday, datetime(2026, 10, 28, 19, 0), datetime(2026, 10, 28, 23, 0, tzinfo=UTC)),
        (sunday, datetime(2026, 11, 1, 10, 0), datetime(2026, 11, 1, 15, 0, tzinfo=UTC)),
    ]:
        start = event.decoded("DTSTART")
        assert start.astimezone(new_york).replace(tzinfo=None) == local
        assert start.astimezone(UTC) == utc
    assert sunday.decoded("DTEND").astimezone(UTC) - sunday.decoded("DTSTART").astimezone(UTC) == timedelta(hours=2.5)
    assert str(sunday["SUMMARY"]) == "Recharge: Hiking"
    assert "Qianniu, WeCom" in str(sunday["DESCRIPTION"])


def test_a_shanghai_week_leaves_out_skipped_blocks(db, users, frozen_clock):
    lin, _ = users
    with db() as s:
        kept = plan.add_block(s, user_id=lin, day="2026-11-21", start="14:00", interest="拼乐高")
        skipped = plan.add_block(s, user_id=lin, day="2026-11-16", start="20:00", interest="做饭")
        plan.finish_block(s, user_id=lin, public_id=skipped.public_id, outcome="skipped")
        _, text = plan.week_calendar(s, user_id=lin, week="2026-W47")
    [event] = _events(text)
    assert str(event["UID"]) == f"{kept.public_id}@resilience"
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "充电时间：拼乐高"
    with db() as s:
        assert _events(plan.week_calendar(s, user_id=lin, week="2026-W48")[1]) == []


# --- the HTTP route --------------------------------------------------------------------------


@pytest.fixture
def client(db):
    app = Starlette(routes=[Route("/api/plan.ics", plan_ics, methods=["GET"])])
    return TestClient(app, base_url="http://localhost:3000")


def _sign_in(db, client, user_id):
    with db() as s:
        client.cookies.set(SESSION_COOKIE, sessions.create_session(s, user_id=user_id))


def test_the_route_serves_the_signed_in_users_own_week(db, users, client):
    lin, wang = users
    with db() as s:
        plan.add_block(s, user_id=lin, day="2026-11-21", start="14:00", interest="画画")
        plan.add_block(s, user_id=wang, day="2026-11-22", start="09:00", interest="爬山")
    assert client.get("/api/plan.ics?week=2026-W47").status_code == 401
    _sign_in(db, client, lin)
    response = client.get("/api/plan.ics?week=2026-W47")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"].startswith('attachment; filename="recharge-2026-W47.ics"')
    assert "filename*=UTF-8''recharge-2026-W47.ics" in response.headers["content-disposition"]
    [event] = _events(response.text)
    assert str(event["SUMMARY"]) == "充电时间：画画"
    assert client.get("/api/plan.ics").headers["content-disposition"].endswith('2026-W47.ics')  # this week
    bad = client.get("/api/plan.ics?week=next-week")
    assert bad.status_code == 400 and "2026-W47" in bad.text  # the catalog message, in lin's language
