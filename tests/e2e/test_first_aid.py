"""Emotion first aid on a phone: timed by CSS alone, so it runs on, and stops, without a server."""

import re
import time

from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import PHONE, register

# One second of an exercise lasts this long here: the breathing space's minutes take 2.4 s each.
FAST_UNIT = "0.04s"


def _open_first_aid(page, unit: str | None = FAST_UNIT) -> None:
    page.goto("/first-aid")
    expect(page.locator('#first-aid-list [data-fa-start="breathing_space"]')).to_be_visible()
    if unit:
        # Set before the player mounts: its animations read the unit when they start.
        page.evaluate(f"document.documentElement.style.setProperty('--fa-unit', '{unit}')")


def _last_use(app_env, username: str, ended, seconds: float = 30):
    """The user's newest recorded use once `ended(row)` holds (the end travels over the websocket)."""
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    deadline = time.monotonic() + seconds
    try:
        while True:
            with engine.connect() as connection:
                row = connection.execute(
                    text("select f.exercise, f.seconds, f.completed from first_aid_uses f "
                         "join users u on u.id = f.user_id where u.username_key = :name order by f.id desc"),
                    {"name": username},
                ).first()
            if (row is not None and ended(row)) or time.monotonic() > deadline:
                return row
            time.sleep(0.25)
    finally:
        engine.dispose()


def _expect_phases_in_order(player) -> None:
    notice, breathe, widen = (player.locator(f'[data-fa-phase="{name}"]') for name in ("notice", "breathe", "widen"))
    expect(notice).to_be_visible()
    expect(notice).to_have_text(re.compile("觉察"))
    expect(breathe).to_be_hidden()
    expect(breathe).to_be_visible(timeout=30_000)
    expect(breathe).to_have_text(re.compile("集中呼吸"))
    expect(notice).to_be_hidden()
    expect(widen).to_be_visible(timeout=30_000)
    expect(widen).to_have_text(re.compile("扩展"))
    expect(breathe).to_be_hidden()


def test_the_breathing_space_runs_notice_breathe_widen_then_done(phone, app_env):
    page = phone("zh-CN")
    register(page, "fa_space")
    _open_first_aid(page)
    page.click('#first-aid-list [data-fa-start="breathing_space"]')

    player = page.locator("#first-aid-overlay")
    expect(player).to_be_visible()
    expect(player).to_have_attribute("data-exercise", "breathing_space")
    # Full screen, above the tab bar.
    assert player.bounding_box() == {"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"]}
    assert page.evaluate(
        "document.getElementById('first-aid-overlay').contains(document.elementFromPoint(195, 830))"
    )
    _expect_phases_in_order(player)

    done = page.locator("#fa-done")
    expect(done).to_be_visible()
    expect(done).to_contain_text("做完了")
    page.click("#fa-done-button")
    expect(player).to_be_hidden()
    expect(page.locator("#first-aid-overlay")).to_have_count(0)  # the server closed it too

    row = _last_use(app_env, "fa_space", lambda r: r.completed)
    assert row is not None and row.exercise == "breathing_space" and row.completed
    assert 0 < row.seconds <= 180


def test_stop_closes_the_player_at_once(phone, app_env):
    page = phone("zh-CN")
    register(page, "fa_stop")
    _open_first_aid(page, unit=None)  # real time: 4-7-8 starts with 4 s to get ready
    page.click('#first-aid-list [data-fa-start="breath_478"]')

    player = page.locator("#first-aid-overlay")
    expect(player.get_by_text("坐好，先把气慢慢呼尽。")).to_be_visible()
    expect(player.locator('[data-fa-step="1"]')).to_contain_text("吸气", timeout=10_000)
    expect(player.locator('[data-fa-step="1"]')).to_be_visible(timeout=10_000)
    stop = page.locator("#fa-stop")
    expect(stop).to_have_text(re.compile("停止"))
    box = stop.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44

    stop.click()
    expect(player).to_be_hidden()
    expect(page.locator("#first-aid-overlay")).to_have_count(0)
    expect(page.locator('#first-aid-list [data-fa-start="breath_478"]')).to_be_visible()

    row = _last_use(app_env, "fa_stop", lambda r: r.seconds > 0)
    assert row is not None and row.exercise == "breath_478" and not row.completed
    assert 4 <= row.seconds < 80


def test_a_dropped_connection_neither_stops_the_exercise_nor_loses_done(phone, app_server, app_env):
    page = phone("zh-CN")
    register(page, "fa_offline")
    # Slow enough to outlast stopping the server (each minute takes 9 s here).
    _open_first_aid(page, unit="0.15s")
    page.click('#first-aid-list [data-fa-start="breathing_space"]')
    player = page.locator("#first-aid-overlay")
    expect(player.locator('[data-fa-phase="notice"]')).to_be_visible()

    app_server.stop()
    try:
        expect(player.locator('[data-fa-phase="widen"]')).to_be_visible(timeout=40_000)
        expect(page.locator("#fa-done")).to_be_visible(timeout=40_000)
        page.click("#fa-done-button")
        expect(player).to_be_hidden()  # at once, with no server to ask
    finally:
        app_server.start()

    # The queued Done reaches the restarted server and is recorded.
    row = _last_use(app_env, "fa_offline", lambda r: r.completed, seconds=60)
    assert row is not None and row.exercise == "breathing_space" and row.completed
    expect(page.locator("#first-aid-overlay")).to_have_count(0, timeout=30_000)
