"""Offline capture with the REAL server stopped and started again (issue 15).

A check-in made while the server is down waits on the phone, survives a reload onto the offline
screen, and arrives exactly once, with the time it was felt, when the server is back; the offline
screen goes back to the app by itself. A queue belongs to one account: signing out asks before
deleting it, and it never syncs into whoever signs in next on the same phone.
"""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import app_now, register, sign_in, wait_until

SHOTS = Path(os.environ["OFFLINE_SHOTS"]) if os.environ.get("OFFLINE_SHOTS") else None


def shot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def rows_of(app_env, sql: str, username: str) -> list[tuple]:
    """Rows of the server's database for one user (the query names the user as :name)."""
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), {"name": username})]
    finally:
        engine.dispose()


def checkins(app_env, username: str) -> list[tuple[str, datetime]]:
    rows = rows_of(app_env, "SELECT m.emotion, m.felt_at FROM mood_entries m JOIN users u ON u.id = m.user_id "
                            "WHERE u.username = :name ORDER BY m.felt_at", username)
    return [(emotion, datetime.fromisoformat(str(felt))) for emotion, felt in rows]


def journal_and_box(app_env, username: str) -> list[tuple[str, str]]:
    return rows_of(app_env, "SELECT j.kind, j.text FROM journal_entries j JOIN users u ON u.id = j.user_id "
                            "WHERE u.username = :name UNION ALL SELECT 'box', b.text FROM box_slips b "
                            "JOIN users u ON u.id = b.user_id WHERE u.username = :name", username)


def wait_for_checkins(app_env, username: str, n: int, seconds: float = 20) -> list[tuple[str, datetime]]:
    deadline = time.monotonic() + seconds
    while True:
        rows = checkins(app_env, username)
        if len(rows) >= n or time.monotonic() > deadline:
            return rows
        time.sleep(0.3)


def ready_for_offline(page) -> None:
    """The kit is on the phone and the service worker (with the offline screen) controls the page."""
    wait_until(page, "window.ResilienceOffline && ResilienceOffline.readKit() !== null")
    wait_until(page, "navigator.serviceWorker && !!navigator.serviceWorker.controller", timeout=30_000)
    page.evaluate("navigator.serviceWorker.ready.then(() => caches.match('/offline_capture.js')).then(Boolean)")
    wait_until(page, "caches.match('/offline.js').then(Boolean)")


def pending(page) -> int:
    return page.evaluate("""async () => {
        const kit = await ResilienceOffline.loadKit();
        return kit ? (await ResilienceOffline.entriesOf(kit.owner)).length : 0;
    }""")


def wait_for_empty_queue(page, seconds: float = 15) -> int:
    """What still waits on the phone, once it is nothing or the time is up."""
    deadline = time.monotonic() + seconds
    while (left := pending(page)) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return left


def all_queued(page) -> int:
    return page.evaluate("""() => new Promise((resolve) => {
        const request = indexedDB.open('resilience-offline', 1);
        request.onsuccess = () => {
            const get = request.result.transaction('entries').objectStore('entries').getAll();
            get.onsuccess = () => resolve(get.result.length);
        };
    })""")


def test_a_check_in_made_with_the_server_stopped_arrives_once_with_its_time(phone, app_server, app_env):
    page = phone("en-US")
    register(page, "offline_en")
    ready_for_offline(page)

    app_server.stop()
    try:
        expect(page.locator("#live-connection")).to_have_attribute("data-live", "down", timeout=30_000)
        felt = app_now()
        page.click('[data-quadrant="high_unpleasant"]')
        dialog = page.locator("#offline-capture")
        expect(dialog).to_be_visible()
        dialog.locator('[data-oc-emotion="anxious"]').click()
        # Immediate feedback, in the user's language: queued on the phone, and said so.
        expect(dialog.locator("#oc-saved")).to_contain_text("Anxious")
        expect(dialog.locator("#oc-saved")).to_contain_text("Saved on this phone, will sync")
        dialog.locator('.oc-level:has-text("4")').click()
        dialog.locator('[data-oc-tag="refund_only"]').click()
        shot(page, "today-saved-en")
        dialog.locator("#oc-done").click()
        expect(dialog.locator("#oc-pending")).to_contain_text("1 entry saved on this phone, will sync")
        assert pending(page) == 1

        # Reload: the service worker's offline screen, with the same words and what waits.
        page.reload()
        expect(page.locator("h1")).to_have_text("Pause here for a breath")
        expect(page.locator("#oc-quadrants [data-oc-quadrant]")).to_have_count(4)
        expect(page.locator("#oc-pending")).to_contain_text("Anxious")
        shot(page, "offline-screen-en")
        page.click('[data-oc-quadrant="low_pleasant"]')
        expect(page.locator('#oc-words [data-oc-emotion="calm"]')).to_have_text("Calm")
        page.click("#oc-checkin .oc-back")
        expect(page.locator("#oc-quadrants")).to_be_visible()
        # A thank-you line and a slip for the box, on the offline screen too.
        page.click('#oc-win [data-oc-kind="gratitude"]')
        page.fill("#oc-win-text", "A teammate covered my break")
        page.click("#oc-win-save")
        page.fill("#oc-box-text", "The customer shouted for twenty minutes")
        page.click("#oc-box-save")
        expect(page.locator("#oc-pending li")).to_have_count(3)
        assert checkins(app_env, "offline_en") == []
    finally:
        app_server.start()
    answered = time.monotonic()

    # The offline screen goes back to the app by itself, within 30 s of the server answering.
    expect(page.locator("#greeting")).to_be_visible(timeout=40_000)
    assert time.monotonic() - answered < 32
    rows = wait_for_checkins(app_env, "offline_en", 1)
    assert [emotion for emotion, _ in rows] == ["anxious"]
    stored = rows[0][1] if rows[0][1].tzinfo else rows[0][1].replace(tzinfo=UTC)  # kept in UTC
    assert abs(stored - felt) < timedelta(seconds=30), (stored, felt)
    assert journal_and_box(app_env, "offline_en") == [("gratitude", "A teammate covered my break"),
                                                        ("box", "The customer shouted for twenty minutes")]
    expect(page.locator("#offline-pending")).to_be_empty()
    # The server commits before the phone hears back (and the phone may be busy booting the app):
    # its queue empties once the answer is handled.
    assert wait_for_empty_queue(page) == 0

    # A second reload adds nothing.
    page.reload()
    expect(page.locator("#greeting")).to_be_visible()
    page.wait_for_timeout(2000)
    assert len(checkins(app_env, "offline_en")) == 1


