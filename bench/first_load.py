"""First load of Today on a phone: bytes by type and the timings Chromium can measure.

Needs a served app (`make run` in another shell). It registers a throwaway user, then
opens Today in a fresh, empty-cache browser at 390x844 and prints what crossed the wire.

    .venv/bin/python bench/first_load.py [--url http://localhost:3000] [--cpu 4] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict

from playwright.sync_api import sync_playwright

from _browser import CHROMIUM_ARGS, register_throwaway

BUDGET_KIB = 300

TIMING_JS = """() => new Promise(resolve => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
  let lcp = 0, cls = 0;
  new PerformanceObserver(l => { for (const e of l.getEntries()) lcp = e.startTime; })
    .observe({type: 'largest-contentful-paint', buffered: true});
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve({
    ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
    fcp: paint['first-contentful-paint'] || 0, lcp, cls,
  }), 300);
})"""


def measure(browser, url: str, cookies: list, cpu: float) -> tuple[dict, dict]:
    # The service worker is kept out: once it takes the page over (its install runs at `load`), it
    # fetches the modules the boot asks for itself, and this page's network log would not see them.
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                  locale="zh-CN", is_mobile=True, has_touch=True, service_workers="block")
    context.add_cookies(cookies)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if cpu > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    kinds: dict[str, str] = {}
    sizes: dict[str, int] = defaultdict(int)
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(kinds.get(e["requestId"], "Other"),
                                       sizes[kinds.get(e["requestId"], "Other")] + int(e["encodedDataLength"])))
    page.goto(url + "/", wait_until="load")
    page.wait_for_selector("#greeting", state="visible")
    ready_ms = page.evaluate("performance.now()")
    timings = page.evaluate(TIMING_JS)
    timings["greeting_visible"] = ready_ms
    context.close()
    return dict(sizes), timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:3000")
    parser.add_argument("--cpu", type=float, default=4, help="CPU slowdown factor (Lighthouse mobile: 4)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        setup = browser.new_context(base_url=args.url)
        page = setup.new_page()
        register_throwaway(page)
        page.wait_for_selector("#greeting")
        cookies = setup.cookies()
        setup.close()

        results = [measure(browser, args.url, cookies, args.cpu) for _ in range(args.runs)]
        browser.close()

    sizes = results[-1][0]
    total = sum(sizes.values())
    print(f"First load of Today at 390x844, cache empty, CPU slowdown {args.cpu:g}x, {args.runs} runs")
    print("\nBytes on the wire (compressed), last run:")
    for kind, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<12} {size / 1024:8.1f} KiB")
    print(f"  {'total':<12} {total / 1024:8.1f} KiB   (budget {BUDGET_KIB} KiB: {'within' if total <= BUDGET_KIB * 1024 else 'OVER'})")
    print("\nTimings in ms (median / max):")
    for name in ("ttfb", "fcp", "lcp", "dcl", "load", "greeting_visible"):
        values = [r[1][name] for r in results]
        print(f"  {name:<17} {statistics.median(values):8.0f} / {max(values):8.0f}")
    print(f"  {'cls':<17} {statistics.median(r[1]['cls'] for r in results):8.3f}")


if __name__ == "__main__":
    main()
