"""The privacy notice and consent on a phone (issue 13): sign-up, first sign-in, withdrawing."""

import re

from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import BASE_URL, PASSWORD, register


def _accounts_named(app_env, username: str) -> int:
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    with engine.connect() as connection:
        count = connection.execute(text("select count(*) from users where username_key=:u"), {"u": username}).scalar()
    engine.dispose()
    return count


def _sign_in_to_the_consent_page(page, username: str) -> None:
    """Sign in as an account that has not agreed yet: the consent page comes first."""
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(r"/consent"))


def _agree_unticked_until_told(page) -> None:
    """Agree with the box unticked: the page must say to tick it. The redirect to /consent changes the
    address before the page's own load has run, and that load clears any message; a tap in between
    (a test is faster than a thumb) loses its answer to it, so one tap more is allowed."""
    alert = page.get_by_role("alert")
    for _ in range(2):
        page.click("#consent-agree")
        try:
            expect(alert).to_contain_text("请先勾选同意框", timeout=3_000)
            return
        except AssertionError:
            continue
    expect(alert).to_contain_text("请先勾选同意框")


def test_the_notice_is_readable_before_signing_up(phone):
    page = phone("zh-CN")
    page.goto("/login")
    page.click("#footer-privacy")
    expect(page).to_have_url(re.compile(r"/privacy/?$"))
    expect(page.get_by_role("heading", name="隐私说明", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="谁能看到什么")).to_be_visible()
    expect(page.locator("#privacy-contact")).to_contain_text("部署心韧的公司或团队")
    page.goto("/register")
    page.click("#register-privacy")
    expect(page.get_by_role("heading", name="存在哪里")).to_be_visible()


def test_sign_up_without_the_box_ticked_is_refused_and_no_account_is_made(phone, app_env):
    page = phone("zh-CN")
    page.goto("/register")
    expect(page.locator("#consent_sensitive")).not_to_be_checked()
    page.fill("#username", "notick")
    page.fill("#password", PASSWORD)
    page.click("#register-submit")
    expect(page.get_by_role("alert")).to_contain_text("请勾选同意处理敏感个人信息")
    expect(page).to_have_url(re.compile(r"/register"))
    expect(page.locator("#username")).to_have_value("notick")
    assert _accounts_named(app_env, "notick") == 0
    # Ticked, the same sign-up goes through.
    page.fill("#password", PASSWORD)
    page.check("#consent_sensitive")
    page.click("#register-submit")
    expect(page.locator("#greeting")).to_be_visible()
    assert _accounts_named(app_env, "notick") == 1


def test_an_account_made_on_the_command_line_is_asked_at_first_sign_in(phone, cli):
    made = cli("user", "add", "asklater", "--password-stdin", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    page = phone("zh-CN")
    _sign_in_to_the_consent_page(page, "asklater")
    expect(page.locator("#consent-title")).to_have_text("开始之前：你的隐私")
    expect(page.locator("#consent_sensitive")).not_to_be_checked()
    # Another page is no way round it.
    page.goto("/journal")
    expect(page).to_have_url(re.compile(r"/consent\?next=/journal"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/consent"))
    _agree_unticked_until_told(page)
    page.check("#consent_sensitive")
    page.click("#consent-agree")
    expect(page.locator("#greeting")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"^{BASE_URL}/?$"))


def test_declining_offers_export_deletion_or_signing_out(phone, cli):
    assert cli("user", "add", "saysno", "--password-stdin", "--language", "en", stdin=PASSWORD + "\n").returncode == 0
    page = phone("en-US")
    _sign_in_to_the_consent_page(page, "saysno")
    page.click("#consent-decline")
    expect(page.locator("#consent-title")).to_have_text("That's all right: it's your choice")
    expect(page.locator("#consent-export")).to_have_attribute("href", "/api/export")
    expect(page.locator("#consent-delete")).to_have_attribute("href", "/me/delete")
    page.click("#consent-logout")
    expect(page).to_have_url(re.compile(r"/login"))


def test_withdrawing_on_me_offers_export_then_deletion_and_closes_the_app(phone):
    page = phone("en-US")
    register(page, "changesmind")
    page.goto("/me")
    page.click("#me-withdraw-consent")
    expect(page.locator("#consent-title")).to_have_text("Withdraw consent?")
    page.click("#consent-withdraw")
    expect(page.locator("#consent-title")).to_have_text("Consent withdrawn")
    expect(page.get_by_text("First: export a copy of your data to keep.")).to_be_visible()
    expect(page.locator("#consent-export")).to_be_visible()
    expect(page.locator("#consent-delete")).to_be_visible()
    page.goto("/plan")
    expect(page).to_have_url(re.compile(r"/consent\?next=/plan"))
    expect(page.locator("#consent-title")).to_have_text("Before you start: your privacy")
