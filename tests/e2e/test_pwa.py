"""The PWA shell: manifest, service worker, offline page, installability."""

import json
import re
import urllib.request

from playwright.sync_api import expect

from tests.e2e.conftest import BASE_URL, CHROMIUM, CHROMIUM_ARGS, PHONE, wait_until


def test_manifest_and_service_worker_are_served(server):
    with urllib.request.urlopen(f"{BASE_URL}/manifest.webmanifest") as response:
        assert response.headers["content-type"].startswith("application/manifest+json")
        manifest = json.load(response)
    assert manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        with urllib.request.urlopen(BASE_URL + icon["src"]) as response:
            assert response.headers["content-type"] == "image/png"
    with urllib.request.urlopen(f"{BASE_URL}/sw.js") as response:
        assert "javascript" in response.headers["content-type"]
        assert response.headers["cache-control"] == "no-cache"


def _controlled_page(phone):
    page = phone("zh-CN")
    page.goto("/login")
    expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # the second load is controlled by the worker
    wait_until(page, "navigator.serviceWorker.controller !== null")
    return page


def test_chromium_reports_the_app_installable(browser, server, tmp_path):
    # Installability is never reported in incognito, so use a real profile directory.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
        viewport=PHONE, base_url=server, locale="zh-CN",
    )
    try:
        page = _controlled_page(lambda _locale: context.pages[0] if context.pages else context.new_page())
        session = context.new_cdp_session(page)
        assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        assert session.send("Page.getAppManifest")["errors"] == []
    finally:
        context.close()


def test_reload_while_offline_shows_the_offline_page(phone):
    page = _controlled_page(phone)
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_text(re.compile("现在没有网络"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("重试"))).to_be_visible()
    page.context.set_offline(False)


def test_hashed_assets_are_cached_as_immutable(phone):
    page = phone("zh-CN")
    policies = {}
    page.on("response", lambda r: policies.setdefault(r.url, r.headers.get("cache-control")))
    page.goto("/login")
    expect(page.get_by_role("heading", name="欢迎回来")).to_be_visible()
    assets = {url: policy for url, policy in policies.items() if "/assets/" in url}
    assert assets
    assert set(assets.values()) == {"public, max-age=31536000, immutable"}
