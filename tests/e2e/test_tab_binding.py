"""A Reflex tab token replayed on another person's connection carries none of its state."""

import json

from playwright.sync_api import expect

from resilience_app.core import i18n
from tests.e2e.conftest import register

SECRET_WIN = "天台的风很大 TAB-SECRET-7f3"


def test_a_closed_tabs_token_replayed_with_another_users_cookie_shows_nothing_of_it(phone, app_server):
    owner = phone("zh-CN")
    register(owner, "tabowner")
    owner.fill("#win-text", SECRET_WIN)
    owner.click("#win-add")
    expect(owner.locator("#wins-count")).to_have_text("今天已记下 1 件")
    owner.get_by_role("navigation").get_by_text("记录").click()
    owner.click('[data-tab="wins"]')
    expect(owner.locator("#wins-list")).to_contain_text(SECRET_WIN)  # the tab's state now holds it
    token = owner.evaluate("sessionStorage.getItem('token')")
    assert token
    owner.close()

    thief = phone("zh-CN")
    register(thief, "tabthief")
    frames: list[str] = []
    thief.on("websocket", lambda ws: ws.on("framereceived", lambda frame: frames.append(str(frame))))
    thief.add_init_script(f"sessionStorage.setItem('token', {json.dumps(token)})")
    thief.goto("/journal")
    thief.click('[data-tab="wins"]')
    expect(thief.get_by_text(i18n.translate("zh-CN", "journal.empty"))).to_be_visible()  # the thief's own, empty list
    thief.wait_for_timeout(800)
    assert thief.evaluate("sessionStorage.getItem('token')") == token, "the borrowed token was not used"

    seen = "\n".join(frames) + thief.content()
    assert frames, "the websocket traffic was not captured"
    for secret in (SECRET_WIN, "TAB-SECRET", "tabowner"):
        assert secret not in seen, secret

    log = app_server.log_path.read_text(encoding="utf-8", errors="replace")
    assert token not in log, "a tab token was written to the server log"
