"""Looking back on a phone: the streak, the week's reflection, the calendar and the chart show
what the services compute from the user's own entries (imported with `resilience demo`)."""

import calendar
import json
import re
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from resilience_app.services import accounts, reflection
from tests.e2e.conftest import app_today, register


def test_streak_reflection_calendar_and_chart_match_the_users_entries(phone, cli, app_env):
    page = phone("en-US")
    register(page, "lookingback")
    made = cli("demo", "lookingback", "--weeks", "8")
    assert made.returncode == 0, made.stderr
    summary = json.loads(cli("summary", "lookingback").stdout)
    assert summary["longest_streak"] > 0 and summary["mood_count"] > 0
    # The user's day is the app's pinned clock in the phone's zone, never this machine's date.
    today = app_today()
    assert summary["as_of"] == today.isoformat()

    page.goto("/insights")
    streak = f"{summary['current_streak']}-day streak" if summary["current_streak"] != 1 else "1-day streak"
    expect(page.locator("#streak-current")).to_have_text(streak)
    expect(page.locator("#consistency")).to_have_text(f"{summary['consistency']}%")
    sentences = page.locator("#reflection-sentences p")
    expect(sentences.first).to_have_text(summary["sentences"][0])
    expect(sentences).to_have_count(len(summary["sentences"]))

    # The calendar has one cell per day of this month, coloured on the days with check-ins.
    days = calendar.monthrange(today.year, today.month)[1]
    cells = page.locator("#month-calendar [role=img]")
    expect(cells).to_have_count(days)
    expect(page.locator("#month-calendar [data-today=true]")).to_have_count(1)
    expect(page.locator("#month-calendar [data-today=true]")).to_have_attribute(
        "aria-label", re.compile("^" + today.strftime("%A, %-d %B")))
    coloured = page.locator("#month-calendar .q-day")
    assert coloured.count() >= 1
    assert page.locator("#month-calendar [role=img]").first.get_attribute("aria-label").startswith(
        date(today.year, today.month, 1).strftime("%A, %-d %B"))

    # 56 days of history touch 8 ISO weeks when today is a Sunday, else 9. The chart draws a bar for
    # each week whose pleasant share is above 0%: a week of only unpleasant check-ins has no height.
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    with Session(engine) as session:
        user = accounts.find_user(session, "lookingback")
        trend = reflection.pleasant_trend(session, user_id=user.id, as_of=today)
    engine.dispose()
    assert sum(1 for week in trend if week["count"]) == (8 if today.weekday() == 6 else 9)
    bars = page.locator("#trend-chart .recharts-bar-rectangle")
    expect(bars.first).to_be_visible()
    expect(bars).to_have_count(sum(1 for week in trend if week["share"]))

    # Back one month and one week; forward stops at now.
    next_month = page.get_by_role("button", name="Next month")
    expect(next_month).to_be_disabled()
    page.get_by_role("button", name="Previous month").click()
    previous = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    expect(page.locator("#month-label")).to_have_text(previous.strftime("%B %Y"))
    expect(next_month).to_be_enabled()
    week_range = page.locator("#week-range").inner_text()
    page.get_by_role("button", name="Previous week").click()
    expect(page.locator("#week-range")).not_to_have_text(week_range)
    expect(page.get_by_role("button", name="Next week")).to_be_enabled()

    # The Sunday review opens with this week's reflection; Today shows the streak.
    page.goto("/review")
    expect(page.locator("#reflection-card #reflection-sentences p").first).to_have_text(summary["sentences"][0])
    page.goto("/")
    expect(page.locator("#streak-chip")).to_contain_text(streak)
    page.click("#streak-chip")
    expect(page).to_have_url(re.compile(r"/insights/?$"))


def test_a_new_user_gets_honest_empty_states_in_chinese(phone):
    page = phone("zh-CN")
    register(page, "newcomer6")
    expect(page.locator("#streak-chip")).to_have_count(0)
    page.goto("/insights")
    expect(page.locator("#streak-current")).to_have_text("今天记一笔，就是新的开始")
    expect(page.locator("#reflection-sentences p")).to_have_text(
        "这一周还没有记录。没关系，休息也是照顾自己；想回来的时候，这里一直都在。")
    expect(page.locator("#trend-card")).to_contain_text("记下几周心情之后")
    expect(page.locator("#month-calendar .q-day")).to_have_count(0)
