"""Me → Reminders on a phone: times per weekday saved, Today shows what is due, the private calendar
link is made, read without a cookie, and revoked. (Chromium's real push service is not reachable here:
the push path is covered end to end by tests/unit/test_reminder_push.py with a local endpoint.)"""

import re
from datetime import timedelta
from urllib.error import HTTPError
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import icalendar
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE_ZONE, app_now, app_today, register


def _a_shift_that_just_ended() -> tuple[int, str]:
    """The app's day (it starts at 04:00) and a shift end a quarter of an hour ago on the phone's
    clock, wherever the run's clock is pinned (Monday 00:30 is still Sunday's day)."""
    now = app_now().astimezone(ZoneInfo(PHONE_ZONE))
    ended = now - timedelta(minutes=15)
    if ended.date() != now.date():
        ended = now.replace(hour=0, minute=0)
    return app_today().weekday(), ended.strftime("%H:%M")


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urlopen(url, timeout=15) as response:  # no cookie, like a phone's calendar
            return response.status, response.read().decode("utf-8")
    except HTTPError as error:
        return error.code, ""


def _events_sent(page) -> list[str]:
    """The Reflex events this tab sends, in order: why a confirmation went missing, should it ever."""
    sent: list[str] = []

    def watch(socket) -> None:
        socket.on("framesent", lambda frame: sent.extend(re.findall(r'"name":"([^"]+)"', str(frame))))
        socket.on("close", lambda _: sent.append("(socket closed)"))

    page.on("websocket", watch)
    return sent


def test_choose_reminders_see_them_due_and_manage_the_calendar_link(phone, server):
    page = phone("zh-CN")
    sent = _events_sent(page)
    register(page, "reminded")
    expect(page.locator("#due-reminders")).to_have_count(0)  # all off until chosen

    page.get_by_role("navigation").get_by_text("我的").click()
    expect(page.locator("#reminders-card")).to_contain_text("默认全部关闭")
    day, ended = _a_shift_that_just_ended()
    page.fill(f"#shift-end-{day}", ended)
    page.fill(f"#shift-end-{(day + 1) % 7}", "18:37")  # any minute: the field has no step
    page.check("#reminder-review")
    expect(page.locator("#reminder-one-a-day")).to_be_checked()
    page.click("#reminders-save")
    try:
        expect(page.locator("#reminders-card")).to_contain_text("已保存")
    except AssertionError as missing:
        raise AssertionError(f"{missing}\nevents sent: {sent}") from None
    # This browser's push status is shown by assets/push.js (whichever holds in headless Chromium).
    expect(page.locator("#push-controls [data-push-show]:visible").first).to_be_visible()

    page.get_by_role("navigation").get_by_text("今天").click()
    expect(page.locator('#due-reminders [data-due="shift_end"]')).to_contain_text("下班打卡时间到了")
    expect(page.locator('#due-reminders [data-due="shift_end"]')).to_contain_text(f"{ended} 的提醒")

    page.get_by_role("navigation").get_by_text("我的").click()
    expect(page.locator(f"#shift-end-{day}")).to_have_value(ended)
    page.click("#calendar-make")
    link = page.locator("#calendar-url")
    expect(link).not_to_have_value("")
    url = link.input_value()
    assert url.startswith(f"{server}/api/reminders/") and url.endswith(".ics")
    expect(page.locator("text=只显示这一次")).to_be_visible()
    status, text = _fetch(url)
    assert status == 200
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert summaries.count("下班打卡时间到了") == 2 and "周日回顾时间到了" in summaries

    page.click("#calendar-revoke")
    expect(page.locator("#reminders-card")).to_contain_text("链接已停用")
    assert _fetch(url)[0] == 404
