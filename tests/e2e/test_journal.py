"""Wins from Today on a phone, and a draft that survives a reload."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import register


def test_add_a_win_from_today_and_a_draft_survives_a_reload(phone):
    page = phone("zh-CN")
    register(page, "winner")
    page.fill("#win-text", "一个客户专门回来说谢谢")
    page.wait_for_timeout(300)
    page.reload()  # mid-draft
    expect(page.locator("#win-text")).to_have_value("一个客户专门回来说谢谢")
    page.click("#win-add")
    expect(page.get_by_text("记下了。这些都是真实发生的好事。")).to_be_visible()
    expect(page.locator("#win-text")).to_have_value("")
    expect(page.locator("#wins-count")).to_have_text("今天已记下 1 件")
    page.reload()
    expect(page.locator("#wins-card")).to_be_visible()
    expect(page.locator("#win-text")).to_have_value("")  # saved drafts are forgotten

    page.get_by_role("navigation").get_by_text("记录").click()
    page.click('[data-tab="wins"]')
    expect(page.locator("#wins-list")).to_contain_text("一个客户专门回来说谢谢")


def test_a_draft_survives_a_dropped_connection_and_a_closed_tab(phone, app_server):
    page = phone("en-US")
    register(page, "drafter")
    context = page.context
    app_server.stop()
    try:
        page.fill("#win-text", "Typed while the server was down")
        page.close()  # the tab is closed before anything reached the server
    finally:
        app_server.start()
    page = context.new_page()
    page.goto("/")
    expect(page.locator("#win-text")).to_have_value("Typed while the server was down")
    page.click("#win-add")
    expect(page.get_by_text(re.compile("Noted. These good things"))).to_be_visible()
