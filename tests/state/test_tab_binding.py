"""A tab's state is served only to the login it was built for (state/auth.py TabBinding)."""

import reflex as rx

from resilience_app.state.auth import PRIVATE_STATES, AuthState, TabBinding
from resilience_app.state.journal import WinsState
from tests.state.conftest import make_root, run, substate


def _connect_with(root: rx.State, token: str | None) -> None:
    """What Reflex does before each event: the connection's headers become the state's router data."""
    headers = dict(root.router_data.get("headers") or {})
    headers["cookie"] = f"resilience_session={token}" if token else ""
    root.router_data = {**root.router_data, "headers": headers}


def _win_written_by_lin(signed_in):
    profile, token = signed_in
    root = make_root(token=token, path="/journal")
    _connect_with(root, token)
    run(TabBinding().preprocess(None, root, None))
    run(substate(root, AuthState).load_private())
    wins = substate(root, WinsState)
    run(wins.add({"text": "天台的风很大", "kind": "win"}))
    run(wins.load_list())
    assert any("天台的风很大" in entry["text"] for entry in wins.entries)
    return root


def test_a_borrowed_tab_is_emptied_before_another_login_sees_it(db, frozen_clock, signed_in):
    from resilience_app.services import accounts, sessions
    from tests.conftest import GOOD_PASSWORD

    root = _win_written_by_lin(signed_in)
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD)
        wang_token = sessions.create_session(s, user_id=wang.id)
    _connect_with(root, wang_token)  # the closed tab's token, replayed with Wang's cookie
    run(TabBinding().preprocess(None, root, None))
    auth = substate(root, AuthState)
    assert substate(root, WinsState).entries == []
    assert (auth.username, auth.display_name, auth.signed_in, auth._owner_id) == ("", "", False, None)
    assert "天台的风很大" not in str(root.dict())


def test_a_tab_replayed_without_any_cookie_is_emptied_too(db, frozen_clock, signed_in):
    root = _win_written_by_lin(signed_in)
    _connect_with(root, None)
    run(TabBinding().preprocess(None, root, None))
    assert "天台的风很大" not in str(root.dict()) and substate(root, AuthState).username == ""


def test_the_same_login_keeps_its_tab(db, frozen_clock, signed_in):
    root = _win_written_by_lin(signed_in)
    run(TabBinding().preprocess(None, root, None))  # the next event on the same connection
    assert any("天台的风很大" in entry["text"] for entry in substate(root, WinsState).entries)


def test_every_state_but_the_auth_state_is_wiped_when_the_login_changes():
    import resilience_app.resilience_app  # noqa: F401  (registers every page and state)

    def all_states(cls):
        for sub in cls.get_substates():
            yield sub
            yield from all_states(sub)

    from resilience_app.pages.journal import JournalTabState
    from resilience_app.state.care import CareDeviceState

    ours = {cls for cls in all_states(rx.State) if cls.__module__.startswith("resilience_app.")}
    # A new state holding user data must be registered with @private_state; these three hold none
    # that the binding does not reset itself (AuthState), none at all (which journal tab is open), or
    # only the device's keyed "not now" mark, which names no one (tests/state/test_care_state.py).
    assert ours - set(PRIVATE_STATES) == {AuthState, JournalTabState, CareDeviceState}
