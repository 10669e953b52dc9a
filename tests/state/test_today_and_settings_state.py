
from resilience_app.services import accounts
from resilience_app.state.auth import AuthState
from resilience_app.state.settings import SettingsState
from resilience_app.state.today import TodayState
from tests.state.conftest import make_root, run, substate


def test_today_greets_in_the_users_own_time(db, signed_in, frozen_clock):
    profile, token = signed_in
    with db() as s:
        accounts.update_settings(s, user_id=profile.id, time_zone="America/New_York", display_name="Lin")
    # 12:00 UTC is 07:00 in New York: morning there.
    root = make_root(token=token, query={"welcome": "1"})
    today = substate(root, TodayState)
    run(today.load())
    assert today.greeting_key == "today.greeting.morning"
    assert today.date_text == "Friday, 20 November"
    assert today.welcome is True
    auth = substate(root, AuthState)
    run(auth.load_private())
    assert auth.shown_name == "Lin"


def test_today_loads_nothing_without_a_session(db, frozen_clock):
    today = substate(make_root(), TodayState)
    run(today.load())
    assert today.date_text == ""


def test_settings_save_persists_and_updates_the_language(db, signed_in):
    profile, token = signed_in
    root = make_root(token=token, path="/me")
    settings = substate(root, SettingsState)
    run(settings.load())
    assert settings.loaded and settings.time_zone == "Asia/Shanghai"
    assert any(o["value"] == "Asia/Shanghai" for o in settings.zone_options)
    run(settings.save({"display_name": "小林", "language": "zh-CN",
                               "time_zone": "Europe/London", "day_start_hour": "5"}))
    assert settings.saved and settings.error_text == ""
    assert substate(root, AuthState).lang == "zh-CN"
    with db() as s:
        saved = accounts.get_profile(s, profile.id)
    assert (saved.display_name, saved.time_zone, saved.day_start_hour) == ("小林", "Europe/London", 5)


def test_settings_bad_input_gets_a_message_and_changes_nothing(db, signed_in):
    profile, token = signed_in
    root = make_root(token=token, path="/me")
    run(substate(root, AuthState).load_private())  # the page's on_load runs this first
    settings = substate(root, SettingsState)
    run(settings.load())
    run(settings.save({"display_name": "x" * 41, "language": "en",
                               "time_zone": "Asia/Shanghai", "day_start_hour": "4"}))
    assert settings.error_text == "Display names are at most 40 characters."
    run(settings.save({"display_name": "Lin", "language": "en",
                               "time_zone": "Asia/Shanghai", "day_start_hour": "23"}))
    assert "12:00" in settings.error_text and not settings.saved
    with db() as s:
        assert accounts.get_profile(s, profile.id).display_name == ""


def test_settings_save_refuses_without_a_session(db, signed_in):
    profile, _ = signed_in
    settings = substate(make_root(token="stolen-page-but-no-cookie", path="/me"), SettingsState)
    run(settings.save({"display_name": "hacked", "language": "en",
                               "time_zone": "UTC", "day_start_hour": "4"}))
    assert settings.error_text == "登录已过期，请重新登录。"
    with db() as s:
        assert accounts.get_profile(s, profile.id).display_name == ""


def test_password_error_from_the_url_is_shown_in_the_users_language(db, signed_in):
    _, token = signed_in
    settings = substate(make_root(token=token, path="/me", query={"pw_error": "error.password_too_short"}), SettingsState)
    run(settings.load())
    assert settings.password_error == "Passwords need at least 8 characters."
