from datetime import timedelta

from sqlalchemy import select

from resilience_app.core import security
from resilience_app.models import AuthSession
from resilience_app.services import accounts, sessions
from tests.conftest import GOOD_PASSWORD


def _user(db):
    with db() as s:
        return accounts.register(s, username="lin", password=GOOD_PASSWORD).id


def test_only_the_token_hash_is_stored(db, frozen_clock):
    uid = _user(db)
    with db() as s:
        token = sessions.create_session(s, user_id=uid)
    with db() as s:
        stored = s.scalars(select(AuthSession.token_hash)).all()
    assert stored == [security.hash_token(token)]
    with db() as s:
        assert sessions.user_for_token(s, token) == uid
        assert sessions.user_for_token(s, token + "x") is None
        assert sessions.user_for_token(s, None) is None


def test_idle_expiry_and_touch(db, frozen_clock):
    uid = _user(db)
    start = frozen_clock.now()
    with db() as s:
        token = sessions.create_session(s, user_id=uid)
    # Used every 6 days, a session lives on (idle limit is 7 days)...
    for day in (6, 12, 18):
        frozen_clock.set_now(start + timedelta(days=day))
        with db() as s:
            assert sessions.user_for_token(s, token) == uid
    # ...and 7 idle days end it.
    frozen_clock.set_now(start + timedelta(days=25, minutes=1))
    with db() as s:
        assert sessions.user_for_token(s, token) is None


def test_absolute_expiry_even_when_used_daily(db, frozen_clock):
    uid = _user(db)
    start = frozen_clock.now()
    with db() as s:
        token = sessions.create_session(s, user_id=uid)
    for day in range(1, 30):
        frozen_clock.set_now(start + timedelta(days=day))
        with db() as s:
            assert sessions.user_for_token(s, token) == uid
    frozen_clock.set_now(start + timedelta(days=30))
    with db() as s:
        assert sessions.user_for_token(s, token) is None


def test_logout_revokes_one_and_password_change_revokes_all(db, frozen_clock):
    uid = _user(db)
    with db() as s:
        phone, laptop, tablet = (sessions.create_session(s, user_id=uid) for _ in range(3))
    with db() as s:
        sessions.revoke(s, phone)
    with db() as s:
        assert sessions.user_for_token(s, phone) is None
        assert sessions.user_for_token(s, laptop) == uid
    with db() as s:
        accounts.change_password(s, user_id=uid, current=GOOD_PASSWORD, new="another long phrase")
    with db() as s:
        assert sessions.user_for_token(s, laptop) is None
        assert sessions.user_for_token(s, tablet) is None
