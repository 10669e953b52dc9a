"""A phone paints the page it was sent before it fetches the app's JavaScript (web/first_paint.py),
and the build keeps Lucide's icons in one chunk of the icons the pages use."""

from __future__ import annotations

from playwright.sync_api import expect

from resilience_app.core.settings import PROJECT_ROOT
from tests.e2e.conftest import register, wait_until

ASSETS = PROJECT_ROOT / ".web" / "build" / "client" / "assets"

# Before any script of the page: the moment the first frame is made (rendering waits for the styles).
FIRST_FRAME = "requestAnimationFrame(() => { window.__firstFrame = performance.now(); });"
TIMES = """() => {
  const scripts = performance.getEntriesByType("resource")
    .filter((entry) => new URL(entry.name).pathname.startsWith("/assets/") && entry.name.endsWith(".js"));
  return {frame: window.__firstFrame, scripts: scripts.map((entry) => [entry.name, entry.startTime])};
}"""


def _frame_then_scripts(page) -> None:
    """Every app script was requested after the first frame was drawn. (The paint-timing entry is when
    that frame reached the screen, which a busy machine delays by an unknown number of frames.)"""
    wait_until(page, "!!window.__reactRouterRouteModules && window.__firstFrame !== undefined")
    times = page.evaluate(TIMES)
    assert times["scripts"], "the page loaded no app script"
    early = [name for name, start in times["scripts"] if start < times["frame"]]
    assert early == [], f"fetched before the first frame at {times['frame']:.0f} ms: {early}"


def test_the_sign_in_page_paints_before_any_app_script_is_fetched(phone):
    page = phone()
    page.context.add_init_script(FIRST_FRAME)
    page.goto("/login")
    _frame_then_scripts(page)
    # ...and then it boots: the live page answers the language switch.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")


def test_a_tap_before_the_page_is_live_is_not_lost(phone):
    """The language switch tapped at once, as a phone shows the prerendered page: held, then given."""
    page = phone()
    page.goto("/login", wait_until="commit")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()


def test_today_boots_after_its_first_paint(phone):
    page = phone()
    register(page, "firstpaint")
    expect(page.locator("#greeting")).to_contain_text("firstpaint")
    page.reload()
    expect(page.locator("#greeting")).to_contain_text("firstpaint")


