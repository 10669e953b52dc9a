"""Small goals on Today: an uncontrollable goal gets a kinder, controllable suggestion."""

import re

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


def test_a_goal_typed_while_the_last_one_is_still_saving_is_not_wiped(phone):
    """On a slow link the first goal's save receipt reaches the page after the user has begun the
    next goal: the words typed since are a new draft, not the stored one, and stay."""
    page = phone("zh-CN")
    link = {"holding": False, "held": [], "to_page": None}

    def slow_link(ws):
        server = ws.connect_to_server()
        link["to_page"] = ws

        def from_server(message):
            if link["holding"]:
                link["held"].append(message)
            else:
                ws.send(message)

        server.on_message(from_server)
        ws.on_message(server.send)

    page.route_web_socket(re.compile(r"/_event"), slow_link)
    register(page, "slowlink")
    first, second = "午休时离开工位走一走", "下班后听一首喜欢的歌"
    page.fill("#goal-input", first)
    link["holding"] = True
    page.click("#goal-add")
    page.fill("#goal-input", second)
    page.wait_for_timeout(500)  # the server has answered; its answer is still on the way
    assert link["held"], "the save's answer should have been held back"
    link["holding"] = False
    for message in link["held"]:
        link["to_page"].send(message)
    rows = page.locator("#goals-card [data-goal]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(first)
    # drafts.js reads the receipt one frame after it lands; give it a few.
    page.wait_for_timeout(300)
    expect(page.locator("#goal-input")).to_have_value(second)
    page.reload()
    expect(page.locator("#goal-input")).to_have_value(second)  # still a draft, kept on the device
    page.click("#goal-add")
    expect(rows).to_have_count(2)
    expect(page.locator("#goal-input")).to_have_value("")  # this one was saved: its draft goes


def test_a_saved_goal_clears_its_field_and_draft(phone):
    page = phone("zh-CN")
    register(page, "clearsave")
    page.fill("#goal-input", "午休时离开工位走一走")
    page.click("#goal-add")
    expect(page.locator("#goals-card [data-goal]")).to_have_count(1)
    expect(page.locator("#goal-input")).to_have_value("")
    page.reload()
    expect(page.locator("#goals-card [data-goal]")).to_have_count(1)
    expect(page.locator("#goal-input")).to_have_value("")