def test_sign_out_asks_before_deleting_what_has_not_synced_and_the_next_user_gets_none(phone, app_env):
    page = phone("zh-CN")
    register(page, "offline_a")
    ready_for_offline(page)
    # A flaky network: the phone is offline for a moment, then the sync itself fails.
    page.route("**/api/sync", lambda route: route.abort())
    page.context.set_offline(True)
    page.click('[data-quadrant="low_unpleasant"]')
    page.locator('#offline-capture [data-oc-emotion]').first.click()
    expect(page.locator("#oc-saved")).to_contain_text("已存在这台手机上，会自动同步")
    shot(page, "today-saved-zh")
    page.locator("#oc-done").click()
    page.keyboard.press("Escape")
    expect(page.locator("#offline-pending")).to_contain_text("1 条存在这台手机上")
    # Reloaded without a network: the offline screen, in Chinese, with the same words and what waits.
    page.reload()
    expect(page.locator("h1")).to_have_text("先停一停，慢慢呼吸")
    expect(page.locator("#oc-pending")).to_contain_text("1 条存在这台手机上，会自动同步")
    expect(page.locator('[data-oc-quadrant="low_unpleasant"]')).to_contain_text("低落疲惫")
    shot(page, "offline-screen-zh")
    page.context.set_offline(False)
    expect(page.locator("#greeting")).to_be_visible(timeout=40_000)  # back by itself
    page.goto("/me")
    expect(page.locator("#logout")).to_be_visible()
    page.wait_for_timeout(1000)
    assert pending(page) == 1

    asked = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.click("#logout")
    page.wait_for_timeout(1000)
    assert len(asked) == 1 and "1 条内容还存在这台手机上" in asked[0]
    assert page.url.endswith("/me") and pending(page) == 1  # kept: still signed in

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.click("#logout")
    expect(page).to_have_url(re.compile(r"/login"))
    assert len(asked) == 2 and all_queued(page) == 0

    page.unroute("**/api/sync")
    register(page, "offline_b")
    page.wait_for_timeout(1500)
    assert checkins(app_env, "offline_b") == [] and checkins(app_env, "offline_a") == []


def test_a_queue_left_by_an_ended_session_never_syncs_into_the_next_account(phone, app_env):
    page = phone("zh-CN")
    register(page, "offline_c")
    ready_for_offline(page)
    page.context.set_offline(True)
    page.click('[data-quadrant="high_pleasant"]')
    page.locator('#offline-capture [data-oc-emotion="happy"]').click()
    expect(page.locator("#oc-saved")).to_contain_text("已存在这台手机上")
    page.locator("#oc-done").click()
    owner_c = page.evaluate("ResilienceOffline.readKit().owner")
    # C's session ends without signing out (expired, or revoked elsewhere); D signs in on this phone.
    page.context.clear_cookies()
    page.context.set_offline(False)
    register(page, "offline_d")
    wait_until(page, "(owner) => { const kit = ResilienceOffline.readKit(); return !!kit && kit.owner !== owner; }",
               arg=owner_c)
    page.wait_for_timeout(1500)
    assert checkins(app_env, "offline_d") == [] and checkins(app_env, "offline_c") == []
    assert all_queued(page) == 1  # still on the phone, for C

    # A page made to send C's queue under D's session is refused by the server.
    status = page.evaluate("""async (owner) => (await fetch('/api/sync', {method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-Resilience-Sync': '1'},
        body: JSON.stringify({owner, entries: [{id: 'b'.repeat(32), kind: 'checkin',
            felt_at: new Date().toISOString(), emotion: 'happy'}]})})).status""", owner_c)
    assert status == 409 and checkins(app_env, "offline_d") == []

    # C signs in again on this phone: C's entry arrives in C's account, once.
    page.context.clear_cookies()
    sign_in(page, "offline_c")
    rows = wait_for_checkins(app_env, "offline_c", 1)
    assert [emotion for emotion, _ in rows] == ["happy"] and checkins(app_env, "offline_d") == []
