"""Phone screenshots (390x844) of the main screens, both languages, light and dark.

Run against a served app: `make run` in one shell, then
`.venv/bin/python scripts/screenshots.py [--out docs/screenshots]`.
It registers a throwaway demo user on that server.
"""

from __future__ import annotations

import argparse
import secrets
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


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
                page.goto("/")
                expect(page.locator("#greeting")).to_be_visible()
                page.wait_for_timeout(400)
                page.screenshot(path=out / f"today-named-{lang}-{scheme}.png")
                context.close()
        browser.close()
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
