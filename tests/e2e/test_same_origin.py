"""Nothing leaves the app's origin: no fonts, icons, scripts or analytics from anywhere else.

Every request and websocket of every main screen is recorded; the phone fixture also fails the
test on any Content-Security-Policy violation (a load the policy blocked never becomes a request).
"""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from resilience_app import routes
from tests.e2e.conftest import register

SIGNED_IN_PAGES = (
    routes.TODAY, routes.JOURNAL, routes.PLAN, routes.FORUM, routes.ME, routes.INSIGHTS,
    routes.REVIEW, routes.BOX, routes.FIRST_AID, routes.ABOUT,
)
SIGNED_OUT_PAGES = (routes.LOGIN, routes.REGISTER, routes.ABOUT)


def _record(context) -> list[str]:
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    context.on("page", lambda page: page.on("websocket", lambda socket: seen.append(socket.url)))
    return seen


def _visit(page, path: str) -> None:
    page.goto(path)
    expect(page.locator("main, body").first).to_be_visible()
    page.wait_for_load_state("networkidle")


def _outside(seen: list[str], server: str) -> list[str]:
    home = urlsplit(server)
    allowed_sockets = {("ws", home.netloc), ("wss", home.netloc)}
    outside = []
    for url in seen:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if (parts.scheme, parts.netloc) != (home.scheme, home.netloc) and (parts.scheme, parts.netloc) not in allowed_sockets:
            outside.append(url)
    return outside


def test_every_screen_loads_only_from_the_apps_origin(phone, server):
    page = phone("zh-CN")
    seen = _record(page.context)
    page.on("websocket", lambda socket: seen.append(socket.url))
    for path in SIGNED_OUT_PAGES:
        _visit(page, path)
    register(page, "homebody")
    for path in SIGNED_IN_PAGES:
        _visit(page, path)
    assert len(seen) > len(SIGNED_IN_PAGES)  # the recording works
    assert any(url.startswith(("ws://", "wss://")) for url in seen)
    assert _outside(seen, server) == []


def test_english_screens_too(phone, server):
    page = phone("en-US")
    seen = _record(page.context)
    page.on("websocket", lambda socket: seen.append(socket.url))
    register(page, "homebody_en")
    for path in (routes.TODAY, routes.ME, routes.FIRST_AID, routes.INSIGHTS):
        _visit(page, path)
    assert _outside(seen, server) == []
