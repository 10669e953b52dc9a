"""Small goals on Today: an uncontrollable goal gets a kinder, controllable suggestion."""

from playwright.sync_api import expect

from tests.e2e.conftest import register


def test_an_uncontrollable_goal_gets_a_suggestion_and_goals_can_be_checked_off(phone):
    page = phone("zh-CN")
    register(page, "goalie")
    page.fill("#goal-input", "让所有客户满意")
    page.fill("#goal-reward", "一杯奶茶")
    page.click("#goal-add")
    expect(page.locator("#goal-suggestion")).to_be_visible()
    expect(page.locator("#goals-card [data-goal]")).to_have_count(0)  # nothing saved before a choice
    page.click("#goal-use-suggestion")
    row = page.locator("#goals-card [data-goal]").first
    expect(row).to_be_visible()
    expect(row).not_to_contain_text("让所有客户满意")
    expect(row).to_contain_text("一杯奶茶")

    page.fill("#goal-input", "午休时离开工位走一走")
    page.click("#goal-add")
    expect(page.locator("#goal-suggestion")).to_have_count(0)
    expect(page.locator("#goals-card [data-goal]")).to_have_count(2)
    page.reload()
    expect(page.locator("#goals-card [data-goal]")).to_have_count(2)
