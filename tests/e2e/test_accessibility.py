"""axe-core on every main screen of a 390x844 phone, light and dark: no serious or critical violation.

axe.min.js comes from the axe-playwright-python package (axe-core, MPL-2.0, in the test extras), so
nothing is downloaded at run time. It is put into each page with page.evaluate, which DevTools runs
outside the page's Content-Security-Policy: the app's strict CSP stays on (no bypass_csp), and the
phone fixture still fails the test on any CSP violation. The theme follows prefers-color-scheme
(assets/app.css), so the dark run is a context with color_scheme="dark".
"""

from __future__ import annotations

from importlib.resources import files

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from resilience_app.services import accounts, forum, forum_groups, journal, moods, plan
from tests.e2e.conftest import app_today, register

AXE_SCRIPT = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("serious", "critical")
ALSO_BLOCKING = ("heading-order",)  # moderate in axe, but a skipped level loses screen-reader users on the way

SIGNED_OUT = [("/login", "#login-submit"), ("/register", "#register-submit"), ("/about", "h1"), ("/privacy", "h1")]
# (path, something that is there once the screen's own data has arrived)
SIGNED_IN = [
    ("/", "#greeting"),
    ("/journal", "#history section"),
    ("/plan", "#blocks"),
    ("/forum", "#forum-feed"),
    ("/forum/groups", "[data-group=jd]"),
    ("/forum/new", "[data-kind=tip]"),
    ("/forum/post?id={post}", "#thread-post"),
    ("/me", "#language"),
    ("/insights", "#trend-chart .recharts-bar-rectangle"),
    ("/review", "#reflection-sentences p"),
    ("/box", "#box-slip"),
    ("/first-aid", "#first-aid-list"),
    ("/me/import", "h1"),
    ("/me/delete", "h1"),
]


def _seed(app_env, cli, username: str) -> str:
    """Eight weeks of demo history, plus today's check-in, a thank-you, a block this week and a forum
    post, so no screen is checked empty. Returns the post's id."""
    assert cli("demo", username, "--weeks", "8").returncode == 0
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    try:
        with Session(engine) as session, session.begin():
            user = accounts.find_user(session, username)
            moods.log_mood(session, user_id=user.id, emotion="wronged", cause="客户威胁给差评", intensity=4)
            journal.add_entry(session, user_id=user.id, kind="gratitude", text="同事帮我接了两个难缠的客户")
            plan.add_block(session, user_id=user.id, day=app_today().isoformat(), start="19:00", interest="散步")
            forum_groups.join_group(session, user_id=user.id, group_id="jd")
            post = forum.publish_post(session, user_id=user.id, group_id="jd", kind="tip", title="仅退款的沟通",
                                      body="先共情，再给方案，最后确认客户听懂了。")
            forum.reply(session, user_id=user.id, post_id=post["id"], body="谢谢，很有用")
        return post["id"]
    finally:
        engine.dispose()


def _violations(page) -> list[str]:
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url} [{v['impact']}] {v['id']}: {v['help']} -> "
        + "; ".join(f"{' '.join(n['target'])} ({n.get('failureSummary', '').splitlines()[-1].strip()})"
                    for n in v["nodes"][:6])
        + (f" (+{len(v['nodes']) - 6} more)" if len(v["nodes"]) > 6 else "")
        for v in result["violations"] if v["impact"] in BLOCKING or v["id"] in ALSO_BLOCKING
    ]


def _check(page, path: str, ready: str) -> list[str]:
    page.goto(path)
    expect(page.locator(ready).first).to_be_attached()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # transitions and late state deltas settle before colours are measured
    return _violations(page)


@pytest.mark.parametrize(("scheme", "locale"), [("light", "zh-CN"), ("dark", "zh-CN"), ("dark", "en-US")])
def test_no_serious_or_critical_axe_violation_on_any_main_screen(phone, cli, app_env, scheme, locale):
    found: list[str] = []
    page = phone(locale, color_scheme=scheme)
    for path, ready in SIGNED_OUT:
        found += _check(page, path, ready)
    username = f"axe{scheme}{locale[:2]}"
    register(page, username)
    post = _seed(app_env, cli, username)
    for path, ready in SIGNED_IN:
        found += _check(page, path.format(post=post), ready)
    # Today once a feeling is named: the words in the quadrant's colour, and the first-aid offer.
    page.goto("/")
    page.click('[data-quadrant="low_unpleasant"]')
    page.click('[data-emotion="wronged"]')
    expect(page.locator("#mood-saved")).to_be_visible()
    page.wait_for_timeout(500)
    found += _violations(page)
    assert not found, "\n".join(found)