# Counts painted frames, and notes the frame in which each of two parts of Today first appeared.
FRAMES_OF = """
window.__frames = 0; window.__seen = {};
(function tick() { window.__frames += 1; requestAnimationFrame(tick); })();
new MutationObserver(() => {
  for (const [name, selector] of [["top", "#greeting"], ["rest", "#win-text"]]) {
    if (!(name in window.__seen) && document.querySelector(selector)) window.__seen[name] = window.__frames;
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_today_renders_its_first_screen_first_and_the_rest_a_frame_later(phone):
    """The live page's first render builds only what fills the first screen; the rest of Today (the
    wins card and what follows) mounts after that render has been painted, as a task of its own."""
    page = phone()
    register(page, "twocommits")
    page.context.add_init_script(FRAMES_OF)
    page.reload()
    expect(page.locator("#win-text")).to_be_visible()
    seen = page.evaluate("window.__seen")
    assert seen["rest"] > seen["top"], seen
    # Coming back to Today within the app shows it all in one render.
    page.get_by_role("navigation").get_by_role("link", name="记录", exact=True).click()
    expect(page.locator("#win-text")).to_have_count(0)
    page.evaluate("window.__seen = {}")
    page.get_by_role("navigation").get_by_role("link", name="今天", exact=True).click()
    expect(page.locator("#win-text")).to_be_visible()
    seen = page.evaluate("window.__seen")
    assert seen["rest"] == seen["top"], seen


def test_the_build_has_one_icons_chunk_and_no_icon_named_at_run_time():
    chunks = sorted(ASSETS.glob("*.js"))
    icons = [chunk for chunk in chunks if chunk.name.startswith("icons-")]
    assert len(icons) == 1
    # rx.icon(<a var>) compiles to Lucide's DynamicIcon, whose table reaches all ~1,600 icons.
    assert icons[0].stat().st_size < 100_000
    assert not [chunk.name for chunk in chunks if "DynamicIcon" in chunk.read_text(encoding="utf-8")]
    # No page is left with one small module per icon.
    assert not [chunk.name for chunk in chunks if chunk.stat().st_size < 1_200 and "createLucideIcon" in
                chunk.read_text(encoding="utf-8")]


def test_no_prerendered_page_carries_run_time_css():
    """A prop Reflex turns into CSS (an icon's stroke_width, an image's width, a meta's media) is styled by
    emotion at run time: the page ships a <style data-emotion> that emotion moves when it starts, making
    the browser restyle the whole page while it boots. Every page, in each language, has none."""
    pages = sorted(ASSETS.parent.rglob("*.html"))
    assert len(pages) > 30
    assert [page.relative_to(ASSETS.parent).as_posix() for page in pages
            if "data-emotion" in page.read_text(encoding="utf-8")] == []
    today = (ASSETS.parent / "index.html").read_text(encoding="utf-8")
    # The two theme colours each keep their media query (as CSS, the dark one never applied).
    assert 'media="(prefers-color-scheme: dark)" name="theme-color"' in today
    assert 'media="(prefers-color-scheme: light)" name="theme-color"' in today


def test_today_paints_its_layout_and_no_private_data_before_the_session_is_confirmed(phone):
    """What a phone paints from the page it was sent, before any script runs: Today's frame, headings,
    feelings and hints, with grey blocks where the reader's own data goes; then the live page."""
    page = phone()
    register(page, "skeletonmei")
    page.locator("#goal-input").fill("先喝口水")
    page.click("#goal-add")
    expect(page.locator("#goals-list")).to_contain_text("先喝口水")

    first_paint = phone(java_script_enabled=False)
    first_paint.context.add_cookies(page.context.cookies())
    first_paint.goto("/")
    skeleton = first_paint.locator("main[aria-busy=true] > [aria-hidden=true]")
    expect(skeleton.get_by_text("此刻你感觉怎么样？")).to_be_visible()
    expect(skeleton.get_by_text("烦躁紧绷")).to_be_visible()
    expect(skeleton.get_by_text("今天的小目标")).to_be_visible()
    expect(skeleton.get_by_text("How are you feeling right now?")).to_be_hidden()
    html = first_paint.content()
    assert "skeletonmei" not in html and "先喝口水" not in html
    assert first_paint.locator("#greeting, #goals-card, #quadrants, button[data-quadrant]").count() == 0

    page.reload()
    expect(page.locator("#greeting")).to_contain_text("skeletonmei")
    expect(page.locator("#goals-list")).to_contain_text("先喝口水")
    expect(page.locator("main[aria-busy=true]")).to_have_count(0)


def test_an_english_phone_paints_todays_skeleton_in_english(phone, server):
    """Each page is prerendered in each language, and the server sends the reader's (the language
    chosen on this device, else the browser's): the skeleton is in it with no app script run."""
    page = phone(locale="en-GB")
    page.route("**/assets/**/*.js", lambda route: route.abort())
    page.goto("/")
    skeleton = page.locator("main[aria-busy=true] > [aria-hidden=true]")
    expect(skeleton.get_by_text("How are you feeling right now?")).to_be_visible()
    expect(skeleton.get_by_text("此刻你感觉怎么样？")).to_be_hidden()

    chinese_choice = phone(locale="en-GB")
    chinese_choice.context.add_cookies([{"name": "resilience_lang", "value": "zh-CN", "url": server}])
    chinese_choice.route("**/assets/**/*.js", lambda route: route.abort())
    chinese_choice.goto("/")
    expect(chinese_choice.get_by_text("此刻你感觉怎么样？")).to_be_visible()
    expect(chinese_choice.get_by_text("How are you feeling right now?")).to_be_hidden()
