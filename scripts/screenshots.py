"""Phone screenshots (390x844) of the main screens, both languages, light and dark.

Run against a served app: `make run` in one shell, then
`.venv/bin/python scripts/screenshots.py [--out docs/screenshots]`.
It registers a throwaway demo user on that server, and gives it eight weeks of sample
history with `resilience demo` (run with the same RESILIENCE_DB_URL as the server).
"""

from __future__ import annotations

import argparse
import secrets
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _shot(page, path: Path, full: bool = False) -> None:
    page.wait_for_timeout(400)
    page.screenshot(path=path, full_page=full)


def _mood_screens(page, out: Path, suffix: str) -> None:
    """The check-in, its confirmation with first aid, the history and a first-aid player."""
    page.locator("#mood-checkin").scroll_into_view_if_needed()
    page.click('[data-quadrant="low_unpleasant"]')
    expect(page.locator("#words")).to_be_visible()
    _shot(page, out / f"mood-words-{suffix}.png")
    page.click('[data-emotion="wronged"]')
    expect(page.locator("#mood-saved")).to_be_visible()
    _shot(page, out / f"mood-saved-{suffix}.png")
    page.click("#mood-add-details")
    page.locator('#mood-details button:text-is("4")').click()
    page.locator("#mood-details [aria-pressed]").nth(5).click()
    page.fill("#mood-cause", "客户说不给仅退款就差评" if suffix.startswith("zh") else "Refund or a bad review, said the customer")
    page.fill("#mood-reframe", "我感到委屈，因为客户误会了规则，但这不是我的错" if suffix.startswith("zh")
              else "I feel wronged, because the customer misread the rules, but it is not my fault")
    _shot(page, out / f"mood-details-{suffix}.png", full=True)
    page.click("#mood-details-save")
    page.goto("/journal")
    expect(page.locator("#history section").first).to_be_visible()
    _shot(page, out / f"journal-{suffix}.png")
    page.goto("/first-aid")
    expect(page.locator("#first-aid-list")).to_be_visible()
    _shot(page, out / f"first-aid-{suffix}.png", full=True)
    page.click('#first-aid-list [data-fa-start="breath_478"]')
    page.wait_for_timeout(2500)
    _shot(page, out / f"first-aid-478-{suffix}.png")
    page.click("#fa-stop")


def _looking_back(page, name: str, out: Path, suffix: str) -> None:
    """Looking back (streak, reflection, calendar, chart) and the review that opens with it."""
    subprocess.run([sys.executable, "-m", "resilience_app.cli", "demo", name], check=True, capture_output=True)
    page.goto("/insights")
    expect(page.locator("#trend-chart .recharts-bar-rectangle").first).to_be_visible()
    _shot(page, out / f"insights-{suffix}.png", full=True)
    page.locator("#calendar-card").scroll_into_view_if_needed()
    _shot(page, out / f"insights-calendar-{suffix}.png")
    page.goto("/review")
    expect(page.locator("#reflection-sentences p").first).to_be_visible()
    _shot(page, out / f"review-{suffix}.png")
    page.goto("/")
    expect(page.locator("#greeting")).to_be_visible()


def _forum(page, out: Path, suffix: str) -> None:
    """The forum: a case with customer details, checked before publishing, then the thread and feed."""
    zh = suffix.startswith("zh")
    page.goto("/forum/groups")
    page.locator("[data-group=taobao]").get_by_role("button").last.click()
    page.wait_for_timeout(500)
    page.goto("/forum/new")
    page.click("[data-kind=case]")
    page.fill("#post-title", "客户要仅退款还威胁差评" if zh else "Refund-only, or a bad review")
    page.fill("#case-happened", "客户说收到破损，订单号 123456789012345678，电话 138 1234 5678" if zh
              else "Parcel arrived damaged, order 123456789012345678, call me on 138 1234 5678")
    page.fill("#case-customer_said", "不给仅退款就差评" if zh else "Refund me or I leave a bad review")
    page.fill("#case-i_did", "先道歉，请他拍照，再走破损补发" if zh else "Apologised, asked for photos, sent a replacement")
    page.fill("#case-worked", "先共情再给方案" if zh else "Empathy first, then the fix")
    page.click("#post-check")
    expect(page.locator("#preview-text")).to_be_visible()
    _shot(page, out / f"forum-preview-{suffix}.png", full=True)
    page.click("#post-publish")
    expect(page.locator("#thread-post")).to_be_visible()
    _shot(page, out / f"forum-thread-{suffix}.png")
    page.goto("/forum")
    expect(page.locator("#forum-feed")).to_be_visible()
    _shot(page, out / f"forum-feed-{suffix}.png")


def _care(page, out: Path, suffix: str) -> None:
    """The private care card after heavy words in an emotion-box slip (then put away with "not now")."""
    zh = suffix.startswith("zh")
    page.goto("/box")
    page.fill("#box-slip", "撑了三年，活着没意思，不想再醒来了" if zh
              else "Three years of this. Nothing feels worth it, I don't want to wake up again")
    page.click("#box-add")
    card = page.locator("#care-card")
    expect(card).to_be_visible()
    page.mouse.wheel(0, card.bounding_box()["y"] - 24)  # the card's top at the top of the screen
    _shot(page, out / f"care-card-{suffix}.png")
    page.click("#care-not-now")


