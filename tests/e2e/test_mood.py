"""Mood check-in on a phone: two taps from Today, history by local day, first aid offered."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import register


def test_two_taps_log_a_mood_that_appears_in_history_under_today(phone):
    page = phone("zh-CN")
    register(page, "moodtaps")
    page.click('[data-quadrant="low_unpleasant"]')   # tap 1: the quadrant
    page.click('[data-emotion="wronged"]')           # tap 2: the word saves
    expect(page.locator("#mood-saved")).to_have_text("已记下：委屈")
    expect(page.locator("#mood-undo")).to_be_visible()

    page.click("#mood-add-details")
    page.locator('#mood-details button:text-is("4")').click()
    page.get_by_role("button", name="仅退款").click()
    page.fill("#mood-reframe", "我感到委屈，因为客户误会了规则，但这不是我的错")
    page.click("#mood-details-save")
    expect(page.get_by_text("已保存。说出来，就已经在变好了。")).to_be_visible()

    page.get_by_role("navigation").get_by_text("记录").click()
    day = page.locator("#history section").first
    expect(day.locator("h2")).to_have_text("今天")
    expect(day).to_contain_text("委屈")
    expect(day).to_contain_text("强度 4/5")
    expect(day).to_contain_text("仅退款")
    expect(day).to_contain_text("但这不是我的错")


def test_undo_removes_the_check_in(phone):
    page = phone("en-US")
    register(page, "moodundo")
    page.click('[data-quadrant="high_pleasant"]')
    page.click('[data-emotion="happy"]')
    expect(page.locator("#mood-saved")).to_contain_text("Happy")
    page.click("#mood-undo")
    expect(page.locator("#quadrants")).to_be_visible()
    page.get_by_role("navigation").get_by_text("Journal").click()
    expect(page.get_by_text(re.compile("Nothing yet"))).to_be_visible()


def test_an_unpleasant_label_offers_first_aid_and_the_breathing_space_runs_its_three_phases(phone):
    page = phone("zh-CN")
    register(page, "moodaid")
    page.click('[data-quadrant="high_pleasant"]')
    page.click('[data-emotion="proud"]')
    expect(page.locator("#mood-saved")).to_be_visible()
    expect(page.locator("#first-aid-offer")).to_have_count(0)  # nothing to soothe
    page.click("#mood-done")

    # A low-energy feeling is offered the breathing space (a high-energy one, 4-7-8: test_phone_polish.py).
    page.click('[data-quadrant="low_unpleasant"]')
    page.click('[data-emotion="exhausted"]')
    offer = page.locator("#first-aid-offer")
    expect(offer).to_be_visible()
    # A test-only speed-up: every duration is a multiple of --fa-unit.
    page.evaluate("document.documentElement.style.setProperty('--fa-unit', '0.03s')")
    offer.locator('[data-fa-start="breathing_space"]').click()
    player = page.locator("#first-aid-overlay")
    expect(player).to_be_visible()
    for phase in ("notice", "breathe", "widen"):
        expect(player.locator(f'[data-fa-phase="{phase}"]')).to_be_visible(timeout=15_000)
    expect(player.locator("#fa-done")).to_be_visible(timeout=15_000)
    page.click("#fa-done-button")
    expect(player).to_be_hidden()
