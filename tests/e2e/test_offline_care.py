"""Care for words written offline (issues 12 and 15), with the REAL server stopped and started again: an
emotion-box slip with crisis words, written on Today while the server is down, brings the private care
card with the help lines once it syncs; an idiom does not. On the offline screen, a sync that answers
with care shows the same card there, and "not now" holds for the rest of the day."""

from __future__ import annotations

from playwright.sync_api import expect

from resilience_app.services import safety
from tests.e2e.conftest import register, wait_until
from tests.e2e.test_offline import journal_and_box, ready_for_offline, shot

ACUTE = "我已经把攒的安眠药都吃了"
CONCERN_EN = "I don't want to wake up tomorrow, there's no point anymore"
IDIOM = "累死了，笑死，这个客户要把我逼疯了"
LINES = safety.hotlines()


def _slip_offline(page, words: str) -> None:
    """Write a slip in the capture dialog Today opens while the live connection is down."""
    page.click("#box-card")
    dialog = page.locator("#offline-capture")
    expect(dialog).to_be_visible()
    dialog.locator("#oc-box-text").fill(words)
    dialog.locator("#oc-box-save").click()
    expect(dialog.locator("#oc-pending li")).to_have_count(1)
    page.keyboard.press("Escape")


def test_a_crisis_slip_written_while_the_server_was_down_brings_the_card_after_sync(phone, app_server, app_env):
    page = phone("zh-CN")
    register(page, "offline_care")
    ready_for_offline(page)

    # An idiom, written while the phone is offline: it syncs, and no card comes.
    page.context.set_offline(True)
    _slip_offline(page, IDIOM)
    page.context.set_offline(False)
    expect(page.locator("#offline-pending")).to_be_empty(timeout=20_000)
    assert journal_and_box(app_env, "offline_care") == [("box", IDIOM)]
    page.wait_for_timeout(1000)
    expect(page.locator("#care-card")).to_have_count(0)

    # Crisis words, written with the server stopped.
    app_server.stop()
    try:
        expect(page.locator("#live-connection")).to_have_attribute("data-live", "down", timeout=30_000)
        _slip_offline(page, ACUTE)
        expect(page.locator("#care-card")).to_have_count(0)
    finally:
        app_server.start()

    card = page.locator("#care-card")
    expect(card).to_be_visible(timeout=40_000)
    expect(card).to_have_attribute("data-severity", "acute")
    # Brought into view: nothing the person tapped on this page shows it.
    wait_until(page, "document.querySelector('#care-card').getBoundingClientRect().top < 200")
    expect(card).to_contain_text("只有你看得到")
    expect(card.locator("[data-help-lines=urgent] a[href^='tel:']")).to_have_count(len(LINES))
    assert card.locator("a[href^='tel:']").first.get_attribute("href") == \
        "tel:" + LINES[0]["number"].replace("-", "")
    shot(page, "today-care-after-sync")
    assert sorted(journal_and_box(app_env, "offline_care")) == sorted([("box", IDIOM), ("box", ACUTE)])
    # The phone keeps no words and no flag.
    storage = page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert "安眠药" not in storage and "offline_care" not in storage


def test_on_the_offline_screen_a_sync_with_care_shows_the_card_and_not_now_holds(phone, app_env):
    page = phone("en-US")
    register(page, "offline_care_en")
    ready_for_offline(page)
    # The offline screen, with the probe held back so that its own sync answers first.
    page.route("**/healthz", lambda route: route.abort())
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text("Pause here for a breath")
    page.fill("#oc-box-text", CONCERN_EN)
    page.click("#oc-box-save")
    page.context.set_offline(False)
    page.evaluate("ResilienceOffline.sync()")

    card = page.locator("#care-card")
    expect(card).to_be_visible(timeout=20_000)
    expect(card).to_have_attribute("data-severity", "concern")
    expect(card).to_contain_text("You don't have to carry it alone")
    expect(card).to_contain_text("Only you can see this card")
    expect(card.locator("a[href^='tel:']")).to_have_count(len(LINES))
    expect(card).to_contain_text(LINES[0]["name"]["en"])
    shot(page, "offline-screen-care-en")
    assert journal_and_box(app_env, "offline_care_en") == [("box", CONCERN_EN)]

    # The server answers again: the card is not snatched away by the return to the app.
    page.unroute("**/healthz")
    page.wait_for_timeout(2500)
    expect(card).to_be_visible()
    page.click("#care-not-now")
    expect(page.locator("#greeting")).to_be_visible(timeout=40_000)  # back to the app once put away
    expect(page.locator("#care-card")).to_have_count(0)

    # "Not now" holds in the app for the rest of the day: a heavy slip saved there brings no card.
    page.goto("/box")
    page.fill("#box-slip", CONCERN_EN)
    page.click("#box-add")
    expect(page.locator("#box-open")).to_contain_text(CONCERN_EN)
    page.wait_for_timeout(500)
    expect(page.locator("#care-card")).to_have_count(0)
