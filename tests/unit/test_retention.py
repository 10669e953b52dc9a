"""Automatic erasing: entries older than N months go once a day in the user's own calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from resilience_app.core import clock
from resilience_app.core.errors import UserError
from resilience_app.models import DailyGoal, JournalEntry, MoodEntry, User
from resilience_app.services import accounts, goals, journal, moods, retention


def _mood(db, uid: int, when: datetime, note: str) -> None:
    with db() as s:
        moods.log_mood(s, user_id=uid, emotion="anxious", felt_at=when, note=note)


def _notes(db, uid: int) -> list[str]:
    with db() as s:
        return sorted(s.scalars(select(MoodEntry.note).where(MoodEntry.user_id == uid)))


def test_months_before_keeps_the_day_or_the_months_last():
    assert retention.months_before(date(2026, 11, 30), 3) == date(2026, 8, 30)
    assert retention.months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert retention.months_before(date(2026, 1, 15), 24) == date(2024, 1, 15)


def test_off_by_default_and_only_the_listed_choices(db, users):
    lin, _ = users
    with db() as s:
        assert retention.get_retention(s, user_id=lin) is None
        with pytest.raises(UserError) as caught:
            retention.set_retention(s, user_id=lin, months=5)
    assert caught.value.key == "error.retention_choice"
    with db() as s:
        assert retention.run_due(s) == []


def test_old_private_entries_go_once_a_day_and_others_and_recent_ones_stay(db, users):
    lin, wang = users  # Shanghai, day starts 04:00; Monday 2026-11-30 00:30 there is still the 29th's day
    clock.set_now(datetime.fromisoformat("2026-11-30T00:30:00+08:00"))
    _mood(db, lin, datetime.fromisoformat("2026-08-29T03:59:00+08:00"), "old")   # the day of 08-28
    _mood(db, lin, datetime.fromisoformat("2026-08-29T04:00:00+08:00"), "kept")  # the first day kept
    _mood(db, wang, datetime.fromisoformat("2026-01-01T12:00:00+08:00"), "wang's")
    with db() as s:
        journal.add_entry(s, user_id=lin, kind="win", text="old win", written_at=datetime.fromisoformat("2026-05-01T12:00:00+08:00"))
        goals.add_goal(s, user_id=lin, text="old goal", day=date(2026, 8, 28))
        goals.add_goal(s, user_id=lin, text="kept goal", day=date(2026, 8, 29))
        journal.save_review(s, user_id=lin, week="2026-W35", recognition="old week")  # ends Sunday 08-30: kept
        journal.save_review(s, user_id=lin, week="2026-W34", recognition="older week")  # ends 08-23: erased
        retention.set_retention(s, user_id=lin, months=3)
        retention.set_retention(s, user_id=wang, months=None)
    with db() as s:
        runs = retention.run_due(s)
    assert [run["user_id"] for run in runs] == [lin]
    assert runs[0]["erased"]["moods"] == 1 and runs[0]["erased"]["journal_entries"] == 1
    assert runs[0]["erased"]["goals"] == 1 and runs[0]["erased"]["weekly_reviews"] == 1
    assert _notes(db, lin) == ["kept"] and _notes(db, wang) == ["wang's"]
    with db() as s:
        assert list(s.scalars(select(DailyGoal.text))) == ["kept goal"]
        assert s.scalar(select(JournalEntry.id)) is None
        assert retention.run_due(s) == []  # the same local day: nothing to do
    # 03:59 the next morning is still the same local day; 04:00 is a new one.
    clock.set_now(datetime.fromisoformat("2026-11-30T03:59:00+08:00"))
    with db() as s:
        assert retention.run_due(s) == []
    clock.set_now(datetime.fromisoformat("2026-11-30T04:00:00+08:00"))
    with db() as s:
        runs = retention.run_due(s)
    assert len(runs) == 1 and runs[0]["erased"]["moods"] == 1  # "kept" is now the 08-29 day, before 08-30
    with db() as s:
        assert s.get(User, lin).retention_ran_on == date(2026, 11, 30)


def test_a_zone_where_it_is_already_tomorrow_runs_on_its_own_day(db, users):
    lin, wang = users
    clock.set_now(datetime.fromisoformat("2026-11-29T16:30:00+00:00"))
    with db() as s:
        accounts.update_settings(s, user_id=lin, time_zone="Pacific/Kiritimati", day_start_hour=0)  # UTC+14
        accounts.update_settings(s, user_id=wang, time_zone="America/Los_Angeles", day_start_hour=0)
        for uid in (lin, wang):
            retention.set_retention(s, user_id=uid, months=3)
    # Now: 2026-11-29 16:30 UTC. Kiritimati: 11-30 06:30. Los Angeles: 11-29 08:30.
    _mood(db, lin, datetime.fromisoformat("2026-08-29T23:00:00+14:00"), "lin old")
    _mood(db, lin, datetime.fromisoformat("2026-08-30T01:00:00+14:00"), "lin kept")
    _mood(db, wang, datetime.fromisoformat("2026-08-28T23:00:00-07:00"), "wang old")
    _mood(db, wang, datetime.fromisoformat("2026-08-29T01:00:00-07:00"), "wang kept")
    with db() as s:
        retention.run_due(s)
        days = {uid: s.get(User, uid).retention_ran_on for uid in (lin, wang)}
    assert days == {lin: date(2026, 11, 30), wang: date(2026, 11, 29)}
    assert _notes(db, lin) == ["lin kept"] and _notes(db, wang) == ["wang kept"]


def test_forum_posts_are_not_private_entries(db, users):
    lin, _ = users
    with db() as s:
        retention.set_retention(s, user_id=lin, months=3)
        erased = retention.erase_old_entries(s, s.get(User, lin))
    assert "posts" not in erased and set(erased) == {
        "moods", "first_aid_uses", "journal_entries", "box_slips", "recharge_blocks", "goals", "weekly_reviews"}