def _moderation(page, name: str, out: Path, suffix: str) -> None:
    """The moderators' desk with an acute post at the top and its alert (the demo user becomes a moderator)."""
    zh = suffix.startswith("zh")
    page.goto("/forum/new")
    page.click("[data-kind=vent]")
    page.fill("#post-body", "今晚真的撑不住了，我已经把攒的安眠药都吃了" if zh
              else "I can't do this any more. I've already taken all the pills I saved")
    page.click("#post-check")
    expect(page.locator("#crisis-card")).to_be_visible()
    _shot(page, out / f"forum-acute-card-{suffix}.png")
    page.click("#post-publish")
    expect(page.locator("#thread-post")).to_be_visible()
    subprocess.run([sys.executable, "-m", "resilience_app.cli", "user", "set-role", name, "moderator"],
                   check=True, capture_output=True)
    page.goto("/forum/moderation")
    expect(page.locator("#mod-acute-alert")).to_be_visible()
    _shot(page, out / f"moderation-acute-{suffix}.png")


def _plan_and_box(page, out: Path, suffix: str) -> None:
    """Plan with three interests and a block this evening; the emotion box with a slip in it."""
    zh = suffix.startswith("zh")
    page.goto("/plan")
    expect(page.locator("#interest-input")).to_be_visible()
    for interest in (["画画", "做饭", "拼乐高"] if zh else ["Drawing", "Cooking", "Building LEGO"]):
        page.fill("#interest-input", interest)
        page.click("#interest-add")
        page.wait_for_timeout(300)
    expect(page.locator("[data-interest]")).to_have_count(3)
    page.fill("#block-start", "20:00")
    page.select_option("#block-length", "120")
    page.click("#block-add")
    expect(page.locator("[data-block]")).to_have_count(1)
    _shot(page, out / f"plan-{suffix}.png", full=True)
    page.goto("/box")
    expect(page.locator("#box-slip")).to_be_visible()
    page.fill("#box-slip", "客户说我是机器人，我很委屈" if zh else "A customer called me a robot and I felt hurt")
    page.click("#box-add")
    page.wait_for_timeout(600)
    _shot(page, out / f"box-{suffix}.png", full=True)
    page.goto("/no-such-page")
    expect(page.locator("#not-found")).to_be_visible()
    _shot(page, out / f"not-found-{suffix}.png")


def _account(page, out: Path, suffix: str) -> None:
    """Me's retention card and delete row, then Me → delete account (not sent)."""
    page.goto("/me")
    expect(page.locator("#retention_months")).to_be_visible()
    page.locator("#retention_months").scroll_into_view_if_needed()
    _shot(page, out / f"me-retention-{suffix}.png")
    page.locator("#me-delete").scroll_into_view_if_needed()
    _shot(page, out / f"me-account-{suffix}.png")
    page.click("#me-delete")
    expect(page.locator("#delete-submit")).to_be_visible()
    _shot(page, out / f"account-delete-{suffix}.png")
    page.mouse.wheel(0, 2000)
    _shot(page, out / f"account-delete-end-{suffix}.png")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:3000")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    username, password = f"demo{secrets.token_hex(3)}", "milk tea after the night shift"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        for scheme in ("light", "dark"):
            for locale, lang in (("zh-CN", "zh"), ("en-US", "en")):
                context = browser.new_context(viewport={"width": 390, "height": 844}, locale=locale,
                                              color_scheme=scheme, device_scale_factor=2, base_url=args.url)
                page = context.new_page()
                page.goto("/login")
                expect(page.locator("#login-submit")).to_be_visible()
                page.wait_for_timeout(400)
                page.screenshot(path=out / f"login-{lang}-{scheme}.png")
                page.goto("/register")
                expect(page.locator("#register-submit")).to_be_visible()
                name = f"{username}{lang}{scheme}"
                page.fill("#username", name)
                page.fill("#password", password)
                page.check("#consent_sensitive")
                page.click("#register-submit")
                expect(page.locator("#greeting")).to_be_visible()
                page.wait_for_timeout(400)
                page.screenshot(path=out / f"today-{lang}-{scheme}.png")
                page.goto("/me")
                expect(page.locator("#settings-save")).to_be_visible()
                page.select_option("#language", "en" if lang == "en" else "zh-CN")
                page.fill("#display_name", "Lin" if lang == "en" else "小林")
                page.click("#settings-save")
                page.wait_for_timeout(600)
                page.screenshot(path=out / f"me-{lang}-{scheme}.png", full_page=True)
                _account(page, out, f"{lang}-{scheme}")
                page.goto("/")
                expect(page.locator("#greeting")).to_be_visible()
                page.wait_for_timeout(400)
                page.screenshot(path=out / f"today-named-{lang}-{scheme}.png")
                _looking_back(page, name, out, f"{lang}-{scheme}")
                _forum(page, out, f"{lang}-{scheme}")
                _plan_and_box(page, out, f"{lang}-{scheme}")
                _care(page, out, f"{lang}-{scheme}")
                _moderation(page, name, out, f"{lang}-{scheme}")
                page.goto("/")
                _mood_screens(page, out, f"{lang}-{scheme}")
                context.close()
        browser.close()
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
