"""The private calendar link: an .ics feed of the chosen reminders, read back with the icalendar library,
and the routes that take a phone's push subscription."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from starlette.testclient import TestClient

from resilience_app import routes
from resilience_app.core import clock, security
from resilience_app.core.db import db_session
from resilience_app.models import ReminderSettings
from resilience_app.services import accounts, plan, push, reminder_calendar, reminders, sessions
from resilience_app.web.auth_routes import build_auth_app
from resilience_app.web.cookies import SESSION_COOKIE
from tests.conftest import GOOD_PASSWORD
from tests.unit.test_reminder_push import Phone


@pytest.fixture(autouse=True)
def _a_monday_in_shanghai(pinned_clock):
    """These tests walk through one week from Monday 00:30 in Shanghai, whatever moment the run is
    pinned to (scripts/awkward_dates.sh); each sets its own later moments."""
    clock.set_now(datetime(2026, 11, 29, 16, 30, tzinfo=UTC))


def _feed_url(token: str) -> str:
    return routes.API_REMINDERS_ICS.replace("{token}", token)


@pytest.fixture
def lin(db):
    with db() as s:
        uid = accounts.register(s, username="lin", password=GOOD_PASSWORD, language="zh-CN").id
        reminders.save_choices(s, user_id=uid, shift_end=["18:30", "", "", "", "01:30", "", ""], review=True,
                               recharge=True, quiet_from="23:00", quiet_until="07:00", one_a_day=True)
        plan.add_interest(s, user_id=uid, name="秘密爱好")
        # Wednesday 2 December 19:00-21:00, and Monday 7 December 18:00-20:00 (over the shift's end).
        plan.add_block(s, user_id=uid, day="2026-12-02", start="19:00", interest="秘密爱好", minutes=120)
        plan.add_block(s, user_id=uid, day="2026-12-07", start="18:00", interest="秘密爱好", minutes=120)
        token = reminder_calendar.new_link(s, user_id=uid)
    return uid, token


def _events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def test_the_feed_is_a_valid_calendar_of_recurring_reminders_with_alarms(db, lin):
    uid, token = lin
    client = TestClient(build_auth_app(), base_url="http://localhost:3000")
    response = client.get(_feed_url(token))  # no cookie: a phone's calendar polls it
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert response.headers["cache-control"] == "private, no-store"
    text = response.text
    assert "秘密爱好" not in text  # no entry's text, not even the interest's name
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["X-WR-CALNAME"]) == "心韧 · 提醒"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT") if "RRULE" in e}
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    # Monday 18:30 weekly and the Sunday review weekly; Friday's 01:30 falls in quiet hours: none.
    assert summaries.count("下班打卡时间到了") == 1 and summaries.count("周日回顾时间到了") == 1
    assert summaries.count("充电时间开始了") == 2
    shift = events["下班打卡时间到了"]
    assert shift["RRULE"]["FREQ"] == ["WEEKLY"]
    start = shift.decoded("DTSTART")
    assert (start.weekday(), start.hour, start.minute, str(start.tzinfo)) == (0, 18, 30, "Asia/Shanghai")
    [alarm] = shift.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == timedelta(0)
    # Monday 7 December's 18:30 falls in a recharge block: that one occurrence is left out.
    excluded = [d.dt for d in shift["EXDATE"].dts] if not isinstance(shift["EXDATE"], list) else \
        [d.dt for group in shift["EXDATE"] for d in group.dts]
    assert [(d.date().isoformat(), d.hour, d.minute) for d in excluded] == [("2026-12-07", 18, 30)]
    recharge = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "充电时间开始了"]
    assert sorted(e.decoded("DTSTART").replace(tzinfo=None) for e in recharge) == [
        datetime(2026, 12, 2, 19, 0), datetime(2026, 12, 7, 18, 0)]
    assert all(e.walk("VALARM") for e in recharge)


def test_a_new_link_revokes_the_old_and_only_a_hash_is_kept(db, lin):
    uid, token = lin
    client = TestClient(build_auth_app(), base_url="http://localhost:3000")
    with db_session() as s:
        row = s.get(ReminderSettings, uid)
        assert row.calendar_token_hash == security.hash_token(token) and token not in row.calendar_token_hash
        assert len(token) >= 43
        fresh = reminder_calendar.new_link(s, user_id=uid)
    assert client.get(_feed_url(token)).status_code == 404
    assert client.get(_feed_url(fresh)).status_code == 200
    with db_session() as s:
        reminder_calendar.revoke_link(s, user_id=uid)
        assert reminder_calendar.link_created_at(s, user_id=uid) is None
    assert client.get(_feed_url(fresh)).status_code == 404
    assert client.get(_feed_url("x" * 43)).status_code == 404


def test_nothing_chosen_is_an_empty_calendar(db):
    with db() as s:
        uid = accounts.register(s, username="wang", password=GOOD_PASSWORD, language="en").id
        token = reminder_calendar.new_link(s, user_id=uid)
    text = TestClient(build_auth_app()).get(_feed_url(token)).text
    assert _events(text) == [] and "Resilience reminders" in text


def test_push_routes_need_the_session_and_the_page_header(db, monkeypatch):
    monkeypatch.setenv("RESILIENCE_PUSH_ALLOW_LOCAL", "1")
    with db_session() as s:
        uid = accounts.register(s, username="lin", password=GOOD_PASSWORD, language="en").id
        token = sessions.create_session(s, user_id=uid)
    phone = Phone("http://127.0.0.1:9/push/lin")
    client = TestClient(build_auth_app(), base_url="http://localhost:3000")
    header = {"X-Resilience-Push": "1"}
    assert client.post(routes.API_PUSH_SUBSCRIBE, json=phone.info, headers=header).status_code == 401
    client.cookies.set(SESSION_COOKIE, token)
    assert client.post(routes.API_PUSH_SUBSCRIBE, json=phone.info).status_code == 403
    assert client.post(routes.API_PUSH_SUBSCRIBE, json=phone.info,
                       headers={**header, "Origin": "https://evil.example"}).status_code == 403
    bad = client.post(routes.API_PUSH_SUBSCRIBE, json={"endpoint": "nope"}, headers=header)
    assert bad.status_code == 400 and "can't be used" in bad.text
    assert client.post(routes.API_PUSH_SUBSCRIBE, json=phone.info,
                       headers={**header, "Origin": "http://localhost:3000"}).status_code == 204
    with db_session() as s:
        assert push.subscription_count(s, user_id=uid) == 1
    assert client.post(routes.API_PUSH_UNSUBSCRIBE, json={"endpoint": phone.info["endpoint"]},
                       headers=header).status_code == 204
    with db_session() as s:
        assert push.subscription_count(s, user_id=uid) == 0
