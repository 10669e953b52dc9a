from datetime import timedelta

import pytest

from resilience_app.core.errors import UserError
from resilience_app.services import accounts, throttle
from tests.conftest import GOOD_PASSWORD


def _fail(db, username="lin", client="1.1.1.1", password="not the password"):
    with db() as s, pytest.raises(UserError) as caught:
        accounts.authenticate(s, username=username, password=password, client=client)
    return caught.value


def _login(db, client="1.1.1.1"):
    with db() as s:
        return accounts.authenticate(s, username="lin", password=GOOD_PASSWORD, client=client)


@pytest.fixture
def user(db, frozen_clock):
    with db() as s:
        accounts.register(s, username="lin", password=GOOD_PASSWORD)


def test_a_few_failures_are_free_then_it_slows_down(db, frozen_clock, user):
    for _ in range(throttle.FREE_FAILURES):
        assert _fail(db).key == "error.bad_credentials"
    # Now even the right password must wait; the message says how long.
    error = _fail(db, password=GOOD_PASSWORD)
    assert error.key == "error.throttled" and error.params["seconds"] == 15
    frozen_clock.set_now(frozen_clock.now() + timedelta(seconds=16))
    assert _fail(db).key == "error.bad_credentials"
    assert _fail(db).params["seconds"] == 30  # doubles


def test_throttled_attempts_are_not_counted(db, frozen_clock, user):
    for _ in range(throttle.FREE_FAILURES):
        _fail(db)
    with db() as s:
        before = throttle.failure_count(s, username_key="lin")
    for _ in range(10):
        assert _fail(db).key == "error.throttled"
    with db() as s:
        assert throttle.failure_count(s, username_key="lin") == before


def test_an_attacker_elsewhere_does_not_lock_the_user_out(db, frozen_clock, user):
    for _ in range(12):
        _fail(db, client="6.6.6.6")
        frozen_clock.set_now(frozen_clock.now() + timedelta(minutes=1))
    assert _fail(db, client="6.6.6.6", password=GOOD_PASSWORD).key == "error.throttled"
    assert _login(db, client="10.0.0.7").username == "lin"


def test_hourly_ceiling_and_it_lifts_within_the_hour(db, frozen_clock, user):
    start = frozen_clock.now()
    # A distributed attack: many clients, a few tries each.
    for i in range(throttle.PER_ACCOUNT_CEILING):
        _fail(db, client=f"9.9.{i // 4}.{i % 4}")
    error = _fail(db, client="10.0.0.7", password=GOOD_PASSWORD)
    assert error.key == "error.throttled"
    assert error.params["minutes"] <= 60
    frozen_clock.set_now(start + timedelta(hours=1, seconds=1))
    assert _login(db, client="10.0.0.7").username == "lin"


def test_unknown_usernames_are_throttled_the_same_way(db, frozen_clock, user):
    for _ in range(throttle.FREE_FAILURES):
        assert _fail(db, username="ghost").key == "error.bad_credentials"
    assert _fail(db, username="ghost").key == "error.throttled"


def test_success_clears_this_clients_failures(db, frozen_clock, user):
    for _ in range(throttle.FREE_FAILURES - 1):
        _fail(db)
    _login(db)
    for _ in range(throttle.FREE_FAILURES):
        assert _fail(db).key == "error.bad_credentials"
