"""Defects found walking through the app on a 390x844 phone (issue 14): the first-aid offer that fits
the feeling, the switch-off checklist one tap from its block, Today's goal and gratitude fields in
English, the reconnecting banner clear of the content, a visible 4-7-8 circle, a bilingual error page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import register

# The WCAG 2.x contrast ratio of two computed CSS colours ("rgb(r, g, b)").
CONTRAST = """
([a, b]) => {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
"""


def _check_in(page, quadrant: str, emotion: str) -> None:
    page.click(f'[data-quadrant="{quadrant}"]')
    page.click(f'[data-emotion="{emotion}"]')
    expect(page.locator("#mood-saved")).to_be_visible()


def test_the_offer_after_an_unpleasant_feeling_fits_its_energy(phone):
    page = phone("zh-CN")
    register(page, "offerfits")
    offer = page.locator("#first-aid-offer")
    starts = offer.locator("[data-fa-start]")

    # Angry is high-energy: slow the body first (4-7-8), then loosen it.
    _check_in(page, "high_unpleasant", "angry")
    expect(starts).to_have_count(2)
    expect(starts.nth(0)).to_have_attribute("data-fa-start", "breath_478")
    expect(starts.nth(0)).to_contain_text("4-7-8")
    expect(starts.nth(1)).to_have_attribute("data-fa-start", "body_relax")
    expect(offer.locator("#first-aid-more")).to_have_attribute("href", "/first-aid")
    starts.nth(0).click()
    player = page.locator("#first-aid-overlay")
    expect(player).to_have_attribute("data-exercise", "breath_478")
    page.click("#fa-stop")
    expect(player).to_be_hidden()

    # Exhausted is low-energy: the breathing space's gentle restart, and the body release.
    page.click("#mood-done")
    _check_in(page, "low_unpleasant", "exhausted")
    expect(starts).to_have_count(2)
    expect(starts.nth(0)).to_have_attribute("data-fa-start", "breathing_space")
    expect(starts.nth(1)).to_have_attribute("data-fa-start", "body_relax")


def test_the_switch_off_checklist_is_one_tap_from_its_block(phone):
    page = phone("zh-CN")
    register(page, "switchoff")
    page.goto("/plan")
    page.fill("#interest-input", "爬山")
    page.click("#interest-add")
    expect(page.locator("[data-interest]")).to_have_count(1)
    page.fill("#block-start", "19:00")
    page.click("#block-add")
    block = page.locator("[data-block]")
    expect(block).to_have_count(1)

    toggle = block.locator("[data-action=switch-off]")
    expect(toggle).to_be_visible()
    expect(toggle).to_contain_text("关掉这些")
    expect(toggle).to_contain_text("0/4")
    box = toggle.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 200  # a button across the block, not a text link
    items = block.locator("[data-item]")
    expect(items.first).to_be_hidden()

    toggle.click()  # the one tap
    expect(items).to_have_count(4)
    expect(items.first).to_be_visible()
    items.first.get_by_role("checkbox").click()
    expect(items.first).to_have_attribute("data-off", "1")
    expect(toggle).to_contain_text("1/4")
    expect(items.nth(1)).to_be_visible()  # still open after the list was refreshed


def test_today_in_english_shows_the_whole_goal_example_and_asks_a_gratitude_question(phone):
    page = phone("en-US")
    register(page, "todayenglish")
    goal = page.locator("#goal-input")
    expect(goal).to_be_visible()
    room = page.evaluate("""() => {
      const input = document.getElementById('goal-input'), style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      context.font = style.font;
      const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return inner - context.measureText(input.placeholder).width;
    }""")
    assert room >= 0, f"the goal example is cut by {-room:.0f} px"

    question = page.locator("#win-question")
    expect(question).not_to_have_text("Who or what are you thankful for today?")
    page.locator("#wins-card").get_by_role("button", name="Gratitude").click()
    expect(question).to_have_text("Who or what are you thankful for today?")
    page.locator("#wins-card").get_by_role("button", name="A small win").click()
    expect(question).to_have_text(re.compile(r"\?$"))
    expect(question).not_to_have_text("Who or what are you thankful for today?")


def test_the_reconnecting_banner_sits_above_the_tab_bar_and_covers_nothing_at_the_top(phone, app_server, tmp_path):
    page = phone("zh-CN")
    register(page, "reconnecting")
    date_row = page.locator("main header p").first
    expect(date_row).to_be_visible()
    app_server.stop()
    try:
        banner = page.locator("#connection-banner")
        expect(banner).to_be_visible(timeout=30_000)
        page.wait_for_timeout(300)
        page.screenshot(path=tmp_path / "reconnecting.png")
        shown, row, tabs = banner.bounding_box(), date_row.bounding_box(), page.get_by_role("navigation").bounding_box()
        assert shown["y"] + shown["height"] <= tabs["y"], "the banner hides the tab bar"
        assert shown["y"] >= row["y"] + row["height"], "the banner covers the date row"
        # The page grew so its end can scroll clear of the banner.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        content_end = page.evaluate("""() => Math.max(...[...document.querySelectorAll('main > *')]
          .filter((el) => el.checkVisibility()).map((el) => el.getBoundingClientRect().bottom))""")
        assert content_end <= banner.bounding_box()["y"] + 1, "the end of the page stays under the banner"
    finally:
        app_server.start()
    expect(page.locator("#connection-banner")).to_have_count(0, timeout=30_000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_4_7_8_circle_is_clearly_visible_while_getting_ready(phone, scheme):
    page = phone("zh-CN", color_scheme=scheme)
    register(page, f"circle{scheme}")
    page.goto("/first-aid")
    page.click('#first-aid-list [data-fa-start="breath_478"]')
    player = page.locator("#first-aid-overlay")
    expect(player.get_by_text("坐好，先把气慢慢呼尽。")).to_be_visible()  # the 4 s of getting ready
    ring, background = page.evaluate("""() => [
      getComputedStyle(document.querySelector('.fa-circle-rest')).borderTopColor,
      getComputedStyle(document.getElementById('first-aid-overlay')).backgroundColor]""")
    width = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.fa-circle-rest')).borderTopWidth)")
    assert width >= 3
    assert page.evaluate(CONTRAST, [ring, background]) >= 3, (ring, background)  # WCAG 1.4.11
    circle = page.locator(".fa-circle-box").bounding_box()
    assert circle["width"] >= 200
    page.click("#fa-stop")


# Makes rendering a quadrant's words throw, as a bug in a page would: the boundary takes over.
BREAK_THE_WORDS = """() => {
  const map = Array.prototype.map;
  Array.prototype.map = function (...args) {
    if (this.length && this[0] && typeof this[0] === 'object' && 'definition' in this[0]) {
      throw new Error('a page that fails to render');
    }
    return map.apply(this, args);
  };
}"""


def test_a_page_that_fails_to_render_says_so_in_both_languages(phone):
    page = phone("en-US")
    register(page, "brokenpage")
    expect(page.locator("#quadrants [data-quadrant]").first).to_be_visible()
    page.evaluate(BREAK_THE_WORDS)
    page.click('[data-quadrant="high_pleasant"]')
    error_page = page.locator("#error-page")
    expect(error_page).to_be_visible()
    expect(error_page).to_contain_text("这一页出了点问题")
    expect(error_page).to_contain_text("Something went wrong on this page")
    expect(page.get_by_text("An error occurred")).to_have_count(0)
    reload = page.locator("#error-reload")
    box = reload.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    reload.click()
    expect(page.locator("#greeting")).to_be_visible()
