"""Lighthouse (mobile preset) on the sign-in page and on Today signed in: medians of N runs.

Starts the built app on a throwaway database (or reuses one with --url), creates a user who has
accepted the privacy notice and signs in for a session cookie. Each page is measured in its own
headless Chromium, started here with the cookie in its jar (the page's websocket must carry it,
and Lighthouse's --extra-headers do not reach the websocket), which Lighthouse then drives.
Lighthouse itself lives in bench/.lighthouse (gitignored); install it once with

    npm install --prefix bench/.lighthouse lighthouse@12

    .venv/bin/python bench/lighthouse.py [--runs 3] [--url http://localhost:3000] [--keep out/]

The built frontend dials its backend on the port it was built for (3000 unless PORT was given to
make), so the app is served on that port. Measure on a quiet machine: Lighthouse's figures are
simulated from a trace recorded under load, and a busy CPU inflates TBT and LCP.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from _server import free_port, port_busy, wait_for

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "bench" / ".lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
SESSION_COOKIE = "resilience_session"

# The goals (Lighthouse mobile): score, then the three metrics with limits.
GOALS = {"performance": (">=", 95), "lcp_ms": ("<=", 2000), "tbt_ms": ("<=", 100), "cls": ("<=", 0.05)}
AUDITS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "si_ms": "speed-index",
    "tti_ms": "interactive",
}



class ThrowawayServer:
    """`resilience serve` on an empty database in a temporary data folder, with one bench user."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="resilience-lighthouse-"))
        self.env = {**os.environ, "RESILIENCE_DATA_DIR": str(self.folder),
                    "RESILIENCE_DB_URL": f"sqlite:///{self.folder / 'bench.db'}",
                    "RESILIENCE_PORT": str(port)}
        self.process: subprocess.Popen | None = None

    def cli(self, *args: str, stdin: str = "") -> None:
        subprocess.run([sys.executable, "-m", "resilience_app.cli", *args], input=stdin, text=True,
                       env=self.env, cwd=ROOT, check=True, capture_output=True, timeout=600)

    def start(self, username: str, password: str) -> None:
        if port_busy(self.port):
            raise SystemExit(f"port {self.port} is in use: stop that app, or pass --url to measure it")
        if not (ROOT / ".web" / "build" / "client" / "index.html").exists():
            raise SystemExit("no frontend build: run `make build` first")
        self.cli("db", "upgrade")
        self.cli("user", "add", username, "--password-stdin", "--accept-notice", stdin=password + "\n")
        log = open(self.folder / "server.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "resilience_app.cli", "serve", "--port", str(self.port)],
            env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        wait_for(f"http://localhost:{self.port}/ping", 90)

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _post_form(base: str, path: str, fields: dict[str, str]) -> http.client.HTTPResponse:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    connection.request("POST", path, body=urlencode(fields),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    return connection.getresponse()


def session_cookie(base: str, path: str, fields: dict[str, str]) -> list[str]:
    """Post the sign-in (or sign-up) form as a browser would; the cookies it sets ("name=value"): the
    session, and the account's language (the next page is sent prerendered in it), as a browser keeps them."""
    response = _post_form(base, path, fields)
    cookies = [value.split(";", 1)[0] for header, value in response.getheaders() if header.lower() == "set-cookie"]
    if not any(cookie.startswith(SESSION_COOKIE + "=") for cookie in cookies):
        raise SystemExit(f"{path} set no session cookie (answered {response.status} {response.getheader('location')})")
    return cookies



def lighthouse(url: str, cookies: list[str], report_path: Path | None) -> dict:
    """One Lighthouse run (mobile preset, simulated throttling) in a fresh profile; our figures."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        debugging = free_port()
        browser = playwright.chromium.launch_persistent_context(
            Path(scratch) / "profile", executable_path=CHROME_PATH, headless=True,
            args=[*CHROME_FLAGS, f"--remote-debugging-port={debugging}"])
        try:
            for cookie in cookies:
                name, _, value = cookie.partition("=")
                browser.add_cookies([{"name": name, "value": value, "url": url, "httpOnly": name == SESSION_COOKIE}])
            output = Path(scratch) / "report.json"
            command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
                       "--only-categories=performance", f"--port={debugging}", "--save-assets"]
            env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
            subprocess.run(command, env=env, check=True, timeout=300)  # node comes from the venv
        finally:
            browser.close()
        report = json.loads(output.read_text())
        trace_path = Path(scratch) / "report-0.trace.json"
        trace = json.loads(trace_path.read_text())
        if report_path:
            shutil.copyfile(output, report_path)
            shutil.copyfile(trace_path, report_path.with_suffix(".trace.json"))
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse failed on {url}: {report['runtimeError']}")
    final_url = report.get("finalDisplayedUrl") or report.get("finalUrl", "")
    figures = {"performance": round(report["categories"]["performance"]["score"] * 100)}
    for name, audit in AUDITS.items():
        figures[name] = report["audits"][audit]["numericValue"]
    lcp_element = report["audits"].get("largest-contentful-paint-element", {}).get("details", {})
    figures["lcp_element"] = _lcp_selector(lcp_element)
    figures["final_path"] = urlsplit(final_url).path
    figures.update(cpu_figures(trace, report["configSettings"]["throttling"]["cpuSlowdownMultiplier"]))
    figures["benchmark_index"] = report["environment"]["benchmarkIndex"]
    return figures


def cpu_figures(trace: dict | list, slowdown: float) -> dict:
    """What the page's own work costs, apart from waiting for a core. Lighthouse's TBT adds up, for
    each main-thread task after the first contentful paint, the part of its duration (times the CPU
    slowdown) over 50 ms; the durations are wall-clock time, so on a busy machine (or a 2-core one
    where the browser, Lighthouse and the server share the cores) they include the time the thread
    sat ready while another process ran. The same sum over each task's thread time (the trace's
    `tdur`, time on a core) is the blocking the page itself causes. Not Lighthouse's metric, and not a
    substitute for it: a second figure that a slow or busy machine does not inflate."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    names = {(e["pid"], e["tid"]): e["args"].get("name") for e in events if e.get("name") == "thread_name"}
    tasks: dict[tuple, list] = {}
    for event in events:
        if event.get("ph") == "X" and event.get("name") == "RunTask":
            tasks.setdefault((event["pid"], event["tid"]), []).append(event)
    mains = [key for key in tasks if names.get(key) == "CrRendererMain"]
    if not mains:
        return {}
    main = max(mains, key=lambda key: sum(task["dur"] for task in tasks[key]))  # the page's renderer
    paints = [e["ts"] for e in events if e.get("name") == "firstContentfulPaint" and (e["pid"], e["tid"]) == main]
    start = min(paints) if paints else 0
    after = [task for task in tasks[main] if task["ts"] >= start]
    on_core = [task.get("tdur", task["dur"]) / 1000 for task in after]  # ms
    return {
        "tbt_cpu_ms": sum(max(0.0, ms * slowdown - 50) for ms in on_core),
        "main_wall_ms": sum(task["dur"] for task in after) / 1000,
        "main_cpu_ms": sum(on_core),
    }


def _lcp_selector(details: dict) -> str:
    for item in details.get("items", []):
        for row in item.get("items", [item]):
            node = row.get("node") or {}
            if node.get("selector"):
                return node["selector"]
    return "?"


def _met(name: str, value: float) -> bool:
    sign, limit = GOALS[name]
    return value >= limit if sign == ">=" else value <= limit


def summarise(page: str, runs: list[dict]) -> bool:
    median = {name: statistics.median(run[name] for run in runs) for name in ("performance", *AUDITS)}
    print(f"\n{page}  ({len(runs)} runs; ended on {runs[-1]['final_path']}; LCP element {runs[-1]['lcp_element']})")
    print(f"  performance {median['performance']:5.0f}   runs: {', '.join(str(r['performance']) for r in runs)}")
    for name, label in (("fcp_ms", "FCP"), ("lcp_ms", "LCP"), ("tbt_ms", "TBT"), ("si_ms", "SI"), ("tti_ms", "TTI")):
        spread = f"{min(r[name] for r in runs):.0f}–{max(r[name] for r in runs):.0f}"
        print(f"  {label:<11} {median[name]:5.0f} ms  ({spread})")
    print(f"  CLS         {median['cls']:7.3f}")
    if all("tbt_cpu_ms" in run for run in runs):
        cpu = [run["tbt_cpu_ms"] for run in runs]
        share = statistics.median(run["main_cpu_ms"] / run["main_wall_ms"] for run in runs if run["main_wall_ms"])
        print(f"  TBT on CPU  {statistics.median(cpu):5.0f} ms  ({min(cpu):.0f}–{max(cpu):.0f}; the same rule over the main "
              f"thread's time on a core, which was {share:.0%} of its wall time after first paint; "
              f"benchmarkIndex {', '.join(str(round(run['benchmark_index'])) for run in runs)})")
    met = {name: _met(name, median[name]) for name in GOALS}
    print("  goals: " + ", ".join(f"{name} {sign} {limit}: {'met' if met[name] else 'NOT met'}"
                                  for name, (sign, limit) in GOALS.items()))
    return all(met.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", help="measure this running app instead of starting one (signs up a bench user)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RESILIENCE_PORT", "3000")))
    parser.add_argument("--keep", type=Path, help="folder to keep each run's Lighthouse JSON report in")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: npm install --prefix bench/.lighthouse lighthouse@12")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    username, password = f"bench{secrets.token_hex(4)}", "a long bench pass phrase"
    server = None
    if args.url:
        base = args.url.rstrip("/")
        cookies = session_cookie(base, "/auth/register", {"username": username, "password": password,
                                                         "consent_sensitive": "yes"})
    else:
        base = f"http://localhost:{args.port}"
        server = ThrowawayServer(args.port)
    try:
        if server:
            server.start(username, password)
            cookies = session_cookie(base, "/auth/login", {"username": username, "password": password})
        load = os.getloadavg()
        print(f"Lighthouse mobile preset (simulated slow 4G, 4x CPU slowdown), {args.runs} runs a page; "
              f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
        pages = (("/login", "/login", []), ("Today (signed in)", "/", cookies))
        all_met = True
        for label, path, page_cookies in pages:
            runs = []
            for n in range(args.runs):
                keep = args.keep / f"{path.strip('/') or 'today'}-{n + 1}.json" if args.keep else None
                runs.append(lighthouse(base + path, page_cookies, keep))
            all_met &= summarise(label, runs)
        load = os.getloadavg()
        print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print("every goal met" if all_met else "some goals NOT met")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
