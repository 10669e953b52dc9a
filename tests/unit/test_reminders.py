"""Reminders the user chose: their schedule in the user's zone and day, and the rules (quiet hours,
recharge blocks, one a day), with the clock at awkward moments.

The suite's pinned moment is Monday 2026-11-30 00:30 in Shanghai: with the day starting at 04:00 it
is still Sunday's day, and a shift that ended at 00:15 belongs to Sunday.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time

import pytest

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.models import User
from resilience_app.services import accounts, journal, moods, plan, reminders
from tests.conftest import GOOD_PASSWORD


@pytest.fixture(autouse=True)
def _a_monday_in_shanghai(pinned_clock):
    """These tests walk through one week from Monday 00:30 in Shanghai, whatever moment the run is
    pinned to (scripts/awkward_dates.sh); each sets its own later moments."""
    clock.set_now(datetime(2026, 11, 29, 16, 30, tzinfo=UTC))

SUNDAY, MONDAY = 6, 0


def _user(db, name="lin", zone="Asia/Shanghai", language="zh-CN") -> int:
    with db() as s:
        return accounts.register(s, username=name, password=GOOD_PASSWORD, language=language, time_zone=zone).id


def _choose(db, uid, *, shift_end=None, **rest) -> reminders.Choices:
    times = [""] * 7
    for weekday, at in (shift_end or {}).items():
        times[weekday] = at
    with db() as s:
        return reminders.save_choices(s, user_id=uid, shift_end=times, review=rest.pop("review", False),
                                      recharge=rest.pop("recharge", False), **rest)


def _push_due(db, uid) -> list[str]:
    with db() as s:
        return [o.kind for o in reminders.push_due(s, s.get(User, uid))]


def _today(db, uid) -> list[dict]:
    with db() as s:
        return reminders.due_today(s, user_id=uid)


def test_everything_is_off_until_chosen(db):
    uid = _user(db)
    with db() as s:
        chosen = reminders.choices(s, user_id=uid)
        assert not chosen.anything and chosen.one_a_day
        assert reminders.as_form(chosen)["shift_end"] == [""] * 7
        assert reminders.users_with_push(s) == []
    assert _push_due(db, uid) == [] and _today(db, uid) == []


def test_choices_are_checked_and_kept(db):
    uid = _user(db)
    chosen = _choose(db, uid, shift_end={MONDAY: "18:30", 4: "1:30"}, review=True, quiet_from="22:00",
                     quiet_until="07:00", one_a_day=False)
    assert chosen.shift_end == {MONDAY: time(18, 30), 4: time(1, 30)} and chosen.review and not chosen.one_a_day
    with db() as s:
        form = reminders.as_form(reminders.choices(s, user_id=uid))
    assert form["shift_end"][0] == "18:30" and form["shift_end"][4] == "01:30"
    assert (form["quiet_from"], form["quiet_until"]) == ("22:00", "07:00")
    for bad in ({"shift_end": {MONDAY: "25:00"}}, {"quiet_from": "22:00"}, {"quiet_from": "22:00", "quiet_until": "22:00"}):
        with pytest.raises(UserError) as caught:
            _choose(db, uid, **bad)
        assert caught.value.key in ("error.reminder_bad_time", "error.reminder_quiet_hours")


def test_monday_0030_in_shanghai_is_still_sundays_day(db):
    """Sunday's shift ended at 00:15 on the Monday date: it is due now, on Sunday's day; Monday's is not."""
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "00:15", MONDAY: "00:20"})
    assert _push_due(db, uid) == ["shift_end"]
    assert _today(db, uid) == [{"kind": "shift_end", "link": "/", "time": "00:15"}]
    with db() as s:
        [occurrence] = reminders.push_due(s, s.get(User, uid))
    assert occurrence.day == date(2026, 11, 29)
    assert occurrence.at == datetime(2026, 11, 29, 16, 15, tzinfo=UTC)


def test_a_check_in_after_the_shift_means_nothing_is_due(db):
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "00:15"})
    with db() as s:
        moods.log_mood(s, user_id=uid, emotion="anxious")
    assert _push_due(db, uid) == [] and _today(db, uid) == []


def test_the_review_rings_at_the_review_hour_and_stops_once_written(db):
    uid = _user(db)
    _choose(db, uid, review=True)
    clock.set_now(datetime(2026, 11, 29, 12, 5, tzinfo=UTC))  # Sunday 20:05 Shanghai
    assert _push_due(db, uid) == ["review"]
    assert _today(db, uid)[0]["link"] == "/review"
    with db() as s:
        journal.save_review(s, user_id=uid, week="2026-W48", recognition="这周撑住了")
    assert _push_due(db, uid) == [] and _today(db, uid) == []


def test_push_waits_for_no_one_after_its_window_but_today_still_shows_it(db):
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "22:00"})  # 2.5 hours ago
    assert _push_due(db, uid) == []
    assert [d["kind"] for d in _today(db, uid)] == ["shift_end"]


def test_quiet_hours_hold_back_the_push_only(db):
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "00:15"}, quiet_from="23:00", quiet_until="07:00")
    assert _push_due(db, uid) == []
    assert [d["kind"] for d in _today(db, uid)] == ["shift_end"]


