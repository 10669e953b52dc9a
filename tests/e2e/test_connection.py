"""A dropped connection gets a calm banner in the user's language, not a raw error."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, register, sign_in


def test_a_lost_connection_shows_a_banner_in_the_users_language(phone, app_server):
    page = phone("en-US")
    # The page is prerendered in English: its heading is there before its scripts have run, so wait
    # for the live connection itself (stopping the server before the scripts came would test nothing).
    with page.expect_websocket() as connecting:
        page.goto("/login")
    connecting.value.wait_for_event("framereceived")
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    expect(page.locator("#connection-banner")).to_have_count(0)
    app_server.stop()
    try:
        expect(page.locator("#connection-banner")).to_have_text(re.compile("Reconnecting"), timeout=30_000)
        page.fill("#username", "typed while offline")
    finally:
        app_server.start()
    expect(page.locator("#connection-banner")).to_have_count(0, timeout=30_000)
    # What was typed during the outage is still there.
    expect(page.locator("#username")).to_have_value("typed while offline")


def test_a_handler_that_fails_on_the_server_says_so_in_the_users_language_without_eval(phone, app_server):
    """Reflex's own notice is an English alert raised through eval, which the CSP blocks: the user
    saw nothing. A frame is altered on its way so the language switch's handler fails (an
    argument it does not take); the phone fixture fails the test on any CSP violation."""
    page = phone("zh-CN")

    def altered(ws):
        server = ws.connect_to_server()

        def to_server(message):
            if isinstance(message, str) and "switch_language" in message:
                message = message.replace('"language":"en"', '"no_such_argument":"en"')
            server.send(message)

        ws.on_message(to_server)

    page.route_web_socket(re.compile(r"/_event"), altered)
    page.goto("/login")
    expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()
    page.get_by_role("button", name="English").click()
    notice = page.locator("#server-trouble")
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text("我们这边出了点问题")
    page.click("#server-trouble-dismiss")
    expect(notice).to_have_count(0)
    log = app_server.log_path.read_text(encoding="utf-8", errors="replace")
    assert "an event handler failed" in log and "no_such_argument" in log


def test_after_a_restart_the_server_and_the_command_line_share_one_database(phone, app_server, cli):
    """A restart makes every open tab reconnect and send its events at once. That burst once built
    two engines in the server, which let the command line's last connection delete the -wal under
    it (tests/unit/test_db_engine.py): users added on the command line could not sign in, and what
    the browser wrote was missing from the database."""
    tabs = [phone("zh-CN") for _ in range(3)]
    for number, tab in enumerate(tabs):
        register(tab, f"restartburst{number}")
    app_server.stop()
    app_server.start()
    for tab in tabs:  # all at once: each reconnects and loads Today
        tab.evaluate("location.reload()")
    for tab in tabs:
        expect(tab.locator("#greeting")).to_be_visible(timeout=30_000)
    tabs[0].fill("#win-text", "重启以后记下的一件小事")
    tabs[0].click("#win-add")
    expect(tabs[0].locator("#wins-count")).to_contain_text("1")

    assert cli("user", "add", "afterrestart", "--password-stdin", "--accept-notice",
               stdin=PASSWORD + "\n").returncode == 0
    sign_in(phone("zh-CN"), "afterrestart")  # the server sees what the command line wrote
    exported = cli("export", "restartburst0")
    assert exported.returncode == 0, exported.stderr
    assert "重启以后记下的一件小事" in exported.stdout  # and the command line what the server wrote
