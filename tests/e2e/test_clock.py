"""The app's day and hour are the server's: a phone whose own clock is wrong still sees the app's
date and greeting, and its check-in is filed under the app's today. (The page never reads the
browser's date; only its time zone, at sign-up.)"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from resilience_app.core import i18n
from resilience_app.state.today import greeting_key
from tests.e2e.conftest import PHONE_ZONE, app_now, register


def test_a_phone_whose_clock_is_wrong_still_sees_the_apps_day_and_hour(phone):
    page = phone("en-US")
    # 200 days and 12 hours off: another date, and another part of the day, in the same zone.
    phone_time = app_now() + timedelta(days=200, hours=12)
    page.context.clock.install(time=phone_time)
    register(page, "wrongclock")
    assert abs(page.evaluate("Date.now()") / 1000 - phone_time.timestamp()) < 300

    now = app_now().astimezone(ZoneInfo(PHONE_ZONE))
    expect(page.locator("#greeting")).to_contain_text(i18n.translate("en", greeting_key(now.hour)))
    expect(page.locator("header").get_by_text(i18n.format_long_date("en", now.date()), exact=True)).to_be_visible()

    page.click('[data-quadrant="high_pleasant"]')
    page.click('[data-emotion="happy"]')
    expect(page.locator("#mood-saved")).to_contain_text("Happy")
    page.get_by_role("navigation").get_by_text("Journal").click()
    day = page.locator("#history section").first
    expect(day.locator("h2")).to_have_text("Today")
    expect(day).to_contain_text("Happy")


def test_a_server_on_a_pinned_clock_says_so_at_startup(app_server):
    log = app_server.log_path.read_text()
    assert "WARNING: RESILIENCE_CLOCK_START is set" in log and "never set it in production" in log
