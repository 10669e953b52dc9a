"""The invite-code throttle through the real join-by-code handler, whose unit of work rolls back on errors."""

from sqlalchemy import func, select

from resilience_app.core import i18n
from resilience_app.models import ForumInviteFailure
from resilience_app.services import accounts, sessions
from resilience_app.services.forum import groups as forum_groups
from resilience_app.state.auth import AuthState
from resilience_app.state.forum import GroupsState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate


def _groups_page(db, name):
    with db() as s:
        profile = accounts.register(s, username=name, password=GOOD_PASSWORD, language="en")
        token = sessions.create_session(s, user_id=profile.id)
    root = make_root(token=token, path="/forum/groups")
    run(substate(root, AuthState).load_private())
    state = substate(root, GroupsState)
    run(state.load())
    return profile, state


def test_wrong_codes_are_counted_and_then_even_the_right_code_waits(db, frozen_clock):
    owner, owner_page = _groups_page(db, "lin")
    run(owner_page.create({"name": "Night team"}))
    code = next(g for g in owner_page.groups if g["kind"] == "private")["invite_code"]
    _, guesser = _groups_page(db, "wang")
    wrong = [c for c in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC", "DDDDDDDD", "EEEEEEEE", "FFFFFFFF",
                         "GGGGGGGG", "HHHHHHHH", "JJJJJJJJ", "KKKKKKKK", "MMMMMMMM") if c != code]
    for guess in wrong[: forum_groups.INVITE_FAILURES_PER_HOUR]:
        run(guesser.join_with_code({"code": guess}))
        assert guesser.error_text == i18n.translate("en", "error.forum_invite_wrong")
    with db() as s:
        assert s.scalar(select(func.count()).select_from(ForumInviteFailure)) == forum_groups.INVITE_FAILURES_PER_HOUR
    run(guesser.join_with_code({"code": code}))
    assert guesser.error_text == i18n.translate("en", "error.forum_invite_throttled", minutes=60)
    assert all(g["kind"] == "public" for g in guesser.groups)
