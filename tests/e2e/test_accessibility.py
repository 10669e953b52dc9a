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

from tests.e2e.conftest import register
from tests.e2e.screens import SIGNED_IN, SIGNED_OUT, seed_every_screen

AXE_SCRIPT = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("serious", "critical")
ALSO_BLOCKING = ("heading-order",)  # moderate in axe, but a skipped level loses screen-reader users on the way

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
    post = seed_every_screen(app_env, cli, username)
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
