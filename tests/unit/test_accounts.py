import pytest

from resilience_app.core.errors import UserError
from resilience_app.models import User
from resilience_app.services import accounts
from tests.conftest import GOOD_PASSWORD


def test_register_stores_an_argon2id_hash_and_defaults(db):
    with db() as s:
        profile = accounts.register(s, username="Lin", password=GOOD_PASSWORD, time_zone="Europe/Berlin")
    with db() as s:
        user = s.get(User, profile.id)
        assert user.password_hash.startswith("$argon2id$")
        assert GOOD_PASSWORD not in user.password_hash
    assert profile.language == "zh-CN"
    assert profile.time_zone == "Europe/Berlin"
    assert profile.day_start_hour == 4
    assert profile.role == "member"


def test_bad_time_zone_falls_back_to_shanghai(db):
    with db() as s:
        profile = accounts.register(s, username="lin", password=GOOD_PASSWORD, time_zone="Mars/Olympus")
    assert profile.time_zone == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("username", "password", "key"),
    [
        ("", GOOD_PASSWORD, "error.username_required"),
        ("ab", GOOD_PASSWORD, "error.username_length"),
        ("x" * 33, GOOD_PASSWORD, "error.username_length"),
        ("lin xiao", GOOD_PASSWORD, "error.username_chars"),
        ("<script>", GOOD_PASSWORD, "error.username_chars"),
        ("lin", "short", "error.password_too_short"),
        ("lin", "12345678", "error.password_common"),
    ],
)
def test_register_refuses_bad_input_with_a_key(db, username, password, key):
    with db() as s, pytest.raises(UserError) as caught:
        accounts.register(s, username=username, password=password)
    assert caught.value.key == key


def test_usernames_are_unique_ignoring_case(db):
    with db() as s:
        accounts.register(s, username="Lin", password=GOOD_PASSWORD)
    with db() as s, pytest.raises(UserError) as caught:
        accounts.register(s, username="lin", password=GOOD_PASSWORD)
    assert caught.value.key == "error.username_taken"


def test_chinese_usernames_are_welcome(db):
    with db() as s:
        profile = accounts.register(s, username="小林客服", password=GOOD_PASSWORD)
    assert profile.username == "小林客服"


def test_authenticate_answers_alike_for_unknown_user_and_wrong_password(db):
    with db() as s:
        accounts.register(s, username="lin", password=GOOD_PASSWORD)
    keys = []
    for username, password in (("lin", "wrong password!"), ("nobody", GOOD_PASSWORD)):
        with db() as s, pytest.raises(UserError) as caught:
            accounts.authenticate(s, username=username, password=password)
        keys.append((caught.value.key, caught.value.params))
    assert keys[0] == keys[1] == ("error.bad_credentials", {})
    with db() as s:
        assert accounts.authenticate(s, username="LIN", password=GOOD_PASSWORD).username == "lin"


def test_change_password_checks_the_current_one(db):
    with db() as s:
        uid = accounts.register(s, username="lin", password=GOOD_PASSWORD).id
    with db() as s, pytest.raises(UserError) as caught:
        accounts.change_password(s, user_id=uid, current="not it at all", new="a brand new phrase")
    assert caught.value.key == "error.current_password_wrong"
    with db() as s, pytest.raises(UserError) as caught:
        accounts.change_password(s, user_id=uid, current=GOOD_PASSWORD, new="password")
    assert caught.value.key == "error.password_common"
    with db() as s:
        accounts.change_password(s, user_id=uid, current=GOOD_PASSWORD, new="a brand new phrase")
    with db() as s:
        assert accounts.authenticate(s, username="lin", password="a brand new phrase").id == uid


def test_update_settings_validates_everything_and_keeps_old_values_on_error(db):
    with db() as s:
        uid = accounts.register(s, username="lin", password=GOOD_PASSWORD).id
    with db() as s:
        accounts.update_settings(s, user_id=uid, display_name="  小林  ", language="en",
                                 time_zone="America/New_York", day_start_hour=5)
    for bad in ({"language": "fr"}, {"time_zone": "Nowhere/Land"}, {"day_start_hour": 13},
                {"day_start_hour": -1}, {"display_name": "x" * 41}):
        with db() as s, pytest.raises(UserError):
            accounts.update_settings(s, user_id=uid, **{"display_name": "changed", **bad})
    with db() as s:
        profile = accounts.get_profile(s, uid)
    assert (profile.display_name, profile.language, profile.time_zone, profile.day_start_hour) == (
        "小林", "en", "America/New_York", 5)


def test_language_from_accept_language():
    assert accounts.language_from_accept("en-US,en;q=0.9,zh-CN;q=0.8") == "en"
    assert accounts.language_from_accept("zh-CN,zh;q=0.9,en;q=0.8") == "zh-CN"
    assert accounts.language_from_accept("") == "zh-CN"
    assert accounts.language_from_accept("fr-FR,en;q=0.5") == "zh-CN"


def test_set_role(db):
    with db() as s:
        accounts.register(s, username="mod", password=GOOD_PASSWORD)
    with db() as s:
        assert accounts.set_role(s, username="MOD", role="moderator").role == "moderator"
    with db() as s, pytest.raises(UserError):
        accounts.set_role(s, username="mod", role="admin")
