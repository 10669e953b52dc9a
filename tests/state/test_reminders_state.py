"""Me → Reminders and Today's due card, driven as the server drives them: each acts for its own user."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resilience_app.core import clock
from resilience_app.core.db import db_session
from resilience_app.services import accounts, reminder_calendar, reminders, sessions
from resilience_app.state.reminders import ReminderDueState, ReminderSettingsState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate


@pytest.fixture(autouse=True)
def _a_monday_in_shanghai(pinned_clock):
    """These tests walk through one week from Monday 00:30 in Shanghai, whatever moment the run is
    pinned to (scripts/awkward_dates.sh); each sets its own later moments."""
    clock.set_now(datetime(2026, 11, 29, 16, 30, tzinfo=UTC))

FORM = {"shift_end_6": "00:15", "shift_end_0": "18:30", "review": "on", "quiet_from": "", "quiet_until": "",
        "one_a_day": "on"}


@pytest.fixture(autouse=True)
def key_folder(tmp_path, monkeypatch):
    from resilience_app.services import push

    monkeypatch.setenv("RESILIENCE_DATA_DIR", str(tmp_path / "data"))
    push.server_key.cache_clear()
    yield
    push.server_key.cache_clear()


def test_choices_load_save_and_come_back(db, signed_in):
    profile, token = signed_in
    state = substate(make_root(token=token, path="/me"), ReminderSettingsState)
    run(state.load())
    assert state.loaded and state.shift_end == [""] * 7 and not state.review and state.one_a_day
    assert len(state.vapid_key) == 87 and state.calendar_made == ""
    run(state.save(FORM))
    assert state.saved and state.shift_end[6] == "00:15" and state.shift_end[0] == "18:30" and state.review
    assert not state.recharge
    again = substate(make_root(token=token, path="/me"), ReminderSettingsState)
    run(again.load())
    assert again.shift_end == state.shift_end and again.review
    run(state.save({**FORM, "quiet_from": "22:00"}))
    assert not state.saved and state.error_text == "免打扰时段要同时有开始和结束,而且两者不能相同。"


def test_today_shows_what_is_due_and_chosen(db, signed_in):
    profile, token = signed_in
    root = make_root(token=token, path="/")
    due = substate(root, ReminderDueState)
    run(due.load())
    assert due.items == []
    run(substate(root, ReminderSettingsState).save(FORM))
    run(due.load())
    # Monday 00:30 is still Sunday's day: the review (20:00) and the shift's end (00:15) are both due.
    assert due.items == [{"kind": "review", "link": "/review", "time": "20:00"},
                         {"kind": "shift_end", "link": "/", "time": "00:15"}]


def test_calendar_link_is_shown_once_revocable_and_absolute(db, signed_in):
    profile, token = signed_in
    state = substate(make_root(token=token, path="/me"), ReminderSettingsState)
    run(state.load())
    run(state.make_link())
    url = state.calendar_url
    assert url.startswith("http://localhost:3000/api/reminders/") and url.endswith(".ics")
    assert state.webcal_url == "webcal://" + url.split("://", 1)[1] and state.calendar_made
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    with db_session() as s:
        assert reminder_calendar.user_for_token(s, secret) == profile.id
    run(state.load())  # shown once: a reload shows that a link is active, not the link
    assert state.calendar_url == "" and state.calendar_made
    run(state.revoke_link())
    assert state.calendar_made == "" and state.calendar_notice == "reminders.calendar_revoked"
    with db_session() as s:
        assert reminder_calendar.user_for_token(s, secret) is None


def test_signed_out_or_someone_else_changes_nothing(db, signed_in):
    profile, token = signed_in
    with db_session() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD)
        wang_token = sessions.create_session(s, user_id=wang.id)
    nobody = substate(make_root(path="/me"), ReminderSettingsState)
    run(nobody.save(FORM))
    run(nobody.make_link())
    assert nobody.error_text and nobody.calendar_url == ""
    theirs = substate(make_root(token=wang_token, path="/me"), ReminderSettingsState)
    run(theirs.save(FORM))
    with db_session() as s:
        assert not reminders.choices(s, user_id=profile.id).anything
        assert reminders.choices(s, user_id=wang.id).review
        assert reminder_calendar.link_created_at(s, user_id=profile.id) is None


def test_a_reload_right_after_saving_keeps_the_confirmation_and_what_is_typed(db, signed_in):
    """A phone's reconnect runs on_load again: it must not redraw the form (wiping what is being typed)
    nor take back "saved" a moment after it was shown; a change made elsewhere is drawn again."""
    profile, token = signed_in
    state = substate(make_root(token=token, path="/me"), ReminderSettingsState)
    run(state.load())
    run(state.save(FORM))
    drawn = state.form_key
    run(state.load())
    assert state.saved and state.form_key == drawn
    with db_session() as s:  # the same person changes a time on another phone
        reminders.save_choices(s, user_id=profile.id, shift_end=["19:00", *[""] * 5, "00:15"], review=True,
                               recharge=False, quiet_from="", quiet_until="", one_a_day=True)
    run(state.load())
    assert state.form_key == drawn + 1 and state.shift_end[0] == "19:00"
    state._saved_at -= 60  # a later visit to the page no longer says "saved"
    run(state.load())
    assert not state.saved