def test_nothing_during_a_recharge_block_but_its_own_start(db):
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "00:15"}, recharge=True, one_a_day=False)
    with db() as s:  # Sunday 23:30 to Monday 01:30, planned last week
        plan.add_block(s, user_id=uid, day="2026-11-29", start="23:30", interest="画画", minutes=120)
    assert _push_due(db, uid) == []  # its start (23:30) is past its 15-minute window
    assert _today(db, uid) == []  # Today shows the calm screen instead
    with db() as s:
        plan.add_block(s, user_id=uid, day="2026-11-30", start="02:00", interest="画画", minutes=60)
    clock.set_now(datetime(2026, 11, 29, 18, 5, tzinfo=UTC))  # Monday 02:05 Shanghai, the second block
    assert _push_due(db, uid) == ["recharge"]


def test_one_a_day_unless_asked_for_more(db):
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "00:15"}, review=True)
    clock.set_now(datetime(2026, 11, 29, 12, 10, tzinfo=UTC))  # Sunday 20:10 Shanghai
    with db() as s:
        chosen = reminders.choices(s, user_id=uid)
        [review] = reminders.push_due(s, s.get(User, uid))
        assert reminders.claim(s, uid, review, chosen)
    clock.set_now(datetime(2026, 11, 29, 16, 20, tzinfo=UTC))  # Monday 00:20: same day, the shift's end
    assert _push_due(db, uid) == []
    _choose(db, uid, shift_end={SUNDAY: "00:15"}, review=True, one_a_day=False)
    assert _push_due(db, uid) == ["shift_end"]


def test_a_reminder_done_early_leaves_the_days_one_for_the_next(db):
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "19:00"}, review=True)
    with db() as s:
        moods.log_mood(s, user_id=uid, emotion="calm", felt_at=datetime(2026, 11, 29, 11, 5, tzinfo=UTC))
    clock.set_now(datetime(2026, 11, 29, 12, 10, tzinfo=UTC))  # Sunday 20:10: the check-in was made
    assert _push_due(db, uid) == ["review"]


def test_two_workers_claim_a_reminder_once(db):
    """Both find it due at the same moment; the sent-log's unique key lets exactly one send it."""
    uid = _user(db)
    _choose(db, uid, shift_end={SUNDAY: "00:15"})
    start, results = threading.Barrier(2), []

    def worker():
        with db() as s:
            chosen = reminders.choices(s, user_id=uid)
            [occurrence] = reminders.push_due(s, s.get(User, uid))
            start.wait()
            results.append(reminders.claim(s, uid, occurrence, chosen))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert _push_due(db, uid) == []


# --- New York, across the changes of clock -------------------------------------------------------


def test_new_york_when_the_clocks_go_back_rings_once(db):
    """Saturday's shift ends at 01:30 on Sunday 1 November 2026, an hour shown twice: it rings at the first."""
    uid = _user(db, zone="America/New_York", language="en")
    _choose(db, uid, shift_end={5: "01:30"})
    clock.set_now(datetime(2026, 11, 1, 5, 45, tzinfo=UTC))  # 01:45 EDT
    with db() as s:
        [occurrence] = reminders.push_due(s, s.get(User, uid))
        assert occurrence.at == datetime(2026, 11, 1, 5, 30, tzinfo=UTC) and occurrence.day == date(2026, 10, 31)
        assert reminders.claim(s, uid, occurrence, reminders.choices(s, user_id=uid))
    clock.set_now(datetime(2026, 11, 1, 6, 45, tzinfo=UTC))  # 01:45 EST, the hour again
    assert _push_due(db, uid) == []


def test_new_york_in_the_hour_the_spring_skips(db):
    """02:30 on 8 March 2026 never shows on a New York clock: the reminder comes at 03:30 EDT."""
    uid = _user(db, zone="America/New_York", language="en")
    _choose(db, uid, shift_end={5: "02:30"})
    clock.set_now(datetime(2026, 3, 8, 7, 29, tzinfo=UTC))
    assert _push_due(db, uid) == []
    clock.set_now(datetime(2026, 3, 8, 7, 35, tzinfo=UTC))
    assert _push_due(db, uid) == ["shift_end"]


def test_new_york_weekday_time_follows_the_wall_clock_across_dst(db):
    uid = _user(db, zone="America/New_York", language="en")
    _choose(db, uid, shift_end={MONDAY: "18:00"})
    clock.set_now(datetime(2026, 11, 2, 23, 5, tzinfo=UTC))  # Monday 18:05 EST
    assert _push_due(db, uid) == ["shift_end"]
    clock.set_now(datetime(2026, 10, 26, 22, 5, tzinfo=UTC))  # Monday 18:05 EDT
    assert _push_due(db, uid) == ["shift_end"]


def test_message_is_in_the_users_language_and_never_an_entry(db):
    assert reminders.message("zh-CN", "shift_end")["title"] == "下班打卡时间到了"
    assert reminders.message("en", "recharge") == {
        "title": "Your recharge time starts now", "body": "Switch off the work apps: the next few hours are yours.",
        "url": "/", "tag": "resilience-recharge"}


def test_quiet_hours_wrap_past_midnight():
    chosen = reminders.Choices(quiet_from=time(22), quiet_until=time(7))
    assert reminders.in_quiet_hours(time(23, 30), chosen) and reminders.in_quiet_hours(time(6, 59), chosen)
    assert not reminders.in_quiet_hours(time(7), chosen) and not reminders.in_quiet_hours(time(21, 59), chosen)
    day = reminders.Choices(quiet_from=time(12), quiet_until=time(13))
    assert reminders.in_quiet_hours(time(12, 30), day) and not reminders.in_quiet_hours(time(13), day)
    assert not reminders.in_quiet_hours(time(3), reminders.Choices())
