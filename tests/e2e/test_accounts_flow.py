"""Register, sign out, sign in, switch language, see Today: as a user does it on a phone."""

import re

from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import BASE_URL, PASSWORD, register

def test_register_logout_login_and_switch_to_english(phone, app_env):
    page = phone("zh-CN")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()

    register(page, "xiaolin")
    expect(page.get_by_text("欢迎来到心韧")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_text("今天")).to_be_visible()

    # The session cookie is HttpOnly: page JavaScript cannot read it.
    assert "resilience_session" not in page.evaluate("document.cookie")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["resilience_session"]["httpOnly"] is True

    page.get_by_role("navigation").get_by_text("我的").click()
    page.click("#logout")
    expect(page.get_by_text("你已安全退出")).to_be_visible()

    page.fill("#username", "xiaolin")
    page.fill("#password", "not my password")
    page.click("#login-submit")
    expect(page.get_by_role("alert")).to_have_text(re.compile("用户名或密码不对"))

    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#greeting")).to_be_visible()

    page.get_by_role("navigation").get_by_text("我的").click()
    page.select_option("#language", "en")
    page.click("#settings-save")
    expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()
    page.get_by_role("navigation").get_by_text("Today").click()
    expect(page.locator("#greeting")).to_have_text(re.compile(r"^(Good|It's late)"))
    expect(page.get_by_text("A thought for today")).to_be_visible()

    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    with engine.connect() as connection:
        stored = connection.execute(
            text("select password_hash, language from users where username_key='xiaolin'")
        ).one()
    engine.dispose()
    assert stored.password_hash.startswith("$argon2id$")
    assert stored.language == "en"


def test_an_english_browser_gets_english_on_first_visit(phone):
    page = phone("en-US")
    page.goto("/login")
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()


def test_a_user_made_on_the_command_line_can_sign_in(phone, cli):
    made = cli("user", "add", "opsmade", "--password-stdin", "--accept-notice", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    page = phone("zh-CN")
    page.goto("/me")
    expect(page).to_have_url(re.compile(r"/login"))
    page.fill("#username", "opsmade")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    # `next` brings the user back where they were going.
    expect(page).to_have_url(re.compile(rf"^{BASE_URL}/me/?$"))
    expect(page.get_by_text("@opsmade")).to_be_visible()


def test_registration_mistakes_get_clear_answers(phone):
    page = phone("zh-CN")
    page.goto("/register")
    page.fill("#username", "newbie")
    page.fill("#password", "12345678")
    page.check("#consent_sensitive")
    page.click("#register-submit")
    expect(page.get_by_role("alert")).to_have_text(re.compile("太常见"))
    expect(page.locator("#username")).to_have_value("newbie")


def test_the_time_zone_comes_from_the_phone(phone, app_env):
    page = phone("en-US", timezone_id="America/New_York")
    register(page, "nyagent")
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    with engine.connect() as connection:
        zone = connection.execute(text("select time_zone from users where username_key='nyagent'")).scalar()
    engine.dispose()
    assert zone == "America/New_York"
    page.get_by_role("navigation").get_by_text("Me").click()
    expect(page.locator("#time_zone")).to_have_value("America/New_York")


def test_signing_up_before_the_live_connection_answers_keeps_the_browsers_language_and_zone(phone, app_env):
    page = phone("en-US", timezone_id="America/Chicago")
    page.route_web_socket(re.compile(r"/_event"), lambda ws: None)  # the socket never answers
    page.goto("/register")
    page.fill("#username", "fastsigner")
    page.fill("#password", PASSWORD)
    page.check("#consent_sensitive")
    page.click("#register-submit")
    page.wait_for_url(re.compile(r"welcome=1"))
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    with engine.connect() as connection:
        row = connection.execute(
            text("select language, time_zone from users where username_key='fastsigner'")).one()
    engine.dispose()
    assert (row.language, row.time_zone) == ("en", "America/Chicago")
