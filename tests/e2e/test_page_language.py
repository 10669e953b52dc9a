"""A page arrives in the reader's language, before any script runs (web/page_language.py).

The build used to prerender pages in Chinese only: an English reader saw Chinese until the scripts had
run and the server had answered, then every text changed at once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, register

CJK = re.compile(r"[\u3400-\u9fff]")


def _visible_chinese(page) -> list[str]:
    """Chinese text a reader would see, apart from the 中文 button of the language switch."""
    texts = page.locator("body").inner_text().split("\n")
    return [text for text in texts if CJK.search(text) and text.strip() != "中文"]


def _record_headings(page, selector: str) -> None:
    """Every text the heading shows (window.__headings), from before the scripts run to after the server answered."""
    page.add_init_script("""
      window.__headings = [];
      new MutationObserver(() => {
        const heading = document.querySelector(%r);
        if (heading && window.__headings.at(-1) !== heading.textContent) window.__headings.push(heading.textContent);
      }).observe(document, {subtree: true, childList: true, characterData: true});
    """ % selector)


def test_an_english_reader_gets_the_page_in_english_before_any_script_runs(phone):
    page = phone("en-US", java_script_enabled=False)
    response = page.goto("/login")
    assert response.headers["content-language"] == "en"
    expect(page.locator("h2")).to_have_text("Welcome back")
    assert page.locator("html").get_attribute("lang") == "en"
    assert _visible_chinese(page) == []

    chinese = phone("zh-CN", java_script_enabled=False)
    assert chinese.goto("/login").headers["content-language"] == "zh-CN"
    expect(chinese.locator("h2")).to_have_text("欢迎回来")


def test_the_english_page_comes_alive_without_a_mismatch_or_a_switch_of_language(phone):
    page = phone("en-US")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    _record_headings(page, "h2")
    page.goto("/login")
    english = page.get_by_role("button", name="English")
    expect(english).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="中文").click()  # the page is live: the switch answers
    expect(page.locator("h2")).to_have_text("欢迎回来")
    assert page.evaluate("window.__headings") == ["Welcome back", "欢迎回来"]
    assert errors == []


def test_a_language_chosen_on_the_page_is_the_one_the_next_page_comes_in(phone):
    page = phone("zh-CN")
    page.goto("/login")
    expect(page.locator("h2")).to_have_text("欢迎回来")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h2")).to_have_text("Welcome back")

    # The browser's preference says Chinese; the choice (a cookie) wins on the server.
    served = page.request.get("/login")
    assert served.headers["content-language"] == "en"
    assert "Welcome back" in served.text()
    assert '<html lang="en"' in served.text()


def test_an_accounts_language_comes_with_it_to_another_phone(phone):
    """Signing in, even before the page's scripts run, sets the account's language for the next page."""
    page = phone("en-US")
    register(page, "langtraveller")
    expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()

    other = phone("zh-CN", java_script_enabled=False)
    other.goto("/login")
    expect(other.locator("h2")).to_have_text("欢迎回来")
    other.fill("#username", "langtraveller")
    other.fill("#password", PASSWORD)
    other.click("#login-submit")  # a plain form post to /auth/login, then Today
    other.wait_for_url(re.compile(r"/$"))
    # Scripts are off: this is the prerendered Today, its skeleton and tab bar, in the account's language.
    expect(other.get_by_role("navigation").get_by_text("Journal")).to_be_visible()
    assert _visible_chinese(other) == []


def test_the_copies_are_not_pages_of_their_own(phone):
    page = phone("en-US")
    assert page.request.get("/__en/login/").status == 404
    assert page.request.get("/__en/").status == 404


def test_an_address_with_no_page_says_so_in_the_readers_language_with_a_way_back(phone):
    """Reflex's own answer was a bare English "404: Page not found" with no way out, for everyone."""
    page = phone("en-US")
    _record_headings(page, "h1")
    response = page.goto("/no-such-page")
    assert response.status == 404
    assert response.headers["content-language"] == "en"
    expect(page.locator("h1")).to_have_text("This page isn't here")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")  # live
    assert page.evaluate("window.__headings") == ["This page isn't here"]  # never Chinese first
    assert _visible_chinese(page) == []
    page.get_by_role("link", name="Back to Today").click()
    page.wait_for_url(re.compile(r"/login"))  # signed out: Today asks to sign in first

    chinese = phone("zh-CN")
    assert chinese.goto("/forum/nowhere").status == 404
    expect(chinese.locator("h1")).to_have_text("这一页不在这里")
    expect(chinese.get_by_role("link", name="回到今天")).to_be_visible()
    assert chinese.get_by_text("Page not found").count() == 0
