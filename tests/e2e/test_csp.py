"""The Content-Security-Policy: on every page, strict about scripts, and not one violation on any
screen or in the flows that used to run scripts sent by the server (time zone, wake lock, drafts).

The phone fixture (conftest.py) reports every securitypolicyviolation event and fails on any.
"""

import urllib.error
import urllib.request
from urllib.parse import quote

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, sign_in, wait_until

ZONE = "America/Halifax"  # not among the zones Me offers anyway, so it can only come from the phone

# A stand-in for the screen wake lock (headless Chromium has none) that counts what the app asks.
FAKE_WAKE_LOCK = """
window.__wake = {requested: 0, released: 0};
Object.defineProperty(Navigator.prototype, "wakeLock", {configurable: true, get: () => ({
  request: () => {
    window.__wake.requested += 1;
    return Promise.resolve({release: () => { window.__wake.released += 1; return Promise.resolve(); }});
  },
})});
"""


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def _assert_strict(policy: str, host: str) -> None:
    directives = _directives(policy)
    script = directives["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert all(source == "'self'" or source.startswith("'sha256-") for source in script)
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["connect-src"] == ["'self'", f"ws://{host}", f"wss://{host}"]
    assert "'unsafe-eval'" not in policy


def _get(url: str):
    try:
        return urllib.request.urlopen(url)
    except urllib.error.HTTPError as error:  # still a response, with its headers
        return error


def test_the_pages_are_served_with_a_strict_policy(server):
    host = server.removeprefix("http://")
    for path, status in (("/", 200), ("/login/", 200), ("/register/", 200), ("/about/", 200),
                         ("/forum/post?id=x", 200), ("/no-such-page", 404)):
        with _get(server + path) as response:
            assert response.status == status and response.headers.get_content_type() == "text/html", path
            _assert_strict(response.headers["content-security-policy"], host)
    with _get(server + "/drafts.js") as script:
        assert script.status == 200 and script.headers["content-security-policy"] is None


def _visit(page, path: str, ready: str) -> None:
    response = page.goto(path)
    assert response.ok and "script-src" in response.headers["content-security-policy"], path
    expect(page.locator(ready).first).to_be_visible()


_NO_DRAFTS = "Object.keys(localStorage).filter((key) => key.startsWith('resilience-draft:')).length === 0"


def test_every_screen_runs_under_the_policy_without_a_violation(phone, cli, csp_violations):
    assert cli("user", "add", "cspmod", "--password-stdin", "--role", "moderator", "--accept-notice",
               stdin=PASSWORD + "\n").returncode == 0
    page = phone("zh-CN", timezone_id=ZONE)
    page.context.add_init_script(FAKE_WAKE_LOCK)

    _visit(page, "/about", "main h1")
    _visit(page, "/privacy", "main h1")
    _visit(page, "/register", "#register-submit")
    # The phone's zone goes with the form, read by the page itself (it was a script sent by the server),
    # at submit (assets/drafts.js). The post is answered here, so no account is made.
    sent: list[str] = []
    page.route("**/auth/register", lambda route: (sent.append(route.request.post_data or ""), route.fulfill(
        status=303, headers={"location": "/register"})))
    page.fill("#username", "csptimezone")
    page.fill("#password", PASSWORD)
    page.check("#consent_sensitive")
    page.click("#register-submit")
    expect(page.locator("#register-submit")).to_be_visible()
    page.unroute("**/auth/register")
    assert len(sent) == 1 and f"time_zone={quote(ZONE, safe='')}" in sent[0]
    _visit(page, "/login", "#login-submit")
    sign_in(page, "cspmod")

    # Today: a win is stored and its draft forgotten.
    page.fill("#win-text", "客户说谢谢")
    wait_until(page, "localStorage.getItem('resilience-draft:win:cspmod') === '客户说谢谢'")
    page.click("#win-add")
    expect(page.locator("#win-text")).to_have_value("")
    wait_until(page, "localStorage.getItem('resilience-draft:win:cspmod') === null")

    _visit(page, "/journal", "main h1")
    _visit(page, "/plan", "#interest-input")
    page.fill("#interest-input", "拼乐高")
    page.click("#interest-add")
    expect(page.locator("#interests")).to_contain_text("拼乐高")
    expect(page.locator("#interest-input")).to_have_value("")

    _visit(page, "/box", "#box-slip")
    page.fill("#box-slip", "被客户骂了")
    page.click("#box-add")
    expect(page.locator("#box-slip")).to_have_value("")

    _visit(page, "/review", "main h1")
    _visit(page, "/insights", "main h1")

    # Me offers the phone's own zone (it was a script sent by the server).
    _visit(page, "/me", "#time_zone")
    expect(page.locator(f"#time_zone option[value='{ZONE}']")).to_have_count(1)
    _visit(page, "/consent", "#consent-withdraw")

    # First aid: the open player keeps the screen on, Stop lets it sleep.
    _visit(page, "/first-aid", '#first-aid-list [data-fa-start="pause_30s"]')
    page.click('#first-aid-list [data-fa-start="pause_30s"]')
    expect(page.locator("#first-aid-overlay")).to_be_visible()
    wait_until(page, "window.__wake.requested === 1")
    page.click("#fa-stop")
    wait_until(page, "window.__wake.released === 1")

    # Peers: groups, a new post, its thread with a reply, the feed, the moderator's desk.
    _visit(page, "/forum/groups", "[data-group=taobao]")
    group = page.locator("[data-group=taobao]")
    group.get_by_role("button").last.click()
    expect(group.get_by_role("button").last).to_have_text("退出")
    _visit(page, "/forum/new", "#post-body")
    page.click("[data-kind=tip]")
    page.fill("#post-title", "先读完再回复")
    page.fill("#post-body", "每个问题先完整读完，再回复客户")
    page.click("#post-check")
    page.click("#post-publish")
    expect(page.locator("#thread-post")).to_contain_text("先读完再回复")
    page.fill("#reply-body", "有用，谢谢")
    page.click("#reply-check")
    page.click("#reply-publish")
    expect(page.locator("[data-reply]")).to_contain_text("有用，谢谢")
    # drafts.js forgets a stored entry's draft on the next animation frame after the receipt arrives.
    wait_until(page, _NO_DRAFTS, timeout=5_000)
    thread = page.url
    _visit(page, "/forum", "[data-post]")
    _visit(page, thread, "#thread-post")
    _visit(page, "/forum/moderation", "main h1")
    _visit(page, "/", "#greeting")

    assert csp_violations == []
    # The listener hears a violation, and the policy stops what an injected script would do.
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.appendChild(script);
    }""")
    assert page.evaluate("window.__injected === undefined")
    page.wait_for_timeout(300)
    assert [(violation["directive"], violation["blocked"]) for violation in csp_violations] == [("script-src-elem", "inline")]
    csp_violations.clear()
