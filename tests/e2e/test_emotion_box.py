"""The emotion box on a phone: write slips, seal them, and nothing of their text shows until tomorrow."""

from playwright.sync_api import expect

from tests.e2e.conftest import register

FIRST = "客户A说要给差评，还骂我不专业，我感到委屈"
SECOND = "没帮客户B解决满减问题，我感到愧疚"


def test_write_two_slips_seal_the_box_and_after_a_reload_only_the_count_shows(phone):
    page = phone("zh-CN")
    register(page, "boxer")
    page.goto("/box")
    page.fill("#box-slip", FIRST)
    page.click("#box-add")
    expect(page.locator("#box-open")).to_contain_text(FIRST)
    expect(page.locator("#box-slip")).to_have_value("")
    page.fill("#box-slip", SECOND)
    page.click("#box-add")
    expect(page.locator("#box-open li")).to_have_count(2)

    page.click("#box-seal")
    expect(page.locator("#box-closing")).to_contain_text("今天的情绪已经收好了。现在，是我自己的时间。")
    expect(page.locator("#box-open")).to_have_count(0)

    page.reload()
    expect(page.locator("#box-sealed")).to_contain_text("2 张纸条已封存")
    expect(page.locator("#box-sealed")).to_contain_text("明天")
    content = page.content()
    storage = page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    for fragment in ("客户A", "客户B", "差评", "满减"):
        assert fragment not in content and fragment not in storage


def test_a_slip_being_written_survives_a_reload(phone):
    page = phone("en-US")
    register(page, "boxdraft")
    page.goto("/box")
    page.fill("#box-slip", "Typed before adding it to the box")
    page.wait_for_timeout(300)
    page.reload()  # mid-draft
    expect(page.locator("#box-slip")).to_have_value("Typed before adding it to the box")
    page.click("#box-add")
    expect(page.locator("#box-open")).to_contain_text("Typed before adding it to the box")
    expect(page.locator("#box-slip")).to_have_value("")
