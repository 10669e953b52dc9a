from resilience_app import routes
from resilience_app.core import i18n
from resilience_app.services import sessions
from resilience_app.state.auth import AuthState
from tests.state.conftest import make_root, run, redirect_target, substate


def test_private_page_without_a_session_redirects_to_login(db):
    auth = substate(make_root(path="/me"), AuthState)
    assert redirect_target(run(auth.load_private())) == "/login?next=/me"
    assert auth.signed_in is False


def test_private_page_with_a_valid_cookie_loads_the_profile(signed_in):
    profile, token = signed_in
    auth = substate(make_root(token=token), AuthState)
    assert run(auth.load_private()) is None
    assert auth.signed_in and auth.username == "lin"
    assert auth.lang == "en"  # the account's language wins
    assert auth.stored_lang == "en"
    # Settled: the page shows it, and the next page comes prerendered in it (web/page_language.py).
    assert auth.lang_ready and auth.lang_cookie == "en"


def test_a_tab_whose_language_is_not_yet_settled_shows_the_pages_own(db):
    """Until a page's on_load settles it, the page keeps the language it was served in."""
    auth = substate(make_root(path=routes.LOGIN, accept_language="en-GB"), AuthState)
    assert not auth.lang_ready and auth.lang_cookie == ""
    run(auth.load_public())
    assert auth.lang_ready and (auth.lang, auth.stored_lang, auth.lang_cookie) == ("en", "en", "en")


def test_a_revoked_or_forged_cookie_is_not_a_session(db, signed_in):
    _, token = signed_in
    with db() as s:
        sessions.revoke(s, token)
    for cookie in (token, "forged-token-value"):
        auth = substate(make_root(token=cookie), AuthState)
        assert redirect_target(run(auth.load_private())) == "/login?next=/"
        assert auth.signed_in is False and auth.username == ""


def test_first_visit_follows_an_english_browser(db):
    auth = substate(make_root(path=routes.LOGIN, accept_language="en-GB,en;q=0.9"), AuthState)
    run(auth.load_public())
    assert auth.lang == "en" and auth.stored_lang == "en"
    assert i18n.translate(auth.lang, "login.submit") == "Sign in"


def test_first_visit_defaults_to_chinese(db):
    auth = substate(make_root(path=routes.LOGIN, accept_language="fr-FR,de;q=0.5"), AuthState)
    run(auth.load_public())
    assert auth.lang == "zh-CN"
    assert i18n.translate(auth.lang, "login.submit") == "登录"


def test_a_stored_choice_beats_the_browser(db):
    auth = substate(make_root(path=routes.LOGIN, accept_language="en-US"), AuthState)
    auth.stored_lang = "zh-CN"
    run(auth.load_public())
    assert auth.lang == "zh-CN"


def test_login_page_shows_only_known_messages_from_the_url(db):
    auth = substate(make_root(path=routes.LOGIN, query={"error": "error.throttled", "wait": "3", "u": "lin"}), AuthState)
    run(auth.load_public())
    assert auth.message_is_error
    assert "3" in auth.message_text
    assert auth.prefill_username == "lin"
    forged = substate(make_root(path=routes.LOGIN, query={"error": "<img src=x onerror=alert(1)>"}), AuthState)
    run(forged.load_public())
    assert forged.message_text == ""


def test_signed_in_user_is_sent_from_login_to_today(signed_in):
    _, token = signed_in
    auth = substate(make_root(token=token, path=routes.LOGIN), AuthState)
    assert redirect_target(run(auth.load_public())) == routes.TODAY
    assert auth.signed_in
    # The about page stays readable when signed in.
    about = substate(make_root(token=token, path=routes.ABOUT), AuthState)
    assert redirect_target(run(about.load_public())) is None


def test_switching_language_is_saved_to_the_account(db, signed_in):
    profile, token = signed_in
    auth = substate(make_root(token=token), AuthState)
    run(auth.switch_language("zh-CN"))
    assert auth.lang == "zh-CN" and i18n.translate(auth.lang, "nav.today") == "今天"
    from resilience_app.services import accounts
    with db() as s:
        assert accounts.get_profile(s, profile.id).language == "zh-CN"


def test_switching_language_signed_out_touches_no_account(db):
    auth = substate(make_root(path=routes.LOGIN), AuthState)
    run(auth.switch_language("en"))
    assert auth.lang == "en" and auth.stored_lang == "en" and auth.lang_cookie == "en"
    run(auth.switch_language("klingon"))
    assert auth.lang == "zh-CN" and auth.lang_cookie == "zh-CN"


def test_a_new_user_on_the_same_tab_sees_nothing_of_the_last_one(db, signed_in):
    from resilience_app.state.settings import SettingsState
    _, token = signed_in
    root = make_root(token=token, path="/me")
    run(substate(root, AuthState).load_private())
    settings = substate(root, SettingsState)
    run(settings.load())
    assert settings.loaded and settings.zone_options
    # Signed out, the same tab (same Reflex state) opens the login page:
    root.router = make_root(path=routes.LOGIN).router
    run(substate(root, AuthState).load_public())
    assert settings.loaded is False and settings.zone_options == [] and settings.time_zone == ""
