from datetime import date, timedelta

from sqlalchemy import select

from resilience_app.models import DailyGoal
from resilience_app.services import accounts, goals
from resilience_app.state.auth import AuthState
from resilience_app.state.goals import GoalsState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, stored_drafts, substate

TODAY = date(2026, 11, 20)  # the frozen clock's day in Asia/Shanghai


def _card(token):
    root = make_root(token=token)
    run(substate(root, AuthState).load_private())
    state = substate(root, GoalsState)
    run(state.load())
    return state


def _stored(db) -> list[tuple[str, str, str]]:
    with db() as s:
        return [(g.text, g.reward, g.status) for g in s.scalars(select(DailyGoal).order_by(DailyGoal.id))]


def test_a_goal_within_ones_control_is_saved_at_once(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _card(token)
    run(state.add({"goal": " Read every question fully before replying ", "reward": "milk tea"}))
    assert _stored(db) == [("Read every question fully before replying", "milk tea", "open")]
    assert stored_drafts(state) == ["goal:lin", "goal_reward:lin"]
    assert state.suggestion == "" and state.error_text == ""
    assert [(g["text"], g["reward"], g["status"]) for g in state.goals] == [
        ("Read every question fully before replying", "milk tea", "open")]
    # A second tap on Add, sent before the field was cleared, stores nothing more.
    run(state.add({"goal": "Read every question fully before replying", "reward": "milk tea"}))
    assert len(_stored(db)) == 1


def test_an_uncontrollable_goal_waits_for_a_choice_then_the_suggestion_is_saved(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _card(token)
    result = run(state.add({"goal": "make every customer happy", "reward": "a walk"}))
    assert result is None and _stored(db) == [] and stored_drafts(state) == []  # the draft waits for the choice
    assert state.suggestion == "Read each question fully before replying"
    assert state.pending_text == "make every customer happy" and state.goals == []
    run(state.use_suggestion())
    assert _stored(db) == [("Read each question fully before replying", "a walk", "open")]
    assert stored_drafts(state) == ["goal:lin", "goal_reward:lin"]
    assert state.suggestion == "" and state.pending_text == ""
    # A double tap on the choice stores one goal.
    assert run(state.use_suggestion()) is None and len(_stored(db)) == 1


def test_keep_mine_saves_the_goal_as_typed(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _card(token)
    run(state.add({"goal": "让所有客户满意", "reward": ""}))
    assert state.suggestion == "每个问题先完整读完再回复"  # a Chinese goal, a Chinese step, even in English
    run(state.keep_mine())
    assert _stored(db) == [("让所有客户满意", "", "open")]
    assert stored_drafts(state) == ["goal:lin", "goal_reward:lin"]
    assert run(state.keep_mine()) is None and len(_stored(db)) == 1


def test_a_new_controllable_goal_replaces_a_pending_suggestion(db, signed_in, frozen_clock):
    _, token = signed_in
    state = _card(token)
    run(state.add({"goal": "no bad reviews", "reward": ""}))
    assert state.suggestion
    run(state.add({"goal": "check the order number before replying", "reward": ""}))
    assert _stored(db) == [("check the order number before replying", "", "open")]
    assert state.suggestion == ""


def test_errors_are_shown_in_the_users_language(db, signed_in, frozen_clock):
    profile, token = signed_in
    state = _card(token)
    run(state.add({"goal": "  ", "reward": ""}))
    assert state.error_text == "Write a small goal first."
    run(state.add({"goal": "x" * 81, "reward": ""}))
    assert "80" in state.error_text
    with db() as s:
        accounts.update_settings(s, user_id=profile.id, language="zh-CN")
    state = _card(token)
    run(state.add({"goal": "喝水", "reward": "奶" * 41}))
    assert state.error_text == "奖励写短一点就好，最多 40 个字。"
    assert _stored(db) == []


def test_check_off_drop_and_carry(db, signed_in, frozen_clock):
    profile, token = signed_in
    with db() as s:
        old = goals.add_goal(s, user_id=profile.id, text="update my reply templates", reward="tea",
                             day=TODAY - timedelta(days=1))
        gone = goals.add_goal(s, user_id=profile.id, text="stretch", day=TODAY - timedelta(days=3))
    state = _card(token)
    assert [(g["text"], g["day"]) for g in state.unfinished] == [
        ("update my reply templates", "Yesterday"), ("stretch", "Tuesday, 17 November")]
    run(state.carry(old.public_id))
    run(state.drop(gone.public_id))
    assert state.unfinished == [] and state.error_text == ""
    assert [(g["text"], g["reward"]) for g in state.goals] == [("update my reply templates", "tea")]
    carried = state.goals[0]["id"]
    run(state.toggle_done(carried))
    assert state.goals[0]["status"] == "done" and state.done_count == 1
    run(state.toggle_done(carried))
    assert state.goals[0]["status"] == "open" and state.done_count == 0
    run(state.drop(carried))
    assert state.goals == []
    assert sorted(_stored(db)) == sorted([
        ("update my reply templates", "tea", "carried"), ("stretch", "", "dropped"),
        ("update my reply templates", "tea", "dropped")])


def test_someone_elses_goal_cannot_be_touched(db, signed_in, frozen_clock):
    _, token = signed_in
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD).id
        theirs = goals.add_goal(s, user_id=wang, text="leave on time", day=TODAY - timedelta(days=1))
    state = _card(token)
    assert state.unfinished == []
    for handler in (state.toggle_done, state.drop, state.carry):
        state.error_text = ""
        run(handler(theirs.public_id))
        assert state.error_text == "We couldn't find that entry. It may have been deleted."
    assert _stored(db) == [("leave on time", "", "open")]


def test_without_a_session_nothing_is_saved_or_changed(db, signed_in, frozen_clock):
    profile, _ = signed_in
    with db() as s:
        mine = goals.add_goal(s, user_id=profile.id, text="leave on time", day=TODAY - timedelta(days=1))
    state = _card("forged-token")
    assert state.goals == [] and state.unfinished == []
    for call in (lambda: state.add({"goal": "drink 8 glasses of water", "reward": ""}),
                 lambda: state.toggle_done(mine.public_id), lambda: state.drop(mine.public_id),
                 lambda: state.carry(mine.public_id)):
        state.error_text = ""
        assert run(call()) is None
        assert state.error_text  # the session-expired message
    state.suggestion, state.pending_text = "Read each question fully before replying", "make every customer happy"
    assert run(state.use_suggestion()) is None and run(state.keep_mine()) is None
    assert _stored(db) == [("leave on time", "", "open")]
