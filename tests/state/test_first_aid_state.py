from datetime import timedelta

from resilience_app.services import accounts, first_aid, moods, sessions
from resilience_app.state.auth import AuthState
from resilience_app.state.first_aid import FirstAidState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate


def _uses(db, user_id):
    with db() as s:
        return first_aid.export_uses(s, user_id)


def test_start_opens_the_player_and_finish_records_a_completed_use(db, signed_in, frozen_clock):
    profile, token = signed_in
    with db() as s:
        mood = moods.log_mood(s, user_id=profile.id, emotion="wronged").public_id
    state = substate(make_root(token=token, path="/first-aid"), FirstAidState)
    assert [item["key"] for item in state.exercises] == ["breathing_space", "breath_478", "pause_30s", "body_relax"]
    assert state.exercises[0]["amount"] == "3" and state.exercises[0]["unit_key"] == "fa.unit.minutes"
    run(state.start("breathing_space", mood))
    assert state.active == "breathing_space" and len(state.use_id) == 32 and state.error_text == ""
    use_id = state.use_id
    # A second tap while the player opens changes nothing.
    run(state.start("pause_30s", ""))
    assert (state.active, state.use_id) == ("breathing_space", use_id)

    frozen_clock.set_now(frozen_clock.now() + timedelta(minutes=3, seconds=2))
    run(state.finish(use_id))
    assert state.active == "" and state.use_id == ""
    (use,) = _uses(db, profile.id)
    assert (use["id"], use["exercise"], use["seconds"], use["completed"], use["mood_id"]) == (
        use_id, "breathing_space", 180, True, mood)


def test_stop_records_the_time_spent_and_closes(db, signed_in, frozen_clock):
    profile, token = signed_in
    state = substate(make_root(token=token), FirstAidState)
    run(state.start("breath_478", ""))
    frozen_clock.set_now(frozen_clock.now() + timedelta(seconds=20))
    run(state.stop(state.use_id))
    assert state.active == ""
    (use,) = _uses(db, profile.id)
    assert (use["exercise"], use["seconds"], use["completed"]) == ("breath_478", 20, False)


def test_done_sent_after_a_server_restart_still_counts(db, signed_in, frozen_clock):
    """The tab's state was lost; the id came back with the queued event and the cookie."""
    profile, token = signed_in
    first = substate(make_root(token=token), FirstAidState)
    run(first.start("pause_30s", ""))
    fresh = substate(make_root(token=token), FirstAidState)
    frozen_clock.set_now(frozen_clock.now() + timedelta(seconds=45))
    run(fresh.finish(first.use_id))
    assert fresh.error_text == ""
    assert _uses(db, profile.id)[0]["completed"] is True


def test_an_unknown_exercise_gets_a_message_in_the_users_language(db, signed_in):
    profile, token = signed_in
    root = make_root(token=token)
    run(substate(root, AuthState).load_private())  # the page's on_load: lin reads English
    state = substate(root, FirstAidState)
    run(state.start("yoga", ""))
    assert state.active == "" and state.error_text == "We couldn't find that exercise. Try another one."
    assert _uses(db, profile.id) == []


def test_start_refuses_without_a_session(db, signed_in):
    profile, _ = signed_in
    state = substate(make_root(token="not-a-session"), FirstAidState)
    run(state.start("breathing_space", ""))
    assert state.active == "" and state.use_id == ""
    assert state.error_text == "登录已过期，请重新登录。"
    assert _uses(db, profile.id) == []


def test_another_user_cannot_stop_or_finish_a_use(db, signed_in, frozen_clock):
    profile, token = signed_in
    mine = substate(make_root(token=token), FirstAidState)
    run(mine.start("body_relax", ""))
    with db() as s:
        other = accounts.register(s, username="wang", password=GOOD_PASSWORD)
        other_token = sessions.create_session(s, user_id=other.id)
    theirs = substate(make_root(token=other_token), FirstAidState)
    frozen_clock.set_now(frozen_clock.now() + timedelta(seconds=30))
    run(theirs.finish(mine.use_id))
    assert theirs.error_text == "没有找到这条记录，它可能已经被删除了。"
    run(theirs.stop(mine.use_id))
    # Signed out, the owner's own id is refused too.
    stranger = substate(make_root(), FirstAidState)
    run(stranger.finish(mine.use_id))
    assert stranger.error_text == "登录已过期，请重新登录。"
    (use,) = _uses(db, profile.id)
    assert (use["seconds"], use["completed"]) == (0, False)
    assert _uses(db, other.id) == []


def test_load_closes_a_player_left_open_by_a_reload(db, signed_in, frozen_clock):
    profile, token = signed_in
    state = substate(make_root(token=token, path="/first-aid"), FirstAidState)
    run(state.start("pause_30s", ""))
    frozen_clock.set_now(frozen_clock.now() + timedelta(seconds=12))
    run(state.load())
    assert state.active == "" and state.use_id == ""
    assert (_uses(db, profile.id)[0]["seconds"], _uses(db, profile.id)[0]["completed"]) == (12, False)
