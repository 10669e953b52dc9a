"""Issue 16: a handler's database work never holds up other tabs, and the per-event session check
is remembered for a few seconds only (state/session_check.py)."""

import asyncio
import time

from sqlalchemy import func, select

from resilience_app.models import MoodEntry
from resilience_app.services import accounts, moods, sessions
from resilience_app.state import session_check
from resilience_app.state.auth import AuthState
from resilience_app.state.consent import ConsentState
from resilience_app.state.mood import MoodState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate


def _today(token) -> MoodState:
    root = make_root(token=token)
    run(substate(root, AuthState).load_private())
    mood = substate(root, MoodState)
    run(mood.load())
    return mood


def _sign_in(db, name: str) -> tuple[int, str]:
    with db() as s:
        profile = accounts.register(s, username=name, password=GOOD_PASSWORD, language="en")
        return profile.id, sessions.create_session(s, user_id=profile.id)


def _count(db) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(MoodEntry))


def test_a_slow_database_call_does_not_hold_up_another_tabs_event(db, signed_in, monkeypatch):
    slow_user, slow_token = signed_in[0].id, signed_in[1]
    _, quick_token = _sign_in(db, "mei")
    slow_tab, quick_tab = _today(slow_token), _today(quick_token)
    log_mood = moods.log_mood

    def log_mood_slowly_for_one(session, *, user_id, **fields):
        if user_id == slow_user:
            time.sleep(0.6)  # a database that stalls, as a blocking driver call would
        return log_mood(session, user_id=user_id, **fields)

    monkeypatch.setattr(moods, "log_mood", log_mood_slowly_for_one)
    finished: list[str] = []

    async def save(tab: MoodState, name: str, emotion: str, quadrant: str) -> None:
        tab.choose_quadrant(quadrant)
        await tab.save_emotion(emotion)
        finished.append(name)

    async def both() -> float:
        start = time.perf_counter()
        slow = asyncio.create_task(save(slow_tab, "slow", "wronged", "low_unpleasant"))
        await asyncio.sleep(0.05)  # the slow save is in its database call now
        await save(quick_tab, "quick", "calm", "low_pleasant")
        quick_took = time.perf_counter() - start
        await slow
        return quick_took

    quick_took = run(both())
    assert finished == ["quick", "slow"]
    assert quick_took < 0.5
    assert _count(db) == 2 and slow_tab.saved_name == "Wronged" and quick_tab.saved_name == "Calm"


def test_a_revoked_session_stops_within_the_check_window(db, signed_in, pinned_clock, monkeypatch):
    monkeypatch.setenv("RESILIENCE_SESSION_CHECK_SECONDS", "5")
    _, token = signed_in
    mood = _today(token)
    with db() as s:  # signed out elsewhere: another device, another worker, an operator
        sessions.revoke(s, token)
    mood.choose_quadrant("low_pleasant")
    run(mood.save_emotion("calm"))
    assert _count(db) == 1 and not mood.error_text  # still trusted: checked less than 5 s ago
    pinned_clock.set_now(pinned_clock.now() + session_check.window())
    mood.choose_quadrant("high_pleasant")
    run(mood.save_emotion("proud"))
    assert _count(db) == 1 and mood.error_text  # refused: the check is made again and fails


def test_each_event_does_not_ask_the_database_who_is_signed_in(db, signed_in, monkeypatch):
    _, token = signed_in
    mood = _today(token)
    lookups = []
    user_for_token = sessions.user_for_token
    monkeypatch.setattr(sessions, "user_for_token", lambda *a, **k: lookups.append(1) or user_for_token(*a, **k))
    for emotion, quadrant in [("calm", "low_pleasant"), ("proud", "high_pleasant"), ("wronged", "low_unpleasant")]:
        mood.choose_quadrant(quadrant)
        run(mood.save_emotion(emotion))
    assert _count(db) == 3 and lookups == []


def test_a_page_load_always_checks_afresh(db, signed_in):
    _, token = signed_in
    root = make_root(token=token)
    auth = substate(root, AuthState)
    run(auth.load_private())
    with db() as s:
        sessions.revoke(s, token)
    run(auth.load_private())
    assert auth.signed_in is False


def test_withdrawing_consent_takes_effect_at_once_in_this_process(db, signed_in):
    _, token = signed_in
    mood = _today(token)
    root = mood._get_root_state()
    run(substate(root, ConsentState).withdraw())
    mood.choose_quadrant("low_pleasant")
    run(mood.save_emotion("calm"))
    assert _count(db) == 0 and mood.error_text
