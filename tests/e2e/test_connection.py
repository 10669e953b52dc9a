"""A dropped connection gets a calm banner in the user's language, not a raw error."""

import re

from playwright.sync_api import expect


def test_a_lost_connection_shows_a_banner_in_the_users_language(phone, app_server):
    page = phone("en-US")
    page.goto("/login")
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    expect(page.locator("#connection-banner")).to_have_count(0)
    app_server.stop()
    try:
        expect(page.locator("#connection-banner")).to_have_text(re.compile("Reconnecting"), timeout=30_000)
        page.fill("#username", "typed while offline")
    finally:
        app_server.start()
    expect(page.locator("#connection-banner")).to_have_count(0, timeout=30_000)
    # What was typed during the outage is still there.
    expect(page.locator("#username")).to_have_value("typed while offline")
