"""Me → delete account and Me → retention, driven as the server drives them."""

from resilience_app.models import User
from resilience_app.services import accounts, moods, retention, sessions
from resilience_app.state.account import DeleteAccountState, RetentionState
from resilience_app.state.auth import AuthState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, redirect_target, run, substate


async def _drain(events):
    return [event async for event in events]


def test_a_wrong_password_deletes_nothing_and_says_so(db, signed_in, frozen_clock):
    profile, token = signed_in
    state = substate(make_root(token=token, path="/me/delete"), DeleteAccountState)
    run(_drain(state.delete({"password": "not my password", "posts": "delete"})))
    assert state.error_text
    with db() as s:
        assert s.get(User, profile.id) is not None


def test_deleting_signs_out_everywhere_and_says_goodbye(db, signed_in, frozen_clock):
    profile, token = signed_in
    with db() as s:
        other = accounts.register(s, username="wang", password=GOOD_PASSWORD)
        moods.log_mood(s, user_id=other.id, emotion="anxious")
        second_device = sessions.create_session(s, user_id=profile.id)
    root = make_root(token=token, path="/me/delete")
    run(substate(root, AuthState).load_private())
    state = substate(root, DeleteAccountState)
    events = run(_drain(state.delete({"password": GOOD_PASSWORD, "posts": "anonymise"})))
    assert redirect_target(events[-1]) == "/login?notice=notice.account_deleted"
    assert substate(root, AuthState).signed_in is False
    with db() as s:
        assert s.get(User, profile.id) is None
        assert sessions.user_for_token(s, token) is None and sessions.user_for_token(s, second_device) is None
        assert s.get(User, other.id) is not None and len(moods.export_moods(s, other.id)) == 1


def test_deleting_without_a_session_touches_no_one(db, signed_in, frozen_clock):
    profile, _token = signed_in
    state = substate(make_root(path="/me/delete"), DeleteAccountState)
    run(_drain(state.delete({"password": GOOD_PASSWORD, "posts": "delete"})))
    assert state.error_text
    with db() as s:
        assert s.get(User, profile.id) is not None


def test_retention_is_chosen_on_me_and_saved_at_once(db, signed_in, frozen_clock):
    profile, token = signed_in
    state = substate(make_root(token=token, path="/me"), RetentionState)
    run(state.load())
    assert state.months == "" and [c["value"] for c in state.choices] == ["", "3", "6", "12", "24"]
    assert state.choices[1]["label"] == "Keep the last 3 months only"
    run(state.choose("6"))
    assert state.saved and state.months == "6"
    run(state.choose("5"))
    assert not state.saved and state.error_text
    with db() as s:
        assert retention.get_retention(s, user_id=profile.id) == 6
    run(state.choose(""))
    with db() as s:
        assert retention.get_retention(s, user_id=profile.id) is None
