"""The recharge plan on a phone: three interests, a block, and how recharged it left you."""

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, app_today, register


def test_add_three_interests_plan_a_block_and_mark_it_done_with_a_rating(phone):
    page = phone("zh-CN")
    register(page, "recharger")
    page.goto("/plan")
    expect(page.locator("#interest-input")).to_be_visible()

    page.fill("#interest-input", "画画")
    page.click("#interest-add")
    expect(page.locator("[data-interest]")).to_have_count(1)
    page.click("[data-suggestion='做饭']")
    expect(page.locator("[data-interest]")).to_have_count(2)
    page.fill("#interest-input", "拼乐高")
    page.click("#interest-add")
    expect(page.locator("[data-interest]")).to_have_count(3)

    # Today (preselected) from midnight: already started, so it can be marked done at once.
    expect(page.locator("#block-day")).to_be_visible()
    page.fill("#block-start", "00:00")
    page.select_option("#block-length", "120")
    page.select_option("#block-interest", "拼乐高")
    page.click("#block-add")
    block = page.locator("[data-block]")
    expect(block).to_have_count(1)
    expect(block).to_contain_text("拼乐高")

    # An overlapping time is refused clearly.
    page.fill("#block-start", "01:07")  # any minute reaches the service (no step on the field)
    page.click("#block-add")
    expect(page.get_by_role("alert")).to_contain_text("重叠")
    expect(page.locator("[data-block]")).to_have_count(1)

    expect(page.locator("#block-done")).to_be_visible()
    page.click("#block-done")
    page.click("[data-rating='4']")
    page.fill("#block-note", "拼完一个小房子，心里很安静")
    page.click("#block-save")
    expect(block).to_have_attribute("data-status", "done")
    expect(block).to_contain_text("拼完一个小房子")

    # The week fits the phone: nothing scrolls sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # The week shown is the user's week on the app's clock (its day starts at 04:00).
    year, week, _ = app_today().isocalendar()
    expect(page.locator("#plan-ics")).to_have_attribute("href", f"/api/plan.ics?week={year}-W{week:02d}")

    page.click("#week-next")
    expect(page.locator("[data-block]")).to_have_count(0)
    page.click("#week-prev")
    expect(page.locator("[data-block]")).to_have_count(1)
    page.reload()
    expect(page.locator("[data-block][data-status='done']")).to_have_count(1)
