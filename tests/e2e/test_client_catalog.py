"""The page looks its texts up in the catalog module of the build; the websocket carries none of it
(web/client_catalog.py). Before, each page load received the whole catalog, about 64 KB a language."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import register

# Today's own state is 16–27 KB (the feelings picker is 10 KB, sent again after the language changed);
# one catalog alone was 64 KB, and a page load used to bring one or two.
PAGE_LOAD_BUDGET = 40_000


def _load_today(page) -> int:
    """Bytes received over the websocket while Today loads afresh."""
    frames: list[int] = []

    def watch(socket) -> None:
        socket.on("framereceived", lambda payload: frames.append(
            len(payload) if isinstance(payload, bytes) else len(payload.encode())))

    page.on("websocket", watch)
    page.goto("/")
    expect(page.locator("#goals-card")).to_be_visible()
    page.remove_listener("websocket", watch)
    assert frames, "no websocket frame arrived"
    return sum(frames)


def test_today_loads_without_the_catalog_in_either_language(phone):
    page = phone()
    register(page, "catalogsize")
    assert _load_today(page) < PAGE_LOAD_BUDGET
    expect(page.get_by_role("navigation").get_by_text("今天")).to_be_visible()

    page.get_by_role("navigation").get_by_text("我的").click()
    page.select_option("#language", "en")
    page.click("#settings-save")
    expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()

    assert _load_today(page) < PAGE_LOAD_BUDGET
    expect(page.locator("#greeting")).to_have_text(re.compile(r"^(Good|It's late)"))
    expect(page.get_by_role("navigation").get_by_text("Today")).to_be_visible()
